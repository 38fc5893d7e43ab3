// Audit-wide tables of the report. Every number comes from a layer of the output; totals are
// sums of the rows shown (see report_table.h for the keys that name them).
#include "engine/deliverables/report/report_summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_rows.h"
#include "engine/deliverables/report/report_table.h"
#include "layers/units.h"

namespace landaudit {

namespace {

using Format = ReportColumn::Format;
using Rows = ReportRows;

std::string with_code(const std::string& label, const std::string& code) {
    return label == code || label.empty() ? code : label + " " + code;
}

// The parks in file order, then "" when some row of `tables` lies in no park.
std::vector<std::string> row_keys(const ReportContext& ctx, const std::vector<const OutputTable*>& tables) {
    std::vector<std::string> keys = ctx.park_ids;
    for (const OutputTable* t : tables)
        if (rows_by_park(t).count(ReportContext::kNoPark)) {
            keys.push_back(ReportContext::kNoPark);
            break;
        }
    return keys;
}

const OutputRow* park_row(const ReportContext& ctx, const std::string& park_id) {
    const OutputTable* parks = ctx.table("parks");
    if (!parks || park_id.empty()) return nullptr;
    for (const auto& row : parks->rows)
        if (field_text(*parks, row, "park_id") == park_id) return &row;
    return nullptr;
}

// The first two columns of every per-park table: name and code.
std::vector<ReportColumn> park_columns(const ReportContext& ctx) {
    const OutputTable* parks = ctx.table("parks");
    return {{field_alias(*parks, "name", ctx.labels.label("header", "park")), "name", Format::Text},
            {field_alias(*parks, "park_id", "park_id"), "park_id", Format::Code}};
}

std::vector<ReportCell> park_cells(const ReportContext& ctx, const std::string& park_id) {
    const OutputTable* parks = ctx.table("parks");
    const OutputRow* row = park_row(ctx, park_id);
    if (!row) return {{ctx.labels.label("text", "no_park")}, {""}};
    return {{field_text(*parks, *row, "name")}, {park_id}};
}

// A column of a parks field: header from its alias, summed when `sum`.
ReportColumn parks_field(const OutputTable& parks, const std::string& field, Format format, bool sum) {
    ReportColumn column = field_column(parks, field, format);
    if (sum) column.total_key = "parks." + field;
    return column;
}

ReportColumn parks_ratio(const OutputTable& parks, const std::string& field, const std::string& numerator,
                         const std::string& denominator) {
    return {field_alias(parks, field, field), field, Format::Decimal2, "", "parks." + numerator, "parks." + denominator};
}

std::optional<double> in_mu(std::optional<double> m2) {
    if (!m2) return std::nullopt;
    return *m2 / kSquareMetresPerMu;
}

std::vector<InputFileRecord> inputs_of_role(const RunInfo& info, bool rule_sets) {
    std::vector<InputFileRecord> out;
    for (const auto& in : info.inputs)
        if ((in.role == "rule_set") == rule_sets) out.push_back(in);
    return out;
}

std::optional<double> count_or_null(long long n) { return n < 0 ? std::nullopt : std::optional<double>(static_cast<double>(n)); }

}  // namespace

ReportColumn field_column(const OutputTable& table, const std::string& field, ReportColumn::Format format) {
    return {field_alias(table, field, field), field, format};
}

std::string metadata_table(const ReportContext& ctx) {
    const RunInfo& i = ctx.output.run_info;
    const ReportLabels& L = ctx.labels;
    std::string out = "<table class=\"meta\"><tbody>";
    if (i.empty()) {
        out += meta_row(L.label("meta", "source"), "path", ctx.output.path, true);
        out += meta_row(L.label("meta", "working_crs"), "crs", ctx.output.crs_authid);
        return out + "</tbody></table><p class=\"note\">" + html_escape(L.label("text", "no_run_info")) + "</p>";
    }
    out += meta_row(L.label("meta", "audit_name"), "audit_name", i.audit_name);
    out += meta_row(L.label("meta", "as_of"), "as_of", i.as_of);
    out += meta_row(L.label("meta", "working_crs"), "working_crs",
                    i.working_crs_name.empty() || i.working_crs_name.rfind(i.working_crs, 0) == 0
                        ? (i.working_crs_name.empty() ? i.working_crs : i.working_crs_name)
                        : i.working_crs + " — " + i.working_crs_name);
    out += meta_row(L.label("meta", "area_method"), "area_method", i.area_method);
    out += meta_row(L.label("meta", "min_overlap"), "min_overlap_m2", format_number(i.min_overlap_m2, 2));
    out += meta_row(L.label("meta", "run_time"), "started → finished", i.started + " → " + i.finished);
    out += meta_row(L.label("meta", "engine_version"), "engine_version", "landaudit " + i.engine_version);
    out += meta_row(L.label("meta", "config_path"), "config_path", i.config_path, true);
    out += meta_row(L.label("meta", "source"), "gpkg", ctx.output.path, true);
    return out + "</tbody></table>";
}

std::string inputs_table(const ReportContext& ctx) {
    const ReportLabels& L = ctx.labels;
    ReportTable t({{L.label("header", "role"), "role", Format::Text},
                   {L.label("header", "path"), "path", Format::Code},
                   {L.label("header", "features"), "features", Format::Integer},
                   {L.label("header", "crs"), "crs", Format::Text},
                   {L.label("header", "encoding"), "encoding", Format::Text},
                   {L.label("header", "sha256"), "sha256", Format::Code}},
                  "data inputs");
    // A layer's sidecar files (.shx, .dbf, .prj, .cpg) follow its main file in run_inputs: one row
    // for the layer, a SHA-256 line for each of its files.
    auto stem = [](const std::string& path) { return path.substr(0, path.rfind('.')); };
    auto file_name = [](const std::string& path) { return path.substr(path.rfind('/') + 1); };
    const std::vector<InputFileRecord> inputs = inputs_of_role(ctx.output.run_info, false);
    for (std::size_t i = 0; i < inputs.size();) {
        const InputFileRecord& in = inputs[i];
        std::string hashes = file_name(in.path) + "  " + in.sha256;
        std::size_t j = i + 1;
        for (; j < inputs.size() && inputs[j].role == in.role && inputs[j].features < 0 && inputs[j].crs.empty() &&
               stem(inputs[j].path) == stem(in.path);
             ++j)
            hashes += "\n" + file_name(inputs[j].path) + "  " + inputs[j].sha256;
        t.add_row({{with_code(L.label("role", in.role), in.role) + (in.name.empty() ? "" : " · " + in.name)},
                   {in.path},
                   {"", count_or_null(in.features)},
                   {in.crs},
                   {in.encoding},
                   {hashes, std::nullopt, "hashes"}});
        i = j;
    }
    if (t.row_count() == 0) return "<p class=\"empty\">" + html_escape(L.label("text", "no_run_info")) + "</p>";
    return t.html();
}

std::string rule_sets_table(const ReportContext& ctx) {
    const ReportLabels& L = ctx.labels;
    ReportTable t({{L.label("header", "name"), "name", Format::Code},
                   {L.label("header", "path"), "path", Format::Code},
                   {L.label("header", "sha256"), "sha256", Format::Code}},
                  "data inputs");
    for (const auto& in : inputs_of_role(ctx.output.run_info, true)) t.add_row({{in.name}, {in.path}, {in.sha256}});
    if (t.row_count() == 0) return "<p class=\"empty\">" + html_escape(L.label("text", "none")) + "</p>";
    return t.html();
}

std::string compliance_table(const ReportContext& ctx) {
    const OutputTable& parks = *ctx.table("parks");
    std::vector<ReportColumn> cols = park_columns(ctx);
    cols.push_back(parks_field(parks, "area_m2", Format::Decimal2, true));
    cols.push_back({ctx.labels.label("header", "area_mu"), "area_m2 ÷ 666.67", Format::Decimal2, "parks.area_m2@mu"});
    cols.push_back(parks_field(parks, "red_m2", Format::Decimal2, true));
    cols.push_back(parks_ratio(parks, "red_pct", "red_m2", "area_m2"));
    cols.push_back(parks_field(parks, "farm_m2", Format::Decimal2, true));
    cols.push_back(parks_ratio(parks, "farm_pct", "farm_m2", "area_m2"));
    cols.push_back(parks_field(parks, "n_parcels", Format::Integer, true));
    cols.push_back(parks_field(parks, "n_conflict", Format::Integer, true));
    ReportTable t(cols);
    for (const auto& row : parks.rows) {
        std::vector<ReportCell> cells = park_cells(ctx, field_text(parks, row, "park_id"));
        const auto area = field_number(parks, row, "area_m2");
        cells.push_back({"", area});
        cells.push_back({"", in_mu(area)});
        for (const char* f : {"red_m2", "red_pct", "farm_m2", "farm_pct", "n_parcels", "n_conflict"})
            cells.push_back({"", field_number(parks, row, f)});
        t.add_row(cells);
    }
    return t.html(ctx.labels.label("text", "total"));
}

std::string intensity_table(const ReportContext& ctx) {
    const OutputTable& parks = *ctx.table("parks");
    std::vector<ReportColumn> cols = park_columns(ctx);
    cols.push_back(parks_field(parks, "level", Format::Text, false));
    const std::vector<std::string> numbers{"inv_mu", "out_mu", "rev_mu", "tax_mu", "far"};
    for (const auto& f : numbers) cols.push_back(parks_field(parks, f, Format::Decimal2, false));
    cols.push_back(parks_field(parks, "park_pass", Format::Text, false));
    const std::vector<std::string> grades{"n_a", "n_b", "n_c", "n_d", "n_na"};
    for (const auto& f : grades) cols.push_back(parks_field(parks, f, Format::Integer, true));
    ReportTable t(cols);
    for (const auto& row : parks.rows) {
        std::vector<ReportCell> cells = park_cells(ctx, field_text(parks, row, "park_id"));
        cells.push_back({field_text(parks, row, "level")});
        for (const auto& f : numbers) cells.push_back({"", field_number(parks, row, f)});
        const std::string pass = field_text(parks, row, "park_pass");
        cells.push_back({with_code(ctx.labels.label("pass", pass), pass), std::nullopt,
                         pass == "FAIL" ? "fail" : pass == "PASS" ? "pass" : ""});
        for (const auto& f : grades) cells.push_back({"", field_number(parks, row, f)});
        t.add_row(cells);
    }
    return t.html(ctx.labels.label("text", "total"));
}

std::string idle_table(const ReportContext& ctx) {
    const OutputTable& parks = *ctx.table("parks");
    const OutputTable* idle = ctx.table("idle");
    const ReportLabels& L = ctx.labels;
    std::vector<ReportColumn> cols = park_columns(ctx);
    cols.push_back(parks_field(parks, "idle_m2", Format::Decimal2, true));
    cols.push_back({L.label("header", "idle_mu"), "idle_m2 ÷ 666.67", Format::Decimal2, "parks.idle_m2@mu"});
    cols.push_back(parks_field(parks, "idle_pct", Format::Decimal2, false));
    const std::vector<std::string> statuses = values_in_order(idle, "idle", ctx.idle);
    for (const auto& s : statuses)
        cols.push_back({class_of(ctx.idle, s).label + L.label("header", "count_suffix"), s, Format::Integer,
                        "idle.count[idle=" + s + "]"});
    if (idle) cols.push_back({field_alias(*idle, "idle_fee", L.label("header", "idle_fee")), "idle_fee", Format::Decimal2, "idle.idle_fee"});
    ReportTable t(cols);
    const auto by_park = rows_by_park(idle);
    for (const auto& key : row_keys(ctx, {idle})) {
        std::vector<ReportCell> cells = park_cells(ctx, key);
        const OutputRow* p = park_row(ctx, key);
        const auto idle_m2 = p ? field_number(parks, *p, "idle_m2") : std::nullopt;
        cells.push_back({"", idle_m2});
        cells.push_back({"", in_mu(idle_m2)});
        cells.push_back({"", p ? field_number(parks, *p, "idle_pct") : std::nullopt});
        auto it = by_park.find(key);
        const Rows rows = it == by_park.end() ? Rows{} : it->second;
        for (const auto& s : statuses) cells.push_back({"", sum_where(*idle, rows, "", "idle", s)});
        if (idle) cells.push_back({"", sum_where(*idle, rows, "idle_fee", "", "")});
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

std::string unsupplied_table(const ReportContext& ctx) {
    const OutputTable& parks = *ctx.table("parks");
    const OutputTable* unsupplied = ctx.table("unsupplied");
    const ReportLabels& L = ctx.labels;
    std::vector<ReportColumn> cols = park_columns(ctx);
    cols.push_back(parks_field(parks, "appr_m2", Format::Decimal2, true));
    cols.push_back(parks_field(parks, "supp_m2", Format::Decimal2, true));
    cols.push_back(parks_field(parks, "unsup_m2", Format::Decimal2, true));
    cols.push_back({L.label("header", "unsup_mu"), "unsup_m2 ÷ 666.67", Format::Decimal2, "parks.unsup_m2@mu"});
    cols.push_back(parks_ratio(parks, "supply_pct", "supp_m2", "appr_m2"));
    const std::vector<std::string> buckets = values_in_order(unsupplied, "bucket", ctx.bucket);
    for (const auto& b : buckets)
        cols.push_back({class_of(ctx.bucket, b).label + L.label("header", "mu_suffix"), b, Format::Decimal2,
                        "unsupplied.area_m2[bucket=" + b + "]@mu"});
    ReportTable t(cols);
    const auto by_park = rows_by_park(unsupplied);
    for (const auto& key : row_keys(ctx, {unsupplied})) {
        std::vector<ReportCell> cells = park_cells(ctx, key);
        const OutputRow* p = park_row(ctx, key);
        for (const char* f : {"appr_m2", "supp_m2", "unsup_m2"})
            cells.push_back({"", p ? field_number(parks, *p, f) : std::nullopt});
        cells.push_back({"", in_mu(p ? field_number(parks, *p, "unsup_m2") : std::nullopt)});
        cells.push_back({"", p ? field_number(parks, *p, "supply_pct") : std::nullopt});
        auto it = by_park.find(key);
        const Rows rows = it == by_park.end() ? Rows{} : it->second;
        for (const auto& b : buckets) cells.push_back({"", sum_where(*unsupplied, rows, "area_m2", "bucket", b) / kSquareMetresPerMu});
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

std::string candidates_summary_table(const ReportContext& ctx) {
    const OutputTable* candidates = ctx.table("candidates");
    const ReportLabels& L = ctx.labels;
    if (!candidates) return "<p class=\"empty\">" + html_escape(L.label("text", "none")) + "</p>";
    std::vector<ReportColumn> cols = park_columns(ctx);
    const std::vector<std::string> kinds = values_in_order(candidates, "kind", ctx.kind);
    for (const auto& k : kinds)
        cols.push_back({class_of(ctx.kind, k).label + L.label("header", "count_suffix"), k, Format::Integer,
                        "candidates.count[kind=" + k + "]"});
    cols.push_back({L.label("header", "candidates"), "count", Format::Integer, "candidates.count"});
    cols.push_back({L.label("header", "candidates_mu"), "area_mu", Format::Decimal2, "candidates.area_m2@mu"});
    ReportTable t(cols);
    const auto by_park = rows_by_park(candidates);
    for (const auto& key : row_keys(ctx, {candidates})) {
        std::vector<ReportCell> cells = park_cells(ctx, key);
        auto it = by_park.find(key);
        const Rows rows = it == by_park.end() ? Rows{} : it->second;
        for (const auto& k : kinds) cells.push_back({"", sum_where(*candidates, rows, "", "kind", k)});
        cells.push_back({"", static_cast<double>(rows.size())});
        cells.push_back({"", sum_where(*candidates, rows, "area_m2", "", "") / kSquareMetresPerMu});
        t.add_row(cells);
    }
    return t.html(L.label("text", "total"));
}

std::string diagnostics_summary_table(const ReportContext& ctx) {
    const OutputTable* d = ctx.table("diagnostics");
    const ReportLabels& L = ctx.labels;
    if (!d || d->rows.empty()) return "<p class=\"empty\">" + html_escape(L.label("text", "no_diagnostics")) + "</p>";
    std::map<std::tuple<std::string, std::string, std::string>, long long> counts;
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    for (const auto& row : d->rows) {
        auto key = std::make_tuple(field_text(*d, row, "role"), field_text(*d, row, "problem"), field_text(*d, row, "action"));
        if (counts[key]++ == 0) order.push_back(key);
    }
    std::sort(order.begin(), order.end());
    ReportTable t({{field_alias(*d, "role", L.label("header", "role")), "role", Format::Text},
                   {field_alias(*d, "problem", L.label("header", "problem")), "problem", Format::Text},
                   {L.label("header", "problem"), "problem", Format::Code},
                   {field_alias(*d, "action", L.label("header", "action")), "action", Format::Text},
                   {L.label("header", "count"), "count", Format::Integer, "diagnostics.count"}});
    for (const auto& key : order) {
        const auto& [role, problem, action] = key;
        t.add_row({{with_code(L.label("role", role), role)},
                   {L.label("problem", problem)},
                   {problem},
                   {with_code(L.label("action", action), action)},
                   {"", static_cast<double>(counts[key])}});
    }
    return t.html(L.label("text", "total"));
}

std::string diagnostics_list_table(const ReportContext& ctx) {
    const OutputTable* d = ctx.table("diagnostics");
    const ReportLabels& L = ctx.labels;
    if (!d || d->rows.empty()) return "";
    const std::size_t limit = static_cast<std::size_t>(std::max(0, L.setting("diagnostics_rows", 60)));
    ReportTable t({field_column(*d, "role", Format::Text),
                   field_column(*d, "feature_id", Format::Code),
                   field_column(*d, "src_fid", Format::Integer),
                   field_column(*d, "problem", Format::Code),
                   field_column(*d, "action", Format::Text),
                   field_column(*d, "detail", Format::Text)},
                  "data diagnostics");
    for (std::size_t i = 0; i < d->rows.size() && i < limit; ++i) {
        const OutputRow& row = d->rows[i];
        t.add_row({{L.label("role", field_text(*d, row, "role"))},
                   {field_text(*d, row, "feature_id")},
                   {"", field_number(*d, row, "src_fid")},
                   {field_text(*d, row, "problem")},
                   {L.label("action", field_text(*d, row, "action"))},
                   {field_text(*d, row, "detail"), std::nullopt, "detail"}});
    }
    std::string out = t.html();
    if (d->rows.size() > limit) {
        out += "<p class=\"note\">" + html_escape(shown_of_total(L.label("text", "diagnostics_shown"), limit, d->rows.size())) + "</p>";
    }
    return out;
}

}  // namespace landaudit
