// The star_targets output table: per stars rule set and band, how many parks reach it against the
// document's target (seed 001: 8 三星, 5 四星, 3 五星 by 2026), so the report can show it from the
// GeoPackage alone.
#pragma once

#include "engine/intensity/intensity.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"

namespace landaudit {

// No geometry. One row per band of every stars rule set, best first, then "none" (parks below the
// lowest band) and "NA" (parks that cannot be rated); empty without a stars rule set.
OutputTable star_targets_table(const AuditInputs& in, const IntensityResult& intensity);

}  // namespace landaudit
