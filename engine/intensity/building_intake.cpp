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
    BuildingIntake(in, policy, false, progress).finish();
}

BuildingIntake::BuildingIntake(AuditInputs& in, InvalidGeometryPolicy policy, bool concurrently, const ProgressFn& progress)
    : m_in(in) {
    if (!in.building_source && in.buildings.empty()) {
        m_finished = true;
        return;
    }
    const auto it = in.provenance.find(LayerRole::Buildings);
    m_label = it == in.provenance.end() ? std::string() : it->second.label;
    if (!in.building_store) in.building_store = std::make_shared<MemoryBuildingStore>();
    if (!in.building_source) {
        GeosContext ctx;
        if (progress) progress(0.0, "checking geometry: buildings");
        clean_features(ctx, in.buildings, LayerRole::Buildings, m_label, policy, in.diagnostics);
        add_buildings(ctx, *in.building_store, in.buildings);
        in.buildings = {};
        in.building_store->seal();
        if (progress) progress(1.0, "buildings stored");
        m_finished = true;
        return;
    }
    if (m_label.empty()) m_label = in.building_source->label();
    m_source = std::move(in.building_source);
    m_store = std::move(in.building_store);
    if (concurrently) {
        // No progress from this thread: the parcels' first pass reports meanwhile. The callback
        // is how finish() or the destructor stops it.
        m_thread = std::thread([this, policy] {
            store_all(policy, [this](double, std::string_view) { return !m_cancelled.load(); });
        });
    } else {
        store_all(policy, progress);
    }
}

BuildingIntake::~BuildingIntake() {
    m_cancelled = true;
    if (m_thread.joinable()) m_thread.join();
}

void BuildingIntake::store_all(InvalidGeometryPolicy policy, const ProgressFn& progress) {
    try {
        GeosContext ctx;
        BuildingSource& source = *m_source;
        for (std::vector<Building> chunk; !(chunk = source.next(kBuildingsPerChunk, m_diagnostics)).empty();) {
            clean_features(ctx, chunk, LayerRole::Buildings, m_label, policy, m_diagnostics);
            add_buildings(ctx, *m_store, chunk);
            const double share = double(source.features_read()) / double(std::max<std::size_t>(1, source.expected_count()));
            if (progress && !progress(std::min(1.0, share), "buildings: " + std::to_string(m_store->size()) + " stored"))
                throw AuditError(AuditError::Kind::Internal, "cancelled");
        }
        m_features_read = source.features_read();
        m_source.reset();  // its dataset closed on the thread that read it
        m_store->seal();
        if (progress) progress(1.0, "buildings stored");
    } catch (...) {
        m_failure = std::current_exception();
    }
}

void BuildingIntake::finish() {
    if (m_finished) return;
    if (m_thread.joinable()) m_thread.join();
    m_finished = true;
    m_in.diagnostics.merge(std::move(m_diagnostics));
    if (m_failure) std::rethrow_exception(m_failure);
    m_in.provenance[LayerRole::Buildings].features_read = m_features_read;
    m_in.building_store = std::move(m_store);
}

}  // namespace landaudit
