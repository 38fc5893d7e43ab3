// What a person reads at the end of a run or a check.
#pragma once

#include <ostream>
#include <string>

#include "engine/audit.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"

namespace landaudit {

void print_inputs(std::ostream& out, const AuditInputs& inputs);
void print_run_summary(std::ostream& out, const AuditConfig& config, const AuditInputs& inputs,
                       const AuditResult& result, const std::string& output_path);
void print_diagnostic_counts(std::ostream& out, const Diagnostics& diagnostics);

}  // namespace landaudit
