// Writing a deliverable atomically: a hidden temporary file beside the target, renamed on success,
// so an interrupted run leaves either the previous file or nothing.
#pragma once

#include <cstddef>
#include <string>

namespace landaudit {

// The longest file name (one path component) Linux file systems take, in bytes.
constexpr std::size_t kFileNameMax = 255;

// Hidden temporary path beside `target` for this process (".NAME.partial-PID" + extension),
// short enough, with SQLite's "-journal" after it, for any legal target name.
std::string temporary_path_beside(const std::string& target);

// Before any work is done, throws AuditError (Output) when `target` cannot be an output file: its
// name is longer than any file system allows, it is an existing folder, a file stands where its
// folder would be, or that folder (or the part of its path that exists) is not writable (each would
// otherwise fail only at the end of the run).
void check_output_target(const std::string& target);

// Writes bytes to `path` via temporary_path_beside(path) and rename. Throws AuditError (Output).
void write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace landaudit
