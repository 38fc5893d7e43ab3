// Rule-set TOML files (rules/NAME.toml) → RuleSet, strict: unknown keys and inconsistent grading are errors.
#pragma once

#include <string>
#include <vector>

#include "layers/rule_set.h"

namespace landaudit {

// Where the built-in rule sets live: $LANDAUDIT_RULES_DIR when set (and not empty), else the
// rules/ directory of the source tree (the LANDAUDIT_RULES_DIR compile definition).
std::string builtin_rules_dir();

// Sorted file stems of the *.toml files in builtin_rules_dir(); empty when the directory is absent.
std::vector<std::string> builtin_rule_set_names();

// Reads one rule set. `name_or_path` is a built-in name ("kunming-2021") or the path of a .toml
// file; a relative path is taken against `base_dir` (usually the audit config's directory). It is
// a path when it contains a directory separator or ends in ".toml".
// Throws AuditError (Kind::Config) for an unknown name (the hint lists the built-in names), a file
// that does not exist or cannot be parsed; ValidationError listing every problem as
// `file:line: key: text` (unknown keys, unknown indicator codes, thresholds without min/max,
// duplicate ids, name ≠ file stem, grading inconsistent with the method, ...).
RuleSet load_rule_set(const std::string& name_or_path, const std::string& base_dir);

}  // namespace landaudit
