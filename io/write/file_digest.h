// SHA-256 of a file, for the run's provenance.
#pragma once

#include <string>

namespace landaudit {

// Lowercase hex digest of the file's bytes. Throws AuditError (Input) naming the file when it
// cannot be read.
std::string sha256_of_file(const std::string& path);

// Lowercase hex digest of bytes in memory.
std::string sha256_of_bytes(const std::string& bytes);

}  // namespace landaudit
