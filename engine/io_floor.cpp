// Parcels in, parcels out: what reading and writing alone cost.
#include "engine/io_floor.h"

namespace landaudit {

AuditConfig io_floor_config(const AuditConfig& config) {
    AuditConfig floor = config;
    std::erase_if(floor.layers, [](const auto& entry) {
        return entry.first != LayerRole::Parcels && entry.first != LayerRole::Parks;
    });
    return floor;
}

OutputTable passthrough_parcels_table(const AuditInputs& in) {
    OutputTable t{"parcels", "宗地(未分析)", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    for (const auto& f : in.parcel_fields)
        t.fields.push_back({f.name == "parcel_id" ? "src_parcel" : f.name, f.type, f.alias});
    t.rows.reserve(in.parcels.size());
    for (const Parcel& p : in.parcels) {
        OutputRow row{p.geometry, {}};
        row.values.reserve(1 + p.source_values.size());
        row.values.push_back(p.id);
        row.values.insert(row.values.end(), p.source_values.begin(), p.source_values.end());
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace landaudit
