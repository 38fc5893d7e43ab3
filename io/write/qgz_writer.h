// Writes a .qgz (a zip holding the .qgs) through GDAL's /vsizip/, atomically: a temporary file
// beside the target (io/atomic_file.h), renamed on success and removed on failure.
#pragma once

#include <string>

namespace landaudit {

// qgs_name: the .qgs entry's name inside the archive, e.g. "sample_audit.qgs". Throws AuditError
// (Output) naming qgz_path when the archive cannot be written or moved into place.
void write_qgz(const std::string& qgz_path, const std::string& qgs_name, const std::string& qgs_text);

}  // namespace landaudit
