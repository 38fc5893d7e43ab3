// Output layers: parcels, parks, conflicts, diagnostics.
#include "engine/output_tables.h"

#include <set>

#include "layers/indicators.h"

namespace landaudit {

namespace {

constexpr double kSquareMetresPerMu = 2000.0 / 3.0;

double pct(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

std::string join(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : ",") + i;
    return s;
}

FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }

FieldValue number_or_null(const IndicatorSet& s, const char* code) {
    auto v = s.get(code);
    return v ? FieldValue{*v} : FieldValue{};
}

FieldValue number_or_null(const std::optional<double>& v) { return v ? FieldValue{*v} : FieldValue{}; }

std::string park_id_of(const AuditInputs& in, long index) {
    return index < 0 ? std::string() : in.parks[static_cast<std::size_t>(index)].id;
}

}  // namespace

OutputTable parcels_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity) {
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
    std::set<std::string> taken;
    for (const auto& f : t.fields) taken.insert(f.name);
    for (const auto& f : in.parcel_fields) {
        // A source field named like an output field keeps its values under a src_ prefix.
        std::string name = taken.count(f.name) ? ("src_" + f.name).substr(0, 10) : f.name;
        taken.insert(name);
        t.fields.push_back({name, f.type, f.alias});
    }
    t.rows.reserve(in.parcels.size());
    for (std::size_t i = 0; i < in.parcels.size(); ++i) {
        const Parcel& p = in.parcels[i];
        const ParcelCompliance& c = r.parcels[i];
        const ParcelIntensity& m = intensity.parcels[i];
        std::vector<std::string> flags = c.flags;
        if (m.low_efficiency) flags.push_back("LOW_EFFICIENCY");
        if (m.exit_warning) flags.push_back("EXIT_WARNING");
        OutputRow row{p.geometry, {}};
        row.values = {p.id,
                      text_or_null(park_id_of(in, c.park_index)),
                      c.area_m2,
                      c.area_m2 / kSquareMetresPerMu,
                      c.area_e_m2,
                      c.inpark_pct,
                      c.red_m2,
                      pct(c.red_m2, c.area_m2),
                      c.farm_m2,
                      pct(c.farm_m2, c.area_m2),
                      join(flags),
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
                      text_or_null(m.reasons)};
        row.values.insert(row.values.end(), p.source_values.begin(), p.source_values.end());
        t.rows.push_back(std::move(row));
    }
    return t;
}

OutputTable parks_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity) {
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
    const char* const figures[] = {"far",      "density",  "ind_pct",    "inv_ha",     "tax_ha",
                                   "inv_mu",   "out_mu",   "rev_mu",     "tax_mu",     "lead_pct",
                                   "hitech_pct", "energy_chg", "rd_pct", "rev_growth", "multi_pct"};
    for (const char* code : figures) {
        const IndicatorInfo* info = find_indicator(code);
        t.add_field(code, FieldType::Real, info->label + (info->unit.empty() ? "" : "(" + info->unit + ")"));
    }
    t.add_field("park_pass", FieldType::String, "园区评价结论");
    struct GradeCount {
        const char* grade;
        const char* field;
        const char* alias;
    };
    const GradeCount grades[] = {{"A", "n_a", "A级宗地数"},
                                 {"B", "n_b", "B级宗地数"},
                                 {"C", "n_c", "C级宗地数"},
                                 {"D", "n_d", "D级宗地数"},
                                 {"NA", "n_na", "未评价宗地数"}};
    for (const GradeCount& g : grades) t.add_field(g.field, FieldType::Integer, g.alias);
    t.add_field("checks", FieldType::String, "园区评价依据");
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& p = in.parks[k];
        const ParkCompliance& c = r.parks[k];
        const ParkIntensity& m = intensity.parks[k];
        OutputRow row{p.geometry,
                      {p.id, text_or_null(p.name), text_or_null(p.level), c.area_m2, c.area_e_m2, c.red_m2,
                       pct(c.red_m2, c.area_m2), c.farm_m2, pct(c.farm_m2, c.area_m2),
                       static_cast<long long>(c.n_parcels), static_cast<long long>(c.n_conflict)}};
        for (const char* code : figures) row.values.push_back(number_or_null(m.indicators, code));
        row.values.push_back(m.pass);
        for (const GradeCount& g : grades) {
            auto it = m.grade_counts.find(g.grade);
            row.values.push_back(static_cast<long long>(it == m.grade_counts.end() ? 0 : it->second));
        }
        row.values.push_back(text_or_null(m.reasons));
        t.rows.push_back(std::move(row));
    }
    return t;
}

OutputTable conflicts_table(const AuditInputs& in, const ComplianceResult& r) {
    OutputTable t{"conflicts", "红线与基本农田占用图斑", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("subject", FieldType::String, "对象类型");
    t.add_field("subject_id", FieldType::String, "对象编号");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("layer", FieldType::String, "管控图层");
    t.add_field("area_m2", FieldType::Real, "占用面积(平方米)");
    t.add_field("pct", FieldType::Real, "占对象面积比例(%)");
    t.add_field("sliver", FieldType::Integer, "边界碎片");
    t.add_field("feat_ids", FieldType::String, "管控要素编号");
    auto add = [&](const char* subject, const std::string& id, const std::string& park_id,
                   const SubjectCompliance& c) {
        for (const ConflictPiece& piece : c.pieces)
            t.rows.push_back({piece.geometry,
                              {std::string(subject), id, text_or_null(park_id), std::string(role_key(piece.layer)),
                               piece.area_m2, pct(piece.area_m2, c.area_m2), piece.sliver ? 1LL : 0LL,
                               join(piece.constraint_ids)}});
    };
    for (std::size_t i = 0; i < in.parcels.size(); ++i)
        add("parcel", in.parcels[i].id, park_id_of(in, r.parcels[i].park_index), r.parcels[i]);
    for (std::size_t k = 0; k < in.parks.size(); ++k) add("park", in.parks[k].id, in.parks[k].id, r.parks[k]);
    return t;
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
