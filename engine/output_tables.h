// Turns inputs and analysis results into the output layers whose names and fields are the
// project's contract (docs/outputs.md).
#pragma once

#include <vector>

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"

namespace landaudit {

OutputTable parcels_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                          const RedevelopmentResult& redevelopment,
                          int threads = 1);
OutputTable parks_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                        const RedevelopmentResult& redevelopment);
OutputTable idle_table(const AuditInputs& in, const ComplianceResult& r, const RedevelopmentResult& redevelopment);
OutputTable unsupplied_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
OutputTable batches_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
OutputTable candidates_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
OutputTable conflicts_table(const AuditInputs& in, const ComplianceResult& r);
OutputTable diagnostics_table(const Diagnostics& diagnostics);

}  // namespace landaudit
