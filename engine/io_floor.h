// The I/O floor of an audit (`landaudit run --no-analysis`, issue 8): read the parcels and write
// them back with their fields and a spatial index, nothing analysed. The bench measures the full
// audit against this lower bound.
#pragma once

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"

namespace landaudit {

// The config with only the layers the floor reads: parcels, and parks (which every run needs).
AuditConfig io_floor_config(const AuditConfig& config);

// `parcels`: the parcel id, every source field and the geometry, as read.
OutputTable passthrough_parcels_table(const AuditInputs& in);

}  // namespace landaudit
