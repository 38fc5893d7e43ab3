// The data files that shape the deliverables (styles/: QML templates, the report and print
// layout templates) and the JavaScript libraries Debian installs, read at run time.
#pragma once

#include <map>
#include <string>

namespace landaudit {

// $LANDAUDIT_STYLES_DIR when set (and not empty), else the source tree's styles/.
std::string styles_dir();

// The text of styles/<relative>. Throws AuditError (Config) naming the file when it is missing.
std::string read_style_file(const std::string& relative);

// Every file of styles/<relative_dir> whose name ends with `extension` ("" = every file): file
// name → text. Throws AuditError (Config) when the folder is missing.
std::map<std::string, std::string> read_style_folder(const std::string& relative_dir, const std::string& extension);

// Any text file; `what` says what it is for in the error ("Chart.js from libjs-chart.js").
std::string read_text_file(const std::string& path, const std::string& what, const std::string& hint);

}  // namespace landaudit
