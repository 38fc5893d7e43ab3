// What `landaudit check` finds in the inputs without running the audit: every layer's geometry
// hygiene and the dates a run could not read. The parcels are read a chunk at a time, as the
// audit reads them, so that checking a province takes the memory of the held layers only.
#pragma once

#include <cstddef>

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

// Cleans the held layers of `in` (repairing or dropping features as a run would) and checks every
// parcel of in.parcel_source (or in.parcels when nothing streams); the problems go to
// in.diagnostics: reading, hygiene, then unreadable dates (parcels, batches, supply records).
// Sets the parcels' features_read. Throws AuditError when no parcel or park has a usable geometry.
// Returns the parcels a run would audit.
std::size_t check_inputs(AuditInputs& in, const AuditConfig& config, const ProgressFn& progress);

}  // namespace landaudit
