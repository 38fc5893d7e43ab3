// The change section's tables and charts. Rows go by park in park_change's order (the later
// audit's parks, then those only in the earlier), then "in no park"; totals are sums of the rows.
#include "engine/deliverables/report/report_change.h"

#include <algorithm>
#include <cctype>

#include "engine/deliverables/report/report_charts.h"
#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_rows.h"
#include "engine/deliverables/report/report_style_colours.h"
#include "engine/deliverables/report/report_table.h"
#include "engine/monitoring/growth_targets.h"
#include "layers/units.h"

namespace landaudit {

namespace {

using Format = ReportColumn::Format;
using Rows = ReportRows;

// What every table of the section reads.
struct ChangeView {
    const ReportContext& ctx;
    const AuditOutput& change;
    const OutputTable* parks;  // park_change
    std::vector<StyleClass> kinds, outcomes, conflicts;  // parcel_change.change, disposal.outcome, conflict_change.change

    const ReportLabels& L() const { return ctx.labels; }
    const OutputTable* table(const char* name) const { return change.table(name); }
};

std::string empty_note(const ReportLabels& labels, const std::string& key) {
    return "<p class=\"empty\">" + html_escape(labels.label("text", key)) + "</p>";
}


// park_change's parks, then "" when a row of `table` lies in no park.
std::vector<std::string> park_keys(const ChangeView& v, const OutputTable* table) {
    std::vector<std::string> keys;
    if (v.parks)
        for (const auto& row : v.parks->rows) keys.push_back(field_text(*v.parks, row, "park_id"));
    for (const auto& [key, rows] : rows_by_park(table))
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    return keys;
}

const OutputRow* park_row(const ChangeView& v, const std::string& park_id) {
    if (!v.parks || park_id.empty()) return nullptr;
    for (const auto& row : v.parks->rows)
        if (field_text(*v.parks, row, "park_id") == park_id) return &row;
    return nullptr;
}

std::vector<ReportColumn> park_columns(const ChangeView& v) {
    return {{v.parks ? field_alias(*v.parks, "name", v.L().label("header", "park")) : v.L().label("header", "park"),
             "name", Format::Text},
            {v.parks ? field_alias(*v.parks, "park_id", "park_id") : "park_id", "park_id", Format::Code}};
}

std::vector<ReportCell> park_cells(const ChangeView& v, const std::string& park_id) {
    const OutputRow* row = park_row(v, park_id);
    if (!row) return {{park_id.empty() ? v.L().label("text", "no_park") : park_id}, {park_id}};
    return {{field_text(*v.parks, *row, "name")}, {park_id}};
}

std::string park_label(const ChangeView& v, const std::string& park_id) {
    const OutputRow* row = park_row(v, park_id);
    const std::string name = row ? field_text(*v.parks, *row, "name") : "";
    if (park_id.empty()) return v.L().label("text", "no_park");
    return name.empty() ? park_id : name;
}

const InputFileRecord* input_of_role(const RunInfo& info, const std::string& role) {
    for (const auto& in : info.inputs)
        if (in.role == role) return &in;
    return nullptr;
}

// Calendar years between the two audits: park_change.years of the first park that has it.
std::optional<double> interval_years(const ChangeView& v) {
    if (!v.parks) return std::nullopt;
    for (const auto& row : v.parks->rows)
        if (auto y = field_number(*v.parks, row, "years"); y && *y > 0) return y;
    return std::nullopt;
}

// "2024 → 2025-12-31": the earlier audit's year (the later as_of's year less the interval) and
// the later as_of.
std::string years_text(const ChangeView& v) {
    const std::string later = v.ctx.output.run_info.as_of.empty() ? v.change.run_info.as_of : v.ctx.output.run_info.as_of;
    const auto years = interval_years(v);
    std::string earlier = "—";
    if (years && later.size() >= 4 && std::all_of(later.begin(), later.begin() + 4, [](unsigned char c) { return std::isdigit(c) != 0; }))
        earlier = std::to_string(std::stoi(later.substr(0, 4)) - static_cast<int>(*years));
    return earlier + " → " + (later.empty() ? "—" : later);
}

// The two years, then the files compared (run_inputs of the change): role, audit, path, digest.
std::string meta_table(const ChangeView& v) {
    const ReportLabels& L = v.L();
    const RunInfo& info = v.change.run_info;
    std::string out = "<table class=\"meta\"><tbody>";
    out += meta_row(L.label("meta", "change_years"), "as_of", years_text(v), false);
    const auto years = interval_years(v);
    out += meta_row(L.label("meta", "years"), "park_change.years", years ? format_number(*years, 0) : "", false);
    out += meta_row(L.label("meta", "change_file"), "gpkg", v.change.path, true);
    out += "</tbody></table>";
    if (info.empty()) return out + "<p class=\"note\">" + html_escape(L.label("text", "change_no_run_info")) + "</p>";
    ReportTable t({{L.label("header", "compared_role"), "role", Format::Text},
                   {L.label("header", "audit_name"), "name", Format::Text},
                   {L.label("header", "path"), "path", Format::Code},
                   {L.label("header", "sha256"), "sha256", Format::Code}},
                  "data inputs change-inputs");
    for (const char* role : {"earlier", "later", "targets"})
        if (const InputFileRecord* in = input_of_role(info, role))
            t.add_row({{L.label("meta", role) + " " + role}, {in->name}, {in->path}, {in->sha256, std::nullopt, "hashes"}});
    return out + t.html();
}

// 处置率 of one kind of stock ("unsup" or "idle") per park, from park_change: stock, disposed,
// ratio, target and verdict.
std::string disposal_rate_table(const ChangeView& v, const std::string& kind) {
    if (!v.parks) return empty_note(v.L(), "none");
    const OutputTable& k = *v.parks;
    std::vector<ReportColumn> cols = park_columns(v);
    cols.push_back({field_alias(k, kind + "_stk", kind + "_stk"), kind + "_stk", Format::Decimal2, "park_change." + kind + "_stk"});
    cols.push_back({field_alias(k, kind + "_dsp", kind + "_dsp"), kind + "_dsp", Format::Decimal2, "park_change." + kind + "_dsp"});
    cols.push_back({field_alias(k, kind + "_rat", kind + "_rat"), kind + "_rat", Format::Decimal2, "",
                    "park_change." + kind + "_dsp", "park_change." + kind + "_stk"});
    cols.push_back({field_alias(k, kind + "_tgt", kind + "_tgt"), kind + "_tgt", Format::Decimal2});
    cols.push_back({field_alias(k, kind + "_ok", kind + "_ok"), kind + "_ok", Format::Text});
    ReportTable t(cols, "data change-disposal-" + kind);
    for (const auto& row : k.rows) {
        std::vector<ReportCell> cells = park_cells(v, field_text(k, row, "park_id"));
        for (const char* f : {"_stk", "_dsp", "_rat", "_tgt"}) cells.push_back({"", field_number(k, row, kind + f)});
        const std::string ok = field_text(k, row, kind + "_ok");
        cells.push_back({ok.empty() ? "" : v.L().label("pass", ok) + " " + ok, std::nullopt,
                         ok == "FAIL" ? "fail" : ok == "PASS" ? "pass" : ""});
        t.add_row(cells);
    }
    std::string out = t.html(v.L().label("text", "total"));
    if (k.rows.empty() || !field_number(k, k.rows.front(), kind + "_tgt"))
        out += "<p class=\"note\">" + html_escape(v.L().label("text", "no_disposal_target")) + "</p>";
    return out;
}

// The earlier stock by outcome per park (亩), from the disposal pieces.
std::string disposal_outcome_table(const ChangeView& v) {
    const OutputTable* d = v.table("disposal");
    if (!d || d->rows.empty()) return empty_note(v.L(), "no_stock");
    const std::vector<std::string> outcomes = values_in_order(d, "outcome", v.outcomes);
    std::vector<ReportColumn> cols = park_columns(v);
    for (const auto& o : outcomes)
        cols.push_back({class_of(v.outcomes, o).label + v.L().label("header", "mu_suffix"), o, Format::Decimal2,
                        "disposal.area_m2[outcome=" + o + "]@mu"});
    cols.push_back({v.L().label("header", "stock_mu"), "area_mu", Format::Decimal2, "disposal.area_m2@mu"});
    ReportTable t(cols, "data change-outcomes");
    const auto by_park = rows_by_park(d);
    for (const auto& key : park_keys(v, d)) {
        auto it = by_park.find(key);
        if (it == by_park.end()) continue;
        std::vector<ReportCell> cells = park_cells(v, key);
        for (const auto& o : outcomes) cells.push_back({"", sum_where(*d, it->second, "area_m2", "outcome", o) / kSquareMetresPerMu});
        cells.push_back({"", sum_where(*d, it->second, "area_m2", "", "") / kSquareMetresPerMu});
        t.add_row(cells);
    }
    return t.html(v.L().label("text", "total"));
}

// One kind of stock (unsupplied or idle) per park, stacked by outcome (亩).
std::string disposal_chart(const ChangeView& v, const std::string& kind, const std::string& id) {
    const OutputTable* d = v.table("disposal");
    Rows rows;
    std::map<std::string, Rows> by_park;
    for (const OutputRow* row : all_rows(d))
        if (field_text(*d, *row, "kind") == kind) {
            rows.push_back(row);
            by_park[field_text(*d, *row, "park_id")].push_back(row);
        }
    if (rows.empty()) return empty_note(v.L(), "no_stock");
    BarChart chart;
    std::vector<std::string> keys;
    for (const auto& key : park_keys(v, d))
        if (by_park.count(key)) {
            keys.push_back(key);
            chart.categories.push_back(park_label(v, key));
        }
    for (const auto& o : values_in_order(*d, rows, "outcome", v.outcomes)) {
        const StyleClass c = class_of(v.outcomes, o);
        ChartSeries series{c.label + " " + o, {}, {c.colour}};
        for (const auto& key : keys) {
            const double mu = sum_where(*d, by_park.at(key), "area_m2", "outcome", o) / kSquareMetresPerMu;
            series.data.push_back(mu > 0 ? std::optional<double>(mu) : std::nullopt);
        }
        chart.series.push_back(series);
    }
    chart.stacked = true;
    chart.y_title = v.L().label("text", "mu_axis");
    return chart_element(id, chart, kind + " stock of the earlier audit by outcome");
}

// The park 亩均 figures of both audits with their annualised growth, one row per park and indicator.
std::string growth_table(const ChangeView& v) {
    if (!v.parks) return empty_note(v.L(), "none");
    const OutputTable& k = *v.parks;
    const ReportLabels& L = v.L();
    std::vector<ReportColumn> cols = park_columns(v);
    cols.push_back({L.label("header", "indicator"), "indicator", Format::Text});
    cols.push_back({L.label("header", "earlier"), "X_0", Format::Decimal2});
    cols.push_back({L.label("header", "later"), "X_1", Format::Decimal2});
    cols.push_back({L.label("header", "delta"), "X_d", Format::Decimal2});
    cols.push_back({L.label("header", "growth"), "((X_1 ÷ X_0)^(1/years) − 1) × 100", Format::Decimal2});
    ReportTable t(cols, "data change-growth");
    const std::optional<double> fallback_years = interval_years(v);
    for (const auto& row : k.rows) {
        const std::optional<double> years = field_number(k, row, "years");
        for (const auto& ind : L.group("change_indicator")) {
            if (!k.field_index(ind.key + "_0")) continue;
            std::vector<ReportCell> cells = park_cells(v, field_text(k, row, "park_id"));
            const auto v0 = field_number(k, row, ind.key + "_0"), v1 = field_number(k, row, ind.key + "_1");
            cells.push_back({ind.label + " " + ind.key});
            cells.push_back({"", v0});
            cells.push_back({"", v1});
            cells.push_back({"", field_number(k, row, ind.key + "_d")});
            cells.push_back({"", annual_growth_pct(v0, v1, years.value_or(fallback_years.value_or(0)))});
            t.add_row(cells);
        }
    }
    return t.html();
}

// The yearly targets per park (park_change.targets) and how many of its parcels met theirs.
std::string targets_table(const ChangeView& v) {
    if (!v.parks) return empty_note(v.L(), "none");
    const OutputTable& k = *v.parks;
    const OutputTable* pc = v.table("parcel_change");
    const ReportLabels& L = v.L();
    std::vector<ReportColumn> cols = park_columns(v);
    cols.push_back({field_alias(k, "years", "years"), "years", Format::Integer});
    cols.push_back({field_alias(k, "targets", "targets"), "targets", Format::Text});
    cols.push_back({field_alias(k, "tgt_pass", "tgt_pass"), "tgt_pass", Format::Text});
    const std::vector<std::string> verdicts{"PASS", "FAIL", "NA"};
    for (const auto& p : verdicts)
        cols.push_back({L.label("header", "parcels_" + p), p, Format::Integer, "parcel_change.count[tgt_pass=" + p + "]"});
    ReportTable t(cols, "data change-targets");
    const auto by_park = rows_by_park(pc);
    for (const auto& key : park_keys(v, pc)) {
        std::vector<ReportCell> cells = park_cells(v, key);
        const OutputRow* row = park_row(v, key);
        cells.push_back({"", row ? field_number(k, *row, "years") : std::nullopt});
        const std::string pass = row ? field_text(k, *row, "tgt_pass") : "";
        cells.push_back({row ? field_text(k, *row, "targets") : "", std::nullopt, "detail"});
        cells.push_back({pass.empty() ? "" : L.label("pass", pass) + " " + pass, std::nullopt,
                         pass == "FAIL" ? "fail" : pass == "PASS" ? "pass" : ""});
        auto it = by_park.find(key);
        for (const auto& p : verdicts)
            cells.push_back({"", it == by_park.end() ? 0.0 : sum_where(*pc, it->second, "", "tgt_pass", p)});
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

// Parcels per park by their main change: counts, or areas in 亩.
std::string transitions_table(const ChangeView& v, bool areas) {
    const OutputTable* pc = v.table("parcel_change");
    if (!pc || pc->rows.empty()) return empty_note(v.L(), "none");
    const ReportLabels& L = v.L();
    const std::vector<std::string> kinds = values_in_order(pc, "change", v.kinds);
    std::vector<ReportColumn> cols = park_columns(v);
    for (const auto& kind : kinds)
        cols.push_back({class_of(v.kinds, kind).label + L.label("header", areas ? "mu_suffix" : "count_suffix"), kind,
                        areas ? Format::Decimal2 : Format::Integer,
                        "parcel_change." + std::string(areas ? "area_m2" : "count") + "[change=" + kind + "]" + (areas ? "@mu" : "")});
    cols.push_back({L.label("header", areas ? "parcels_mu" : "parcels_count"), areas ? "area_mu" : "count",
                    areas ? Format::Decimal2 : Format::Integer, areas ? "parcel_change.area_m2@mu" : "parcel_change.count"});
    ReportTable t(cols, areas ? "data change-transitions-area" : "data change-transitions");
    const auto by_park = rows_by_park(pc);
    for (const auto& key : park_keys(v, pc)) {
        auto it = by_park.find(key);
        if (it == by_park.end()) continue;
        std::vector<ReportCell> cells = park_cells(v, key);
        const double scale = areas ? kSquareMetresPerMu : 1;
        for (const auto& kind : kinds) cells.push_back({"", sum_where(*pc, it->second, areas ? "area_m2" : "", "change", kind) / scale});
        cells.push_back({"", sum_where(*pc, it->second, areas ? "area_m2" : "", "", "") / scale});
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

// Parcels per park by main change, stacked, without the unchanged ones (they would dwarf the rest).
std::string transitions_chart(const ChangeView& v, const std::string& id) {
    const OutputTable* pc = v.table("parcel_change");
    if (!pc) return empty_note(v.L(), "none");
    const auto by_park = rows_by_park(pc);
    BarChart chart;
    std::vector<std::string> keys;
    for (const auto& key : park_keys(v, pc)) {
        auto it = by_park.find(key);
        if (it == by_park.end()) continue;
        if (sum_where(*pc, it->second, "", "", "") == sum_where(*pc, it->second, "", "change", "unchanged")) continue;
        keys.push_back(key);
        chart.categories.push_back(park_label(v, key));
    }
    for (const auto& kind : values_in_order(pc, "change", v.kinds)) {
        if (kind == "unchanged") continue;
        const StyleClass c = class_of(v.kinds, kind);
        ChartSeries series{c.label + " " + kind, {}, {c.colour}};
        for (const auto& key : keys) {
            const double n = sum_where(*pc, by_park.at(key), "", "change", kind);
            series.data.push_back(n > 0 ? std::optional<double>(n) : std::nullopt);
        }
        chart.series.push_back(series);
    }
    if (chart.series.empty()) return empty_note(v.L(), "no_transitions");
    chart.stacked = true;
    chart.y_title = v.L().label("text", "grade_axis");
    return chart_element(id, chart, "parcels by main change");
}

// New and resolved conflict land per park: pieces and m².
std::string conflicts_table(const ChangeView& v) {
    const OutputTable* cc = v.table("conflict_change");
    const ReportLabels& L = v.L();
    if (!cc || cc->rows.empty()) return empty_note(L, "no_conflict_change");
    std::vector<ReportColumn> cols = park_columns(v);
    for (const std::string change : {"new", "left"}) {
        const std::string label = class_of(v.conflicts, change).label;
        cols.push_back({label + L.label("header", "pieces_suffix"), change, Format::Integer,
                        "conflict_change.count[change=" + change + "]"});
        cols.push_back({label + L.label("header", "m2_suffix"), change, Format::Decimal2,
                        "conflict_change.area_m2[change=" + change + "]"});
    }
    ReportTable t(cols, "data change-conflicts");
    const auto by_park = rows_by_park(cc);
    for (const auto& key : park_keys(v, cc)) {
        auto it = by_park.find(key);
        if (it == by_park.end()) continue;
        std::vector<ReportCell> cells = park_cells(v, key);
        for (const std::string change : {"new", "left"}) {
            cells.push_back({"", sum_where(*cc, it->second, "", "change", change)});
            cells.push_back({"", sum_where(*cc, it->second, "area_m2", "change", change)});
        }
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

// Every conflict piece that appeared or left (up to the setting change_conflict_rows), largest first.
std::string conflicts_list(const ChangeView& v) {
    const OutputTable* cc = v.table("conflict_change");
    const ReportLabels& L = v.L();
    if (!cc || cc->rows.empty()) return "";
    Rows rows;
    for (const auto& row : cc->rows) rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(), [&](const OutputRow* a, const OutputRow* b) {
        return field_number(*cc, *a, "area_m2").value_or(0) > field_number(*cc, *b, "area_m2").value_or(0);
    });
    const std::size_t limit = static_cast<std::size_t>(std::max(0, L.setting("change_conflict_rows", 40)));
    ReportTable t({field_column(*cc, "change", Format::Text), field_column(*cc, "layer", Format::Text),
                   field_column(*cc, "parcel_id", Format::Code), field_column(*cc, "park_id", Format::Code),
                   field_column(*cc, "feat_ids", Format::Code), field_column(*cc, "area_m2", Format::Decimal2)},
                  "data change-conflict-list");
    for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
        const OutputRow& row = *rows[i];
        const std::string change = field_text(*cc, row, "change"), layer = field_text(*cc, row, "layer");
        t.add_row({{class_of(v.conflicts, change).label + " " + change, std::nullopt, change == "new" ? "fail" : "pass"},
                   {L.label("role", layer) + " " + layer},
                   {field_text(*cc, row, "parcel_id")},
                   {field_text(*cc, row, "park_id")},
                   {field_text(*cc, row, "feat_ids")},
                   {"", field_number(*cc, row, "area_m2")}});
    }
    std::string out = t.html();
    if (rows.size() > limit)
        out += "<p class=\"note\">" + html_escape(shown_of_total(L.label("text", "change_conflicts_shown"), limit, rows.size())) + "</p>";
    return out;
}

std::string diagnostics_note(const ChangeView& v) {
    const OutputTable* d = v.table("diagnostics");
    const std::size_t n = d ? d->rows.size() : 0;
    return "<p class=\"note\">" + html_escape(shown_of_total(v.L().label("text", "change_diagnostics"), n, n)) + "</p>";
}

}  // namespace

std::map<std::string, std::string> change_section_values(const ReportContext& ctx, const ReportChange& change) {
    const ReportLabels& L = ctx.labels;
    ChangeView v{ctx,
                 change.output,
                 change.output.table("park_change"),
                 style_classes(change.styles, "parcel_change", "change", L, "change"),
                 style_classes(change.styles, "disposal", "outcome", L, "outcome"),
                 style_classes(change.styles, "conflict_change", "change", L, "conflict_change")};
    return {
        {"change_years", html_escape(years_text(v))},
        {"change_file", html_escape(change.output.path.substr(change.output.path.find_last_of('/') + 1))},
        {"change_meta", meta_table(v)},
        {"change_unsupplied_rate_table", disposal_rate_table(v, "unsup")},
        {"change_idle_rate_table", disposal_rate_table(v, "idle")},
        {"change_outcome_table", disposal_outcome_table(v)},
        {"change_unsupplied_chart", disposal_chart(v, "unsupplied", "chart-change-unsupplied")},
        {"change_idle_chart", disposal_chart(v, "idle", "chart-change-idle")},
        {"change_growth_table", growth_table(v)},
        {"change_targets_table", targets_table(v)},
        {"change_transitions_table", transitions_table(v, false)},
        {"change_transitions_area_table", transitions_table(v, true)},
        {"change_transitions_chart", transitions_chart(v, "chart-change-transitions")},
        {"change_conflicts_table", conflicts_table(v)},
        {"change_conflicts_list", conflicts_list(v)},
        {"change_diagnostics", diagnostics_note(v)},
    };
}

}  // namespace landaudit
