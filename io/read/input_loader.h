// Loading an audit's inputs: validate every layer (all problems at once), choose the working
// CRS, read each layer and map it onto the domain.
#pragma once

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

// Throws ValidationError listing every problem found in any layer (missing files, layers,
// fields, CRSs) before reading any feature; AuditError for an empty parks or parcels layer.
// Streamed: the parcels and the buildings are not read here but left to AuditInputs::parcel_source
// and building_source, a chunk at a time (the audit); Whole: read into AuditInputs::parcels and
// buildings (the library path and tests).
enum class ParcelLoading { Whole, Streamed };
AuditInputs load_inputs(const AuditConfig& config, const ProgressFn& progress,
                        ParcelLoading parcels = ParcelLoading::Whole);

}  // namespace landaudit
