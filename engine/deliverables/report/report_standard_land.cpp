// 标准地 and 星级园区 in the report: counts and verdicts read back from standard_land, parks and
// star_targets. No totals rows: each count is a row of its own table.
#include "engine/deliverables/report/report_standard_land.h"

#include <map>

#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_table.h"

namespace landaudit {

namespace {

using Format = ReportColumn::Format;

const char* const kVerdicts[] = {"short", "met", "not_yet_due", "unknown"};

std::string empty_note(const ReportContext& ctx, const char* key) {
    return "<p class=\"empty\">" + html_escape(ctx.labels.label("text", key)) + "</p>";
}

std::string park_name(const ReportContext& ctx, const std::string& park_id) {
    const OutputTable* parks = ctx.table("parks");
    if (parks)
        for (const auto& row : parks->rows)
            if (field_text(*parks, row, "park_id") == park_id) return field_text(*parks, row, "name");
    return ctx.labels.label("text", "no_park");
}

}  // namespace

std::string stars_table(const ReportContext& ctx) {
    const OutputTable& parks = *ctx.table("parks");
    if (!parks.field_index("stars")) return empty_note(ctx, "no_stars");
    const ReportLabels& L = ctx.labels;
    ReportTable t({{field_alias(parks, "name", L.label("header", "park")), "name", Format::Text},
                   {field_alias(parks, "park_id", "park_id"), "park_id", Format::Code},
                   field_column(parks, "stars", Format::Integer),
                   {L.label("header", "star_rating"), "star_why", Format::Text}});
    for (const auto& row : parks.rows) {
        const std::string why = field_text(parks, row, "star_why");
        t.add_row({{field_text(parks, row, "name")},
                   {field_text(parks, row, "park_id")},
                   {"", field_number(parks, row, "stars")},
                   {why.substr(0, why.find(" | "))}});  // the rating; the bands follow in the GeoPackage
    }
    return t.html();
}

std::string star_targets_html(const ReportContext& ctx) {
    const ReportLabels& L = ctx.labels;
    const OutputTable* targets = ctx.table("star_targets");
    if (targets && !targets->rows.empty()) {
        ReportTable t({field_column(*targets, "rule_set", Format::Code), field_column(*targets, "band", Format::Text),
                       field_column(*targets, "parks", Format::Integer), field_column(*targets, "target", Format::Integer),
                       field_column(*targets, "target_yr", Format::Year),
                       {L.label("header", "target_reached"), "parks ≥ target", Format::Text},
                       field_column(*targets, "source", Format::Text)});
        for (const auto& row : targets->rows) {
            const auto parks = field_number(*targets, row, "parks"), target = field_number(*targets, row, "target");
            const std::string band = field_text(*targets, row, "band");
            const bool reached = parks && target && *parks >= *target;
            t.add_row({{field_text(*targets, row, "rule_set")},
                       {L.label("star_band", band)},
                       {"", parks},
                       {"", target},
                       {"", field_number(*targets, row, "target_yr")},
                       {target ? L.label("text", reached ? "target_met" : "target_not_met") : "",
                        std::nullopt, target ? (reached ? "pass" : "fail") : ""},
                       {field_text(*targets, row, "source")}});
        }
        return t.html();
    }
    // An output without star_targets: the parks per stars value, without targets.
    const OutputTable& parks = *ctx.table("parks");
    if (!parks.field_index("stars")) return empty_note(ctx, "no_stars");
    std::map<std::string, double> per_value;
    for (const auto& row : parks.rows) {
        const auto stars = field_number(parks, row, "stars");
        ++per_value[stars ? format_number(*stars, 0) : "NA"];
    }
    ReportTable t({{field_alias(parks, "stars", "stars"), "stars", Format::Text},
                   {L.label("header", "count"), "parks", Format::Integer}});
    for (const auto& [value, n] : per_value) t.add_row({{value}, {"", n}});
    return t.html();
}

std::string standard_land_html(const ReportContext& ctx) {
    const OutputTable* land = ctx.table("standard_land");
    if (!land || land->rows.empty()) return empty_note(ctx, "no_standard_land");
    const ReportLabels& L = ctx.labels;
    std::vector<ReportColumn> cols{{L.label("header", "park"), "name", Format::Text},
                                   {field_alias(*land, "park_id", "park_id"), "park_id", Format::Code}};
    for (const char* v : kVerdicts) cols.push_back({L.label("standard_land", v), v, Format::Integer});
    ReportTable counts(cols);
    std::map<std::string, std::map<std::string, double>> by_park;  // park → verdict → parcels
    for (const auto& row : land->rows) ++by_park[field_text(*land, row, "park_id")][field_text(*land, row, "status")];
    for (const auto& [park, verdicts] : by_park) {
        std::vector<ReportCell> cells{{park_name(ctx, park)}, {park}};
        for (const char* v : kVerdicts) {
            auto it = verdicts.find(v);
            cells.push_back({"", it == verdicts.end() ? 0.0 : it->second});
        }
        counts.add_row(cells);
    }
    ReportTable shortfalls({field_column(*land, "parcel_id", Format::Code), field_column(*land, "park_id", Format::Code),
                            field_column(*land, "due_date", Format::Code), field_column(*land, "n_short", Format::Integer),
                            field_column(*land, "reasons", Format::Text)});
    for (const auto& row : land->rows)
        if (field_text(*land, row, "status") == "short")
            shortfalls.add_row({{field_text(*land, row, "parcel_id")},
                                {field_text(*land, row, "park_id")},
                                {field_text(*land, row, "due_date")},
                                {"", field_number(*land, row, "n_short")},
                                {field_text(*land, row, "reasons")}});
    return counts.html() + (shortfalls.row_count() ? shortfalls.html() : empty_note(ctx, "no_std_short"));
}

}  // namespace landaudit
