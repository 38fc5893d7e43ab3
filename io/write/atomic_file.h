// Writing a deliverable atomically: a hidden temporary file beside the target, renamed on success,
// so an interrupted run leaves either the previous file or nothing.
#pragma once

#include <string>

namespace landaudit {

// Hidden temporary path beside `target` for this process (".NAME.partial-PID" + extension),
// short enough for any legal target name.
std::string temporary_path_beside(const std::string& target);

// Writes bytes to `path` via temporary_path_beside(path) and rename. Throws AuditError (Output).
void write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace landaudit
