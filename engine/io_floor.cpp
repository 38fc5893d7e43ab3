// Parcels in, parcels out: what reading and writing alone cost.
#include "engine/io_floor.h"

#include <algorithm>
#include <optional>

#include "layers/error.h"

namespace landaudit {

AuditConfig io_floor_config(const AuditConfig& config) {
    AuditConfig floor = config;
    std::erase_if(floor.layers, [](const auto& entry) {
        return entry.first != LayerRole::Parcels && entry.first != LayerRole::Parks;
    });
    return floor;
}

OutputTable passthrough_parcels_schema(const std::vector<FieldDef>& parcel_fields) {
    OutputTable t{"parcels", "宗地(未分析)", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    for (const auto& f : parcel_fields)
        t.fields.push_back({f.name == "parcel_id" ? "src_parcel" : f.name, f.type, f.alias});
    return t;
}

std::vector<OutputRow> passthrough_parcel_rows(const std::vector<Parcel>& parcels) {
    std::vector<OutputRow> rows;
    rows.reserve(parcels.size());
    for (const Parcel& p : parcels) {
        OutputRow row{p.geometry, {}};
        row.values.reserve(1 + p.source_values.size());
        row.values.push_back(p.id);
        row.values.insert(row.values.end(), p.source_values.begin(), p.source_values.end());
        rows.push_back(std::move(row));
    }
    return rows;
}

std::size_t write_passthrough_parcels(AuditInputs& in, std::size_t chunk, TableSink& out, const ProgressFn& progress) {
    std::optional<VectorParcelSource> held;
    if (!in.parcel_source) held.emplace(in.parcels, in.parcel_fields);
    ParcelSource& parcels = in.parcel_source ? *in.parcel_source : static_cast<ParcelSource&>(*held);
    const std::size_t layer = out.add_layer(passthrough_parcels_schema(parcels.fields()));
    parcels.rewind();
    std::size_t written = 0;
    for (std::vector<Parcel> batch; !(batch = parcels.next(std::max<std::size_t>(1, chunk), in.diagnostics)).empty();) {
        written += batch.size();
        out.append(layer, passthrough_parcel_rows(batch));
        const double share = double(written) / double(std::max<std::size_t>(1, parcels.expected_count()));
        if (progress && !progress(std::min(1.0, share), "parcels: " + std::to_string(written) + " written"))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    if (in.provenance.count(LayerRole::Parcels)) in.provenance[LayerRole::Parcels].features_read = parcels.features_read();
    return written;
}

}  // namespace landaudit
