// Buildings from their source (or the held vector) through hygiene into the building store.
#include "engine/intensity/building_intake.h"

#include <algorithm>

#include "engine/geometry/geometry_hygiene.h"
#include "engine/intensity/building_measures.h"
#include "engine/intensity/memory_building_store.h"
#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::size_t kBuildingsPerChunk = 50000;

}  // namespace

void take_in_buildings(AuditInputs& in, InvalidGeometryPolicy policy, const ProgressFn& progress) {
    if (!in.building_source && in.buildings.empty()) return;
    GeosContext ctx;
    const auto it = in.provenance.find(LayerRole::Buildings);
    std::string label = it == in.provenance.end() ? std::string() : it->second.label;
    if (!in.building_store) in.building_store = std::make_shared<MemoryBuildingStore>();
    BuildingStore& store = *in.building_store;
    if (in.building_source) {
        BuildingSource& source = *in.building_source;
        if (label.empty()) label = source.label();
        for (std::vector<Building> chunk; !(chunk = source.next(kBuildingsPerChunk, in.diagnostics)).empty();) {
            clean_features(ctx, chunk, LayerRole::Buildings, label, policy, in.diagnostics);
            add_buildings(ctx, store, chunk);
            const double share = double(source.features_read()) / double(std::max<std::size_t>(1, source.expected_count()));
            if (progress && !progress(std::min(1.0, share), "buildings: " + std::to_string(store.size()) + " stored"))
                throw AuditError(AuditError::Kind::Internal, "cancelled");
        }
        in.provenance[LayerRole::Buildings].features_read = source.features_read();
        in.building_source.reset();
    } else {
        if (progress) progress(0.0, "checking geometry: buildings");
        clean_features(ctx, in.buildings, LayerRole::Buildings, label, policy, in.diagnostics);
        add_buildings(ctx, store, in.buildings);
        in.buildings = {};
    }
    store.seal();
    if (progress) progress(1.0, "buildings stored");
}

}  // namespace landaudit
