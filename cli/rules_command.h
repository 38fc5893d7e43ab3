// `landaudit rules list` and `landaudit rules show NAME`: what the built-in and user rule sets say.
#pragma once

#include <ostream>
#include <string>

namespace landaudit {

// One entry per built-in rule set: name, title, method, number of checks, source. Returns the
// exit code (0). Throws AuditError when a built-in file does not load.
int print_rules_list(std::ostream& out);

// Every threshold (id, indicator code with its Chinese label and unit, comparison, levels,
// industries, land uses, subjects, source, [V]/[U]), the grade bands, score parts and exit rule.
// `name_or_path`: a built-in name or a .toml path (relative to the current directory). Returns
// the exit code (0); throws AuditError for an unknown name or an invalid file.
int print_rule_set(const std::string& name_or_path, std::ostream& out);

}  // namespace landaudit
