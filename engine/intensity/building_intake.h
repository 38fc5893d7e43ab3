// The audit's first step for the buildings layer: its features cleaned (geometry hygiene) and put,
// each with its box, into the store the intensity pass reads per chunk of parcels.
#pragma once

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

}  // namespace landaudit
