// The audit's first step for the buildings layer: its features cleaned (geometry hygiene) and put,
// each with its box, into the store the intensity pass reads per chunk of parcels.
#pragma once

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <thread>

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

// Streamed (`building_source` set): reads it once, a chunk at a time, into `building_store` (a
// MemoryBuildingStore when load_inputs made none); held: moves `buildings` into a
// MemoryBuildingStore. Seals the store and sets the layer's features_read. Reading and hygiene
// problems go to inputs.diagnostics, in layer order. Leaves `building_store` null when there are
// no buildings; a second call does nothing.
void take_in_buildings(AuditInputs& inputs, InvalidGeometryPolicy policy, const ProgressFn& progress = {});

// take_in_buildings, streamed on a thread of its own when `concurrently`, so that the buildings are
// stored while the audit's first pass reads the parcels (issue 8: both are a core's work). Until
// finish() the intake holds the source and the store (`inputs.building_source` and
// `building_store` are null meanwhile) and touches nothing else of `inputs`; finish() hands the
// store back, adds the diagnostics to inputs.diagnostics in layer order and sets features_read,
// exactly as take_in_buildings does. Held buildings are taken in at once on the calling thread.
class BuildingIntake {
public:
    BuildingIntake(AuditInputs& inputs, InvalidGeometryPolicy policy, bool concurrently, const ProgressFn& progress = {});
    // Unfinished (the audit failed meanwhile): stops the intake after its current chunk and waits.
    ~BuildingIntake();
    BuildingIntake(const BuildingIntake&) = delete;
    BuildingIntake& operator=(const BuildingIntake&) = delete;

    // Waits for the intake; rethrows what it met. A second call does nothing.
    void finish();

private:
    void store_all(InvalidGeometryPolicy policy, const ProgressFn& progress);  // on the intake's thread

    AuditInputs& m_in;
    std::shared_ptr<BuildingSource> m_source;
    std::shared_ptr<BuildingStore> m_store;
    std::string m_label;
    Diagnostics m_diagnostics;
    std::size_t m_features_read = 0;
    std::exception_ptr m_failure;
    std::atomic<bool> m_cancelled{false};
    bool m_finished = false;
    std::thread m_thread;
};

}  // namespace landaudit
