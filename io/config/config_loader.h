// Reads and validates the audit's TOML config; every problem is reported at once.
#pragma once

#include <string>

#include "layers/audit_config.h"

namespace landaudit {

// Throws AuditError when the file cannot be read or parsed (with line and column), and
// ValidationError listing every unknown key, wrong type and missing required key.
// Relative layer paths and the output path are resolved against the config file's folder.
AuditConfig load_config(const std::string& path);

}  // namespace landaudit
