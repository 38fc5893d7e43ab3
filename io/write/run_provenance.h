// Collects the run's provenance (layers/run_info.h): every file read with its digest, the config
// text, the CRS, the rule sets.
#pragma once

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/run_info.h"

namespace landaudit {

// started/finished are left empty: the caller stamps them (now_iso8601()).
RunInfo collect_run_info(const AuditConfig& config, const AuditInputs& inputs);

// The current local time as ISO 8601 with offset, e.g. "2026-12-02T15:04:05+08:00".
std::string now_iso8601();

}  // namespace landaudit
