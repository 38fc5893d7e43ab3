// park_change, parcel_change, disposal, conflict_change and diagnostics from two audit outputs.
#include "engine/monitoring/audit_comparison.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "engine/monitoring/conflict_change.h"
#include "engine/monitoring/disposal.h"
#include "engine/monitoring/parcel_matching.h"
#include "engine/monitoring/table_reader.h"
#include "layers/civil_date.h"
#include "layers/error.h"
#include "layers/units.h"

namespace landaudit {

namespace {

const OutputTable kNoTable{};

const OutputTable& required(const AuditOutput& out, const char* name) {
    const OutputTable* t = out.table(name);
    if (!t)
        throw AuditError(AuditError::Kind::Input, out.path + ": no " + std::string(name) + " layer",
                         "compare two GeoPackages written by landaudit run");
    return *t;
}

FieldValue number_or_null(std::optional<double> v) { return v ? FieldValue{*v} : FieldValue{}; }
FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }
FieldValue difference(std::optional<double> a, std::optional<double> b) {
    return a && b ? FieldValue{*b - *a} : FieldValue{};
}

std::set<std::string> flag_set(const std::string& flags) {
    std::set<std::string> out;
    std::stringstream ss(flags);
    for (std::string f; std::getline(ss, f, ',');)
        if (!f.empty()) out.insert(f);
    return out;
}

std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
    return s;
}

std::string percent(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

void add_fields(OutputTable& t, std::initializer_list<FieldDef> fields) {
    for (const FieldDef& f : fields) t.add_field(f.name, f.type, f.alias);
}

struct Diagnostic {
    std::string layer, feature_id, problem, detail;
};

// Fields of parcels that have a per-mu growth in parcel_change: stem → source field, alias.
struct Indicator {
    const char* stem;
    const char* field;
    const char* alias;
};
const std::vector<Indicator> kParcelIndicators{{"inv", "inv_mu", "亩均投资(万元/亩)"},
                                               {"out", "out_mu", "亩均产出(万元/亩)"},
                                               {"rev", "rev_mu", "亩均营业收入(万元/亩)"},
                                               {"tax", "tax_mu", "亩均税收(万元/亩)"},
                                               {"va", "va_mu", "亩均增加值(万元/亩)"}};
const std::vector<Indicator> kParkIndicators{
    {"red", "red_m2", "占生态红线面积(平方米)"},  {"farm", "farm_m2", "占永久基本农田面积(平方米)"},
    {"unsup", "unsup_m2", "批而未供面积(平方米)"}, {"idle", "idle_m2", "闲置土地面积(平方米)"},
    {"supply", "supply_pct", "供地率(%)"},        {"idlepct", "idle_pct", "闲置率(%)"},
    {"nconf", "n_conflict", "冲突宗地数"},        {"n_a", "n_a", "A类宗地数"},
    {"n_b", "n_b", "B类宗地数"},                  {"n_c", "n_c", "C类宗地数"},
    {"n_d", "n_d", "D类宗地数"},                  {"inv", "inv_mu", "亩均投资(万元/亩)"},
    {"out", "out_mu", "亩均产出(万元/亩)"},       {"rev", "rev_mu", "亩均营业收入(万元/亩)"},
    {"tax", "tax_mu", "亩均税收(万元/亩)"}};

bool applies(const GrowthTarget& t, const char* layer) {
    for (const auto& l : t.layers)
        if (l == layer) return true;
    return false;
}

// The targets of one layer for one row: growth from the two values, or the later value.
std::vector<TargetCheck> checks_for(const MonitoringTargets& targets, const char* layer, const TableReader* r0,
                                    std::size_t i0, const TableReader* r1, std::size_t i1, double years) {
    std::vector<TargetCheck> out;
    for (const GrowthTarget& t : targets.growth) {
        if (!applies(t, layer)) continue;
        const auto v1 = r1 ? r1->number(i1, t.field) : std::nullopt;
        if (t.kind == GrowthTarget::Kind::Value) {
            out.push_back(check_target(t, v1));
        } else {
            const auto v0 = r0 ? r0->number(i0, t.field) : std::nullopt;
            out.push_back(check_target(t, annual_growth_pct(v0, v1, years)));
        }
    }
    return out;
}

std::string checks_text(const std::vector<TargetCheck>& checks) {
    std::vector<std::string> parts;
    for (const auto& c : checks) parts.push_back(c.text);
    return joined(parts, " | ");
}

bool has_conflict(const std::vector<std::string>& flags) {
    return std::find(flags.begin(), flags.end(), "REDLINE") != flags.end() ||
           std::find(flags.begin(), flags.end(), "FARMLAND") != flags.end();
}

// The one change the default map colours a parcel by: the first that applies, most urgent first.
std::string main_change(ParcelMatch::How how, const std::vector<std::string>& added,
                        const std::vector<std::string>& removed, const std::string& idle0, const std::string& idle1,
                        const std::string& grade0, const std::string& grade1) {
    if (how == ParcelMatch::How::New) return "new";
    if (how == ParcelMatch::How::Gone) return "gone";
    if (has_conflict(added)) return "new_conflict";
    if (has_conflict(removed)) return "conflict_gone";
    if (!is_idle_stock(idle0) && is_idle_stock(idle1)) return "became_idle";
    if (is_idle_stock(idle0) && (idle1 == "not_idle" || idle1 == "suspect")) return "idle_started";
    const std::string grades = "ABCD";
    const auto g0 = grades.find(grade0), g1 = grades.find(grade1);
    if (grade0.size() == 1 && grade1.size() == 1 && g0 != std::string::npos && g1 != std::string::npos && g0 != g1)
        return g1 > g0 ? "grade_down" : "grade_up";
    if (how == ParcelMatch::How::Geometry) return "redrawn";
    return "unchanged";
}

OutputTable parcel_change_table(const TableReader& p0, const TableReader& p1, const std::vector<ParcelMatch>& matches,
                                int years, const MonitoringTargets& targets, ComparisonCounts& counts) {
    OutputTable t{"parcel_change", "宗地变化", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("prev_id", FieldType::String, "上期宗地代码");
    t.add_field("match", FieldType::String, "匹配方式");
    t.add_field("match_pct", FieldType::Real, "重叠占较小宗地比例(%)");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("area_m2", FieldType::Real, "面积(平方米)");
    for (const char* f : {"status", "grade", "idle"}) {
        const std::string alias = std::string(f) == "status" ? "主要状态" : std::string(f) == "grade" ? "评价等级" : "闲置认定";
        t.add_field(std::string(f) + "0", FieldType::String, "上期" + alias);
        t.add_field(std::string(f) + "1", FieldType::String, "本期" + alias);
    }
    t.add_field("flags_new", FieldType::String, "新增标记");
    t.add_field("flags_gone", FieldType::String, "消除标记");
    t.add_field("change", FieldType::String, "主要变化");
    t.add_field("changes", FieldType::String, "全部变化");
    t.add_field("years", FieldType::Integer, "间隔年数");
    for (const Indicator& ind : kParcelIndicators) {
        t.add_field(std::string(ind.stem) + "_0", FieldType::Real, std::string("上期") + ind.alias);
        t.add_field(std::string(ind.stem) + "_1", FieldType::Real, std::string("本期") + ind.alias);
        t.add_field(std::string(ind.stem) + "_g", FieldType::Real, std::string(ind.alias).substr(0, std::string(ind.alias).find('(')) + "年均增长(%)");
    }
    t.add_field("targets", FieldType::String, "年度目标核查");
    t.add_field("tgt_pass", FieldType::String, "目标是否达成");

    for (const ParcelMatch& m : matches) {
        const bool has0 = m.earlier >= 0, has1 = m.later >= 0;
        const auto e = static_cast<std::size_t>(has0 ? m.earlier : 0), l = static_cast<std::size_t>(has1 ? m.later : 0);
        auto t0 = [&](const char* f) { return has0 ? p0.text(e, f) : std::string(); };
        auto t1 = [&](const char* f) { return has1 ? p1.text(l, f) : std::string(); };
        auto n0 = [&](const char* f) { return has0 ? p0.number(e, f) : std::nullopt; };
        auto n1 = [&](const char* f) { return has1 ? p1.number(l, f) : std::nullopt; };
        std::vector<std::string> added, removed, changes;
        if (has0 && has1) {
            const auto f0 = flag_set(t0("flags")), f1 = flag_set(t1("flags"));
            for (const auto& f : f1)
                if (!f0.count(f)) added.push_back(f), changes.push_back("+" + f);
            for (const auto& f : f0)
                if (!f1.count(f)) removed.push_back(f), changes.push_back("-" + f);
            const struct {
                const char* field;
                int* count;
            } transitions[] = {{"status", &counts.status_changed}, {"grade", &counts.grade_changed},
                               {"idle", &counts.idle_changed}};
            for (const auto& [field, count] : transitions)
                if (t0(field) != t1(field)) {
                    changes.push_back(std::string(field) + " " + (t0(field).empty() ? "null" : t0(field)) + "→" +
                                      (t1(field).empty() ? "null" : t1(field)));
                    ++*count;
                }
        }
        // Economics years when both rows have one (the statistics compared), else the audits'.
        const auto y0 = n0("year"), y1 = n1("year");
        const double span = y0 && y1 ? *y1 - *y0 : years;
        const std::optional<double> a0 = n0("area_m2"), a1 = n1("area_m2");
        FieldValue match_pct;
        if (m.how == ParcelMatch::How::Geometry && a0 && a1 && std::min(*a0, *a1) > 0)
            match_pct = 100.0 * m.overlap_m2 / std::min(*a0, *a1);
        OutputRow row{has1 ? p1.geometry(l) : p0.geometry(e), {}};
        row.values = {text_or_null(t1("parcel_id")), text_or_null(t0("parcel_id")), std::string(match_key(m.how)),
                      match_pct, text_or_null(has1 ? t1("park_id") : t0("park_id")), number_or_null(has1 ? a1 : a0),
                      text_or_null(t0("status")), text_or_null(t1("status")), text_or_null(t0("grade")),
                      text_or_null(t1("grade")), text_or_null(t0("idle")), text_or_null(t1("idle")),
                      text_or_null(joined(added, ",")), text_or_null(joined(removed, ",")),
                      main_change(m.how, added, removed, t0("idle"), t1("idle"), t0("grade"), t1("grade")),
                      text_or_null(joined(changes, "; ")),
                      span > 0 ? FieldValue{static_cast<long long>(span)} : FieldValue{}};
        for (const Indicator& ind : kParcelIndicators) {
            row.values.push_back(number_or_null(n0(ind.field)));
            row.values.push_back(number_or_null(n1(ind.field)));
            row.values.push_back(number_or_null(annual_growth_pct(n0(ind.field), n1(ind.field), span)));
        }
        std::vector<TargetCheck> checks;
        if (has0 && has1) checks = checks_for(targets, "parcels", &p0, e, &p1, l, span);
        row.values.push_back(text_or_null(checks_text(checks)));
        row.values.push_back(checks.empty() ? FieldValue{} : FieldValue{overall(checks)});
        t.rows.push_back(std::move(row));
    }
    return t;
}

OutputTable disposal_table(const std::vector<DisposalPiece>& pieces) {
    OutputTable t{"disposal", "存量土地处置", OutputGeometry::MultiPolygon, {}, {}};
    add_fields(t, {{"kind", FieldType::String, "存量类型"},
                   {"source_id", FieldType::String, "批次或宗地"},
                   {"park_id", FieldType::String, "所属园区"},
                   {"later_id", FieldType::String, "本期宗地代码"},
                   {"state0", FieldType::String, "上期状态"},
                   {"state1", FieldType::String, "本期状态"},
                   {"outcome", FieldType::String, "处置结果"},
                   {"disposed", FieldType::Integer, "是否已处置"},
                   {"area_m2", FieldType::Real, "面积(平方米)"},
                   {"area_mu", FieldType::Real, "面积(亩)"}});
    for (const DisposalPiece& p : pieces)
        t.rows.push_back({p.geometry,
                          {p.kind, text_or_null(p.source_id), text_or_null(p.park_id), text_or_null(p.later_id),
                           text_or_null(p.state0), text_or_null(p.state1), p.outcome,
                           static_cast<long long>(p.disposed ? 1 : 0), p.area_m2, p.area_m2 / kSquareMetresPerMu}});
    return t;
}

OutputTable conflict_change_table(const std::vector<ConflictChange>& changes) {
    OutputTable t{"conflict_change", "管控冲突变化", OutputGeometry::MultiPolygon, {}, {}};
    add_fields(t, {{"layer", FieldType::String, "管控图层"},
                   {"change", FieldType::String, "变化"},
                   {"parcel_id", FieldType::String, "宗地代码"},
                   {"park_id", FieldType::String, "所属园区"},
                   {"feat_ids", FieldType::String, "管控图斑"},
                   {"area_m2", FieldType::Real, "面积(平方米)"}});
    for (const ConflictChange& c : changes)
        t.rows.push_back({c.geometry,
                          {c.layer, c.change, text_or_null(c.parcel_id), text_or_null(c.park_id),
                           text_or_null(c.feat_ids), c.area_m2}});
    return t;
}

// 处置率 and its target for one kind of stock: ratio, target, PASS/FAIL (null without either).
void disposal_fields(double stock, double disposed, const DisposalTarget& target, std::vector<FieldValue>& v) {
    const std::optional<double> ratio = stock > 0 ? std::optional<double>(100.0 * disposed / stock) : std::nullopt;
    v.insert(v.end(), {FieldValue{stock}, FieldValue{disposed}, number_or_null(ratio), number_or_null(target.pct)});
    v.push_back(ratio && target.pct ? FieldValue{std::string(*ratio >= *target.pct ? "PASS" : "FAIL")} : FieldValue{});
}

OutputTable park_change_table(const TableReader& k0, const TableReader& k1, std::vector<ParkDisposal>& parks,
                              int years, const MonitoringTargets& targets, std::vector<Diagnostic>& diagnostics) {
    OutputTable t{"park_change", "园区变化", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("park_id", FieldType::String, "园区代码");
    t.add_field("name", FieldType::String, "园区名称");
    t.add_field("match", FieldType::String, "匹配方式");
    t.add_field("years", FieldType::Integer, "间隔年数");
    for (const Indicator& ind : kParkIndicators) {
        t.add_field(std::string(ind.stem) + "_0", FieldType::Real, std::string("上期") + ind.alias);
        t.add_field(std::string(ind.stem) + "_1", FieldType::Real, std::string("本期") + ind.alias);
        t.add_field(std::string(ind.stem) + "_d", FieldType::Real, std::string("变化:") + ind.alias);
    }
    for (const char* kind : {"unsup", "idle"}) {
        const std::string what = std::string(kind) == "unsup" ? "批而未供" : "闲置土地";
        t.add_field(std::string(kind) + "_stk", FieldType::Real, "上期" + what + "存量(平方米)");
        t.add_field(std::string(kind) + "_dsp", FieldType::Real, what + "已处置(平方米)");
        t.add_field(std::string(kind) + "_rat", FieldType::Real, what + "处置率(%)");
        t.add_field(std::string(kind) + "_tgt", FieldType::Real, what + "处置率目标(%)");
        t.add_field(std::string(kind) + "_ok", FieldType::String, what + "处置是否达标");
    }
    t.add_field("targets", FieldType::String, "年度目标核查");
    t.add_field("tgt_pass", FieldType::String, "目标是否达成");

    std::map<std::string, std::size_t> earlier_row, later_row;
    for (std::size_t i = 0; i < k0.size(); ++i) earlier_row.emplace(k0.text(i, "park_id"), i);
    for (std::size_t j = 0; j < k1.size(); ++j) later_row.emplace(k1.text(j, "park_id"), j);
    std::map<std::string, ParkDisposal> stock;
    for (const auto& p : parks) stock[p.park_id] = p;
    std::vector<ParkDisposal> ordered;
    auto add_row = [&](const std::string& id, const TableReader* r0, std::size_t i0, const TableReader* r1, std::size_t i1) {
        ParkDisposal d = stock.count(id) ? stock[id] : ParkDisposal{};
        d.park_id = id;
        d.name = r1 ? r1->text(i1, "name") : r0->text(i0, "name");
        auto n0 = [&](const char* f) { return r0 ? r0->number(i0, f) : std::nullopt; };
        auto n1 = [&](const char* f) { return r1 ? r1->number(i1, f) : std::nullopt; };
        OutputRow row{r1 ? r1->geometry(i1) : r0->geometry(i0), {}};
        row.values = {id, text_or_null(d.name), std::string(r0 && r1 ? "id" : r1 ? "new" : "gone"),
                      years > 0 ? FieldValue{static_cast<long long>(years)} : FieldValue{}};
        for (const Indicator& ind : kParkIndicators) {
            row.values.push_back(number_or_null(n0(ind.field)));
            row.values.push_back(number_or_null(n1(ind.field)));
            row.values.push_back(difference(n0(ind.field), n1(ind.field)));
        }
        disposal_fields(d.unsupplied_stock, d.unsupplied_disposed, targets.unsupplied, row.values);
        disposal_fields(d.idle_stock, d.idle_disposed, targets.idle, row.values);
        std::vector<TargetCheck> checks;
        if (r0 && r1) checks = checks_for(targets, "parks", r0, i0, r1, i1, years);
        row.values.push_back(text_or_null(checks_text(checks)));
        row.values.push_back(checks.empty() ? FieldValue{} : FieldValue{overall(checks)});
        t.rows.push_back(std::move(row));
        ordered.push_back(d);
    };
    for (std::size_t j = 0; j < k1.size(); ++j) {
        const std::string id = k1.text(j, "park_id");
        auto e = earlier_row.find(id);
        if (e == earlier_row.end()) {
            diagnostics.push_back({"parks", id, "no_earlier_match", "park only in the later audit"});
            add_row(id, nullptr, 0, &k1, j);
        } else {
            add_row(id, &k0, e->second, &k1, j);
        }
    }
    for (std::size_t i = 0; i < k0.size(); ++i) {
        const std::string id = k0.text(i, "park_id");
        if (later_row.count(id)) continue;
        diagnostics.push_back({"parks", id, "no_later_match", "park only in the earlier audit"});
        add_row(id, &k0, i, nullptr, 0);
    }
    parks = std::move(ordered);
    return t;
}

OutputTable diagnostics_table(const std::vector<Diagnostic>& diagnostics) {
    OutputTable t{"diagnostics", "比对诊断", OutputGeometry::None, {}, {}};
    add_fields(t, {{"layer", FieldType::String, "图层"},
                   {"feature_id", FieldType::String, "要素"},
                   {"problem", FieldType::String, "问题"},
                   {"detail", FieldType::String, "说明"}});
    for (const Diagnostic& d : diagnostics)
        t.rows.push_back({{}, {d.layer, text_or_null(d.feature_id), d.problem, text_or_null(d.detail)}});
    return t;
}

int calendar_years(const RunInfo& a, const RunInfo& b) {
    auto d0 = parse_civil_date(a.as_of), d1 = parse_civil_date(b.as_of);
    return d0 && d1 && d1->year > d0->year ? d1->year - d0->year : 0;
}

void check_same_crs(const AuditOutput& earlier, const AuditOutput& later) {
    const bool same = !earlier.crs_authid.empty() && !later.crs_authid.empty() ? earlier.crs_authid == later.crs_authid
                                                                                : earlier.crs_wkt == later.crs_wkt;
    if (!same)
        throw AuditError(AuditError::Kind::Input,
                         earlier.path + " and " + later.path + " are in different working CRSs (" +
                             (earlier.crs_authid.empty() ? "custom" : earlier.crs_authid) + ", " +
                             (later.crs_authid.empty() ? "custom" : later.crs_authid) + ")",
                         "run both audits with the same [audit] crs");
}

// Diagnostics of the parcel matching: every geometry match, and what matched nothing.
void match_diagnostics(const TableReader& p0, const TableReader& p1, const std::vector<ParcelMatch>& matches,
                       std::vector<Diagnostic>& out) {
    for (const ParcelMatch& m : matches) {
        if (m.how == ParcelMatch::How::Geometry) {
            const auto e = static_cast<std::size_t>(m.earlier), l = static_cast<std::size_t>(m.later);
            const double a0 = p0.number(e, "area_m2").value_or(0), a1 = p1.number(l, "area_m2").value_or(0);
            out.push_back({"parcels", p1.text(l, "parcel_id"), "matched_by_geometry",
                           "id not in the earlier audit; matched to " + p0.text(e, "parcel_id") + " by overlap: " +
                               percent(a0 > 0 ? 100 * m.overlap_m2 / a0 : 0) + " % of the earlier parcel, " +
                               percent(a1 > 0 ? 100 * m.overlap_m2 / a1 : 0) + " % of the later"});
        } else if (m.how == ParcelMatch::How::New) {
            out.push_back({"parcels", p1.text(static_cast<std::size_t>(m.later), "parcel_id"), "no_earlier_match",
                           "new parcel: no earlier parcel with its id or overlapping it by half"});
        } else if (m.how == ParcelMatch::How::Gone) {
            out.push_back({"parcels", p0.text(static_cast<std::size_t>(m.earlier), "parcel_id"), "no_later_match",
                           "gone: no later parcel with its id or overlapping it by half"});
        }
    }
}

void batch_diagnostics(const OutputTable* b0, const OutputTable* b1, std::vector<Diagnostic>& out) {
    if (!b0 || !b1) return;
    const TableReader r0(*b0), r1(*b1);
    std::set<std::string> ids0, ids1;
    for (std::size_t i = 0; i < r0.size(); ++i) ids0.insert(r0.text(i, "batch_id"));
    for (std::size_t i = 0; i < r1.size(); ++i) ids1.insert(r1.text(i, "batch_id"));
    for (const auto& id : ids0)
        if (!ids1.count(id)) out.push_back({"batches", id, "no_later_match", "batch only in the earlier audit: withdrawn"});
    for (const auto& id : ids1)
        if (!ids0.count(id)) out.push_back({"batches", id, "no_earlier_match", "batch only in the later audit: approved since"});
}

}  // namespace

ComparisonResult compare_audits(GeosContext& ctx, const AuditOutput& earlier, const AuditOutput& later,
                                const CompareOptions& options) {
    const TableReader p0(required(earlier, "parcels")), p1(required(later, "parcels"));
    const TableReader k0(required(earlier, "parks")), k1(required(later, "parks"));
    check_same_crs(earlier, later);
    ComparisonResult result;
    std::vector<Diagnostic> diagnostics;
    result.years = calendar_years(earlier.run_info, later.run_info);
    if (result.years == 0)
        diagnostics.push_back({"run_info", "", "no_interval",
                               "as_of missing or not later in the later audit (" + earlier.run_info.as_of + ", " +
                                   later.run_info.as_of + "): growth falls back to the economics years"});

    // 1. Which parcel is which: id first, geometry where ids changed.
    const std::vector<ParcelMatch> matches = match_parcels(ctx, p0, p1, options.min_match_share);
    for (const ParcelMatch& m : matches) {
        int* n = m.how == ParcelMatch::How::Id         ? &result.counts.by_id
                 : m.how == ParcelMatch::How::Geometry ? &result.counts.by_geometry
                 : m.how == ParcelMatch::How::New      ? &result.counts.added
                                                       : &result.counts.gone;
        ++*n;
    }
    match_diagnostics(p0, p1, matches, diagnostics);
    batch_diagnostics(earlier.table("batches"), later.table("batches"), diagnostics);

    // 2. The earlier stock and what became of it.
    std::vector<DisposalPiece> pieces;
    const OutputTable* u0 = earlier.table("unsupplied");
    const OutputTable* u1 = later.table("unsupplied");
    if (u0 && u1) {
        const OutputTable* b1 = later.table("batches");
        const TableReader later_batches(b1 ? *b1 : kNoTable);
        pieces = unsupplied_disposal(ctx, TableReader(*u0), TableReader(*u1), b1 ? &later_batches : nullptr,
                                     options.min_overlap_m2);
    } else {
        diagnostics.push_back({"unsupplied", "", "missing_layer",
                               std::string("no unsupplied layer in the ") + (u0 ? "later" : "earlier") +
                                   " audit ([approved] not configured): 批而未供 disposal not computed"});
    }
    if (p0.has("idle") && p1.has("idle")) {
        auto idle = idle_disposal(ctx, p0, p1, matches, options.min_overlap_m2);
        pieces.insert(pieces.end(), std::make_move_iterator(idle.begin()), std::make_move_iterator(idle.end()));
    } else {
        diagnostics.push_back({"parcels", "", "missing_field",
                               "no idle field in one of the audits ([idle] not configured): idle disposal not computed"});
    }
    std::map<std::string, ParkDisposal> per_park;
    for (const DisposalPiece& p : pieces) {
        ParkDisposal& d = per_park[p.park_id];
        d.park_id = p.park_id;
        (p.kind == "idle" ? d.idle_stock : d.unsupplied_stock) += p.area_m2;
        if (p.disposed) (p.kind == "idle" ? d.idle_disposed : d.unsupplied_disposed) += p.area_m2;
    }
    for (auto& [id, d] : per_park) result.parks.push_back(d);

    // 3. Conflicts that appeared or left.
    const OutputTable* c0 = earlier.table("conflicts");
    const OutputTable* c1 = later.table("conflicts");
    std::vector<ConflictChange> conflicts;
    if (c0 && c1) conflicts = conflict_changes(ctx, TableReader(*c0), TableReader(*c1), options.min_overlap_m2);
    for (const auto& c : conflicts) ++(c.change == "new" ? result.counts.new_conflicts : result.counts.left_conflicts);

    OutputTable parcels = parcel_change_table(p0, p1, matches, result.years, options.targets, result.counts);
    result.tables.push_back(park_change_table(k0, k1, result.parks, result.years, options.targets, diagnostics));
    result.tables.push_back(std::move(parcels));
    result.tables.push_back(disposal_table(pieces));
    result.tables.push_back(conflict_change_table(conflicts));
    result.counts.diagnostics = static_cast<int>(diagnostics.size());
    result.tables.push_back(diagnostics_table(diagnostics));
    return result;
}

}  // namespace landaudit
