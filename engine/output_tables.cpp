// Output layers: parcels, parks, conflicts, diagnostics.
#include "engine/output_tables.h"

#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "engine/intensity/star_fields.h"
#include "engine/parallel_for.h"
#include "engine/parcel_status.h"
#include "layers/civil_date.h"
#include "layers/indicators.h"
#include "layers/units.h"

namespace landaudit {

namespace {

double pct(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

std::string join_with(const std::vector<std::string>& items, const char* separator) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
    return s;
}

std::string join(const std::vector<std::string>& items) { return join_with(items, ","); }

FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }

FieldValue number_or_null(const IndicatorSet& s, const char* code) {
    auto v = s.get(code);
    return v ? FieldValue{*v} : FieldValue{};
}

FieldValue number_or_null(const std::optional<double>& v) { return v ? FieldValue{*v} : FieldValue{}; }

// A park column counting parcels or candidates per key (a grade, a candidate kind).
struct CountField {
    const char* key;
    const char* field;
    const char* alias;
};

template <std::size_t N>
void push_counts(OutputRow& row, const CountField (&columns)[N], const std::map<std::string, std::size_t>& counts) {
    for (const CountField& c : columns) {
        auto it = counts.find(c.key);
        row.values.push_back(static_cast<long long>(it == counts.end() ? 0 : it->second));
    }
}

std::string park_id_of(const std::vector<Park>& parks, long index) {
    return index < 0 ? std::string() : parks[static_cast<std::size_t>(index)].id;
}

}  // namespace

OutputTable parcels_schema(const std::vector<FieldDef>& parcel_fields) {
    OutputTable t{"parcels", "宗地合规", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
    t.add_field("area_mu", FieldType::Real, "面积(亩,平面)");
    t.add_field("area_e_m2", FieldType::Real, "椭球面积(平方米)");
    t.add_field("inpark_pct", FieldType::Real, "园区内比例(%)");
    t.add_field("red_m2", FieldType::Real, "占生态红线面积(平方米)");
    t.add_field("red_pct", FieldType::Real, "占生态红线比例(%)");
    t.add_field("farm_m2", FieldType::Real, "占永久基本农田面积(平方米)");
    t.add_field("farm_pct", FieldType::Real, "占永久基本农田比例(%)");
    t.add_field("flags", FieldType::String, "问题标记");
    t.add_field("status", FieldType::String, "主要状态");
    t.add_field("land_use", FieldType::String, "用地类型代码");
    t.add_field("industry", FieldType::String, "行业代码");
    t.add_field("far", FieldType::Real, "容积率");
    t.add_field("coverage", FieldType::Real, "建筑系数(%)");
    t.add_field("inv_mu", FieldType::Real, "亩均投资(万元/亩)");
    t.add_field("out_mu", FieldType::Real, "亩均产出(万元/亩)");
    t.add_field("rev_mu", FieldType::Real, "亩均营业收入(万元/亩)");
    t.add_field("tax_mu", FieldType::Real, "亩均税收(万元/亩)");
    t.add_field("va_mu", FieldType::Real, "亩均增加值(万元/亩)");
    t.add_field("ent_id", FieldType::String, "企业代码");
    t.add_field("year", FieldType::Integer, "数据年度");
    t.add_field("grade", FieldType::String, "评价等级");
    t.add_field("score", FieldType::Real, "综合得分");
    t.add_field("reasons", FieldType::String, "评价依据");
    t.add_field("idle", FieldType::String, "闲置认定");
    t.add_field("idle_years", FieldType::Integer, "闲置年数");
    t.add_field("idle_fee", FieldType::Real, "闲置费(万元)");
    std::set<std::string> taken;
    for (const auto& f : t.fields) taken.insert(f.name);
    for (const auto& f : parcel_fields) {
        // A source field named like an output field keeps its values under a src_ prefix.
        std::string name = taken.count(f.name) ? ("src_" + f.name).substr(0, 10) : f.name;
        taken.insert(name);
        t.fields.push_back({name, f.type, f.alias});
    }
    return t;
}

std::vector<OutputRow> parcel_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks, int threads) {
    std::vector<OutputRow> rows(chunk.parcels.size());
    // One row per parcel, each built from that parcel's results only.
    parallel_for(chunk.parcels.size(), threads, [&](std::size_t i) {
        const Parcel& p = chunk.parcels[i];
        const ParcelCompliance& c = chunk.compliance[i];
        const ParcelIntensity& m = chunk.intensity[i];
        std::vector<std::string> flags = c.flags;
        if (m.low_efficiency) flags.push_back("LOW_EFFICIENCY");
        if (m.exit_warning) flags.push_back("EXIT_WARNING");
        const IdleVerdict* idle = chunk.idle ? &(*chunk.idle)[i] : nullptr;
        if (idle && is_determined_idle(idle->status)) flags.push_back("IDLE");
        if (idle && idle->status == IdleStatus::Suspect) flags.push_back("IDLE_SUSPECT");
        const bool std_short = m.standard_land && m.standard_land->status == ContractStatus::Short;
        if (std_short) flags.push_back("STD_SHORT");
        std::string reasons = m.reasons;
        if (idle)
            reasons += (reasons.empty() ? "" : " | ") + std::string("idle: ") + std::string(idle_status_key(idle->status)) +
                       (idle->reasons.empty() ? "" : " — " + join_with(idle->reasons, "; "));
        if (std_short) reasons += (reasons.empty() ? "" : " | ") + m.standard_land->text;  // the layer standard_land has every term
        reasons.shrink_to_fit();  // one per parcel, held until written
        OutputRow row{p.geometry, {}};
        row.values = {p.id,
                      text_or_null(park_id_of(parks, c.park_index)),
                      c.area_m2,
                      c.area_m2 / kSquareMetresPerMu,
                      c.area_e_m2,
                      c.inpark_pct,
                      c.red_m2,
                      pct(c.red_m2, c.area_m2),
                      c.farm_m2,
                      pct(c.farm_m2, c.area_m2),
                      join(flags),
                      main_status(flags, idle ? idle_status_key(idle->status) : std::string_view(), m.grade),
                      text_or_null(p.use.land_use),
                      text_or_null(p.use.industry),
                      number_or_null(m.indicators, "far"),
                      number_or_null(m.indicators, "coverage"),
                      number_or_null(m.indicators, "inv_mu"),
                      number_or_null(m.indicators, "out_mu"),
                      number_or_null(m.indicators, "rev_mu"),
                      number_or_null(m.indicators, "tax_mu"),
                      number_or_null(m.indicators, "va_mu"),
                      text_or_null(join(m.figures.enterprises)),
                      m.figures.has_row ? FieldValue{static_cast<long long>(m.figures.year)} : FieldValue{},
                      m.grade,
                      number_or_null(m.score),
                      text_or_null(reasons),
                      idle ? FieldValue{std::string(idle_status_key(idle->status))} : FieldValue{},
                      idle && idle->idle_years ? FieldValue{static_cast<long long>(*idle->idle_years)} : FieldValue{},
                      idle ? number_or_null(idle->idle_fee) : FieldValue{}};
        row.values.insert(row.values.end(), p.source_values.begin(), p.source_values.end());
        rows[i] = std::move(row);
    });
    return rows;
}

OutputTable parcels_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                          const RedevelopmentResult& redevelopment, int threads) {
    OutputTable t = parcels_schema(in.parcel_fields);
    t.rows = parcel_rows({in.parcels, r.parcels, intensity.parcels, redevelopment.idle_evaluated ? &redevelopment.idle : nullptr},
                         in.parks, threads);
    return t;
}

namespace {

// The park columns (a few lists are shared with the rows).
const char* const kParkFigures[] = {"far",      "density",  "ind_pct",    "inv_ha",     "tax_ha",
                                    "inv_mu",   "out_mu",   "rev_mu",     "tax_mu",     "lead_pct",
                                    "hitech_pct", "energy_chg", "rd_pct", "rev_growth", "multi_pct"};
const CountField kParkGrades[] = {{"A", "n_a", "A级宗地数"},
                                  {"B", "n_b", "B级宗地数"},
                                  {"C", "n_c", "C级宗地数"},
                                  {"D", "n_d", "D级宗地数"},
                                  {"NA", "n_na", "未评价宗地数"}};
const CountField kParkCandidateKinds[] = {{"unsupplied", "c_unsup", "批而未供候选数"},
                                          {"idle", "c_idle", "供而未用候选数"},
                                          {"underused", "c_under", "用而未尽候选数"},
                                          {"not_operating", "c_notop", "建而未投候选数"},
                                          {"low_efficiency", "c_loweff", "投而未达标候选数"}};

}  // namespace

OutputTable parks_schema() {
    OutputTable t{"parks", "园区合规", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("park_id", FieldType::String, "园区代码");
    t.add_field("name", FieldType::String, "园区名称");
    t.add_field("level", FieldType::String, "园区级别");
    t.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
    t.add_field("area_e_m2", FieldType::Real, "椭球面积(平方米)");
    t.add_field("red_m2", FieldType::Real, "占生态红线面积(平方米)");
    t.add_field("red_pct", FieldType::Real, "占生态红线比例(%)");
    t.add_field("farm_m2", FieldType::Real, "占永久基本农田面积(平方米)");
    t.add_field("farm_pct", FieldType::Real, "占永久基本农田比例(%)");
    t.add_field("n_parcels", FieldType::Integer, "宗地数");
    t.add_field("n_conflict", FieldType::Integer, "冲突宗地数");
    // Park-wide intensity figures (codes of layers/indicators.h), then the verdicts.
    for (const char* code : kParkFigures) {
        const IndicatorInfo* info = find_indicator(code);
        t.add_field(code, FieldType::Real, info->label + (info->unit.empty() ? "" : "(" + info->unit + ")"));
    }
    t.add_field("park_pass", FieldType::String, "园区评价结论");
    for (const CountField& g : kParkGrades) t.add_field(g.field, FieldType::Integer, g.alias);
    t.add_field("checks", FieldType::String, "园区评价依据");
    t.add_field("appr_m2", FieldType::Real, "已批建设用地面积(平方米)");
    t.add_field("supp_m2", FieldType::Real, "批内已供面积(平方米)");
    t.add_field("supply_pct", FieldType::Real, "供地率(%)");
    t.add_field("unsup_m2", FieldType::Real, "批而未供面积(平方米)");
    t.add_field("idle_m2", FieldType::Real, "闲置土地面积(平方米)");
    t.add_field("idle_pct", FieldType::Real, "闲置土地占已供宗地比例(%)");
    for (const CountField& k : kParkCandidateKinds) t.add_field(k.field, FieldType::Integer, k.alias);
    add_star_fields(t);  // 星级园区 (engine/intensity/park_stars.h)
    return t;
}

OutputTable parks_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                        const RedevelopmentResult& redevelopment) {
    OutputTable t = parks_schema();
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& p = in.parks[k];
        const ParkCompliance& c = r.parks[k];
        const ParkIntensity& m = intensity.parks[k];
        OutputRow row{p.geometry,
                      {p.id, text_or_null(p.name), text_or_null(p.level), c.area_m2, c.area_e_m2, c.red_m2,
                       pct(c.red_m2, c.area_m2), c.farm_m2, pct(c.farm_m2, c.area_m2),
                       static_cast<long long>(c.n_parcels), static_cast<long long>(c.n_conflict)}};
        for (const char* code : kParkFigures) row.values.push_back(number_or_null(m.indicators, code));
        row.values.push_back(m.pass);
        push_counts(row, kParkGrades, m.grade_counts);
        row.values.push_back(text_or_null(m.reasons));
        const ParkRedevelopment& d = redevelopment.parks[k];
        for (const auto& v : {d.approved_m2, d.supplied_m2, d.supply_pct, d.unsupplied_m2, d.idle_m2, d.idle_pct})
            row.values.push_back(number_or_null(v));
        push_counts(row, kParkCandidateKinds, d.candidates);
        push_star_values(row, m);
        t.rows.push_back(std::move(row));
    }
    return t;
}

OutputTable conflicts_schema() {
    OutputTable t{"conflicts", "红线与基本农田占用图斑", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("subject", FieldType::String, "对象类型");
    t.add_field("subject_id", FieldType::String, "对象编号");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("layer", FieldType::String, "管控图层");
    t.add_field("area_m2", FieldType::Real, "占用面积(平方米)");
    t.add_field("pct", FieldType::Real, "占对象面积比例(%)");
    t.add_field("sliver", FieldType::Integer, "边界碎片");
    t.add_field("feat_ids", FieldType::String, "管控要素编号");
    return t;
}

namespace {

void add_conflicts(std::vector<OutputRow>& rows, const char* subject, const std::string& id, const std::string& park_id,
                   const SubjectCompliance& c) {
    for (const ConflictPiece& piece : c.pieces)
        rows.push_back({piece.geometry,
                        {std::string(subject), id, text_or_null(park_id), std::string(role_key(piece.layer)),
                         piece.area_m2, pct(piece.area_m2, c.area_m2), piece.sliver ? 1LL : 0LL,
                         join(piece.constraint_ids)}});
}

}  // namespace

std::vector<OutputRow> parcel_conflict_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks) {
    std::vector<OutputRow> rows;
    for (std::size_t i = 0; i < chunk.parcels.size(); ++i)
        add_conflicts(rows, "parcel", chunk.parcels[i].id, park_id_of(parks, chunk.compliance[i].park_index),
                      chunk.compliance[i]);
    return rows;
}

std::vector<OutputRow> park_conflict_rows(const std::vector<Park>& parks, const std::vector<ParkCompliance>& compliance) {
    std::vector<OutputRow> rows;
    for (std::size_t k = 0; k < parks.size(); ++k) add_conflicts(rows, "park", parks[k].id, parks[k].id, compliance[k]);
    return rows;
}

OutputTable conflicts_table(const AuditInputs& in, const ComplianceResult& r) {
    OutputTable t = conflicts_schema();
    const std::vector<IdleVerdict> no_idle;
    const std::vector<ParcelIntensity> no_intensity(in.parcels.size());
    t.rows = parcel_conflict_rows({in.parcels, r.parcels, no_intensity, nullptr}, in.parks);
    for (auto& row : park_conflict_rows(in.parks, r.parks)) t.rows.push_back(std::move(row));
    return t;
}

OutputTable idle_schema() {
    OutputTable t{"idle", "闲置土地", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("idle", FieldType::String, "闲置认定");
    t.add_field("idle_years", FieldType::Integer, "闲置年数");
    t.add_field("idle_fee", FieldType::Real, "闲置费(万元)");
    t.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
    t.add_field("area_mu", FieldType::Real, "面积(亩,平面)");
    t.add_field("agreed", FieldType::String, "约定动工日期");
    t.add_field("reasons", FieldType::String, "认定依据");
    return t;
}

std::vector<OutputRow> idle_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks) {
    std::vector<OutputRow> rows;
    if (!chunk.idle) return rows;
    for (std::size_t i = 0; i < chunk.parcels.size(); ++i) {
        const IdleVerdict& v = (*chunk.idle)[i];
        if (!is_determined_idle(v.status) && v.status != IdleStatus::Suspect) continue;
        const Parcel& p = chunk.parcels[i];
        const ParcelCompliance& c = chunk.compliance[i];
        auto agreed = parse_civil_date(p.idle.agreed_start);
        rows.push_back({p.geometry,
                        {p.id, text_or_null(park_id_of(parks, c.park_index)), std::string(idle_status_key(v.status)),
                         v.idle_years ? FieldValue{static_cast<long long>(*v.idle_years)} : FieldValue{},
                         number_or_null(v.idle_fee), c.area_m2, c.area_m2 / kSquareMetresPerMu,
                         agreed ? FieldValue{agreed->iso()} : FieldValue{}, text_or_null(join_with(v.reasons, "; "))}});
    }
    return rows;
}

OutputTable idle_table(const AuditInputs& in, const ComplianceResult& r, const RedevelopmentResult& redevelopment) {
    OutputTable t = idle_schema();
    const std::vector<ParcelIntensity> no_intensity(in.parcels.size());
    t.rows = idle_rows({in.parcels, r.parcels, no_intensity, redevelopment.idle_evaluated ? &redevelopment.idle : nullptr},
                       in.parks);
    return t;
}

OutputTable unsupplied_table(const AuditInputs& in, const RedevelopmentResult& redevelopment) {
    OutputTable t{"unsupplied", "批而未供", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("batch_id", FieldType::String, "批次");
    t.add_field("appr_no", FieldType::String, "批准文号");
    t.add_field("appr_date", FieldType::String, "批准日期");
    t.add_field("age_y", FieldType::Real, "批后年限(年)");
    t.add_field("bucket", FieldType::String, "年限分档");
    t.add_field("area_m2", FieldType::Real, "未供面积(平方米,平面)");
    t.add_field("area_mu", FieldType::Real, "未供面积(亩,平面)");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("sliver", FieldType::Integer, "边界碎片");
    if (!redevelopment.unsupplied_evaluated) return t;
    for (const UnsuppliedPiece& piece : redevelopment.unsupplied.pieces) {
        const ApprovalBatch& b = in.approved[piece.batch_index];
        const BatchSupply& s = redevelopment.unsupplied.batches[piece.batch_index];
        auto date = parse_civil_date(b.approval_date);
        t.rows.push_back({piece.geometry,
                          {b.id, text_or_null(b.approval_no), date ? FieldValue{date->iso()} : FieldValue{},
                           number_or_null(s.age_years), s.bucket, piece.area_m2, piece.area_m2 / kSquareMetresPerMu,
                           text_or_null(park_id_of(in.parks, piece.park_index)), piece.sliver ? 1LL : 0LL}});
    }
    return t;
}

OutputTable batches_table(const AuditInputs& in, const RedevelopmentResult& redevelopment) {
    OutputTable t{"batches", "批次供地情况", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("batch_id", FieldType::String, "批次");
    t.add_field("appr_no", FieldType::String, "批准文号");
    t.add_field("appr_date", FieldType::String, "批准日期");
    t.add_field("rec_m2", FieldType::Real, "批准面积(平方米,登记)");
    t.add_field("appr_m2", FieldType::Real, "批准面积(平方米,图形)");
    t.add_field("supp_m2", FieldType::Real, "已供面积(平方米)");
    t.add_field("unsup_m2", FieldType::Real, "未供面积(平方米)");
    t.add_field("supply_pct", FieldType::Real, "供地率(%)");
    t.add_field("age_y", FieldType::Real, "批后年限(年)");
    t.add_field("bucket", FieldType::String, "年限分档");
    t.add_field("lapsed", FieldType::Integer, "批后满两年未供");
    t.add_field("park_id", FieldType::String, "所属园区");
    if (!redevelopment.unsupplied_evaluated) return t;
    for (std::size_t b = 0; b < in.approved.size(); ++b) {
        const ApprovalBatch& batch = in.approved[b];
        const BatchSupply& s = redevelopment.unsupplied.batches[b];
        auto date = parse_civil_date(batch.approval_date);
        t.rows.push_back({batch.geometry,
                          {batch.id, text_or_null(batch.approval_no), date ? FieldValue{date->iso()} : FieldValue{},
                           number_or_null(batch.recorded_area_m2), s.approved_m2, s.supplied_m2, s.unsupplied_m2,
                           s.supply_pct, number_or_null(s.age_years), s.bucket, s.lapsed ? 1LL : 0LL,
                           text_or_null(park_id_of(in.parks, s.park_index))}});
    }
    return t;
}

OutputTable candidates_table(const AuditInputs& in, const RedevelopmentResult& redevelopment) {
    OutputTable t{"candidates", "低效用地再开发候选", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("kind", FieldType::String, "类型");
    t.add_field("source_id", FieldType::String, "宗地或批次");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
    t.add_field("area_mu", FieldType::Real, "面积(亩,平面)");
    t.add_field("years", FieldType::Real, "年限(年)");
    t.add_field("priority", FieldType::Real, "优先度");
    t.add_field("rank", FieldType::Integer, "园区内排序");
    t.add_field("detail", FieldType::String, "说明");
    for_each_candidate_rows(in, redevelopment, SIZE_MAX, [&](std::vector<OutputRow> rows) { t.rows = std::move(rows); });
    return t;
}

void for_each_candidate_rows(const AuditInputs& in, const RedevelopmentResult& redevelopment, std::size_t batch,
                             const std::function<void(std::vector<OutputRow>)>& fn) {
    if (!redevelopment.candidates) return;
    std::vector<OutputRow> rows;
    redevelopment.candidates->for_each_ranked([&](const Candidate& c) {
        rows.push_back({c.geometry,
                        {c.kind, c.source_id, text_or_null(park_id_of(in.parks, c.park_index)), c.area_m2,
                         c.area_m2 / kSquareMetresPerMu, c.years, c.priority, static_cast<long long>(c.rank),
                         text_or_null(c.detail)}});
        if (rows.size() >= batch) fn(std::exchange(rows, {}));
    });
    if (!rows.empty()) fn(std::move(rows));
}

OutputTable diagnostics_table(const Diagnostics& diagnostics) {
    OutputTable t{"diagnostics", "数据问题诊断", OutputGeometry::None, {}, {}};
    t.add_field("role", FieldType::String, "图层角色");
    t.add_field("source", FieldType::String, "来源");
    t.add_field("src_fid", FieldType::Integer, "来源要素号");
    t.add_field("feature_id", FieldType::String, "要素编号");
    t.add_field("problem", FieldType::String, "问题");
    t.add_field("action", FieldType::String, "处理");
    t.add_field("detail", FieldType::String, "说明");
    for (const Diagnostic& d : diagnostics.items())
        t.rows.push_back({{},
                          {d.role, text_or_null(d.source), d.fid >= 0 ? FieldValue{d.fid} : FieldValue{},
                           text_or_null(d.feature_id), d.problem, std::string(action_key(d.action)),
                           text_or_null(d.detail)}});
    return t;
}

}  // namespace landaudit
