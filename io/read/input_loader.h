// Loading an audit's inputs: validate every layer (all problems at once), choose the working
// CRS, read each layer and map it onto the domain.
#pragma once

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

// Throws ValidationError listing every problem found in any layer (missing files, layers,
// fields, CRSs) before reading any feature; AuditError for an empty parks or parcels layer.
AuditInputs load_inputs(const AuditConfig& config, const ProgressFn& progress);

}  // namespace landaudit
