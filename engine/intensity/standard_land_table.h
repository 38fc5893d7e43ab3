// The standard_land output layer: every 标准地 parcel with its contracted, measured and shortfall
// figures per indicator and its verdict (docs/outputs.md).
#pragma once

#include "engine/output_tables.h"

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"

namespace landaudit {

// One row per parcel with a contract (any std_* value), in parcel order, with the parcel's geometry.
OutputTable standard_land_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity);
// The same a chunk of parcels at a time (the streamed audit).
OutputTable standard_land_schema();
std::vector<OutputRow> standard_land_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks);

}  // namespace landaudit
