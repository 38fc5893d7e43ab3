// Output layers: parcels, parks, conflicts, diagnostics.
#include "engine/output_tables.h"

#include <set>

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

std::string park_id_of(const AuditInputs& in, long index) {
    return index < 0 ? std::string() : in.parks[static_cast<std::size_t>(index)].id;
}

}  // namespace

OutputTable parcels_table(const AuditInputs& in, const ComplianceResult& r) {
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
                      join(c.flags)};
        row.values.insert(row.values.end(), p.source_values.begin(), p.source_values.end());
        t.rows.push_back(std::move(row));
    }
    return t;
}

OutputTable parks_table(const AuditInputs& in, const ComplianceResult& r) {
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
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& p = in.parks[k];
        const ParkCompliance& c = r.parks[k];
        t.rows.push_back({p.geometry,
                          {p.id, text_or_null(p.name), text_or_null(p.level), c.area_m2, c.area_e_m2, c.red_m2,
                           pct(c.red_m2, c.area_m2), c.farm_m2, pct(c.farm_m2, c.area_m2),
                           static_cast<long long>(c.n_parcels), static_cast<long long>(c.n_conflict)}});
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
