// The audit as one explicit sequence over loaded inputs: hygiene, compliance, output tables.
#pragma once

#include <vector>

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"
#include "layers/progress.h"

namespace landaudit {

struct AuditResult {
    ComplianceResult compliance;
    IntensityResult intensity;
    RedevelopmentResult redevelopment;
    std::vector<OutputTable> tables;  // in the order they are written
};

// inputs are cleaned in place (repaired geometries replace the originals in memory only).
AuditResult run_audit(AuditInputs& inputs, const AuditConfig& config, const ProgressFn& progress);

}  // namespace landaudit
