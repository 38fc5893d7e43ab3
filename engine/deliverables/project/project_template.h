// The plain-text templates of styles/project/: {{name}} placeholders, and "a | b | c" line tables
// (layer tree, park map layers, park figures) that a GIS person edits without touching C++.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace landaudit {

// text with every {{name}} replaced by values[name], inserted verbatim (escape before). Throws
// AuditError (Config) naming template_name and the placeholder when a value is missing.
std::string fill_template(const std::string& text, const std::map<std::string, std::string>& values,
                          const std::string& template_name);

// The names of the placeholders in text, in order of first appearance.
std::vector<std::string> template_placeholders(const std::string& text);

// The lines of a line table: each non-blank line not starting with '#', split at '|' with the
// cells trimmed. Throws AuditError (Config) naming template_name and the line when a line has
// fewer than min_cells cells.
std::vector<std::vector<std::string>> read_line_table(const std::string& text, std::size_t min_cells,
                                                      const std::string& template_name);

// templates[name], or AuditError (Config) naming styles/project/<name> when it is missing.
const std::string& project_template(const std::map<std::string, std::string>& templates, const std::string& name);

}  // namespace landaudit
