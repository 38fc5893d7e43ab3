// `check`: the audit's reading and hygiene, a chunk of parcels at a time, without the analyses.
#include "engine/input_check.h"

#include <algorithm>
#include <optional>

#include "engine/geometry/geometry_hygiene.h"
#include "engine/geometry/geos_context.h"
#include "engine/intensity/building_intake.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/error.h"

namespace landaudit {

std::size_t check_inputs(AuditInputs& in, const AuditConfig& config, const ProgressFn& progress) {
    std::optional<VectorParcelSource> held;
    if (!in.parcel_source) held.emplace(in.parcels, in.parcel_fields);
    ParcelSource& parcels = in.parcel_source ? *in.parcel_source : static_cast<ParcelSource&>(*held);
    const std::string label =
        in.provenance.count(LayerRole::Parcels) ? in.provenance.at(LayerRole::Parcels).label : parcels.label();

    clean_held_layers(in, config.invalid_geometry, scaled_progress(progress, 0.0, 0.05));
    take_in_buildings(in, config.invalid_geometry, scaled_progress(progress, 0.05, 0.1));
    GeosContext ctx;
    Diagnostics reading, hygiene, dates;
    std::size_t kept = 0;
    parcels.rewind();
    const std::size_t chunk = std::max<std::size_t>(1, config.chunk_parcels);
    for (std::vector<Parcel> parcel_chunk; !(parcel_chunk = parcels.next(chunk, reading)).empty();) {
        clean_features(ctx, parcel_chunk, LayerRole::Parcels, label, config.invalid_geometry, hygiene);
        kept += parcel_chunk.size();
        report_unreadable_parcel_dates(parcel_chunk, config, dates);
        const double share = double(kept) / double(std::max<std::size_t>(1, parcels.expected_count()));
        if (progress && !progress(0.1 + 0.9 * std::min(1.0, share), "checking parcels: " + std::to_string(kept)))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    in.provenance[LayerRole::Parcels].features_read = parcels.features_read();
    if (kept == 0) require_usable_geometry(LayerRole::Parcels, kept, parcels.features_read(), label, hygiene);
    report_unreadable_batch_dates(in, config, dates);
    in.diagnostics.merge(std::move(reading));
    in.diagnostics.merge(std::move(hygiene));
    in.diagnostics.merge(std::move(dates));
    if (progress) progress(1.0, "inputs checked");
    return kept;
}

}  // namespace landaudit
