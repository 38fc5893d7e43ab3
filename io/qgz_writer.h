// Writes a .qgz (a zip holding the .qgs) through GDAL's /vsizip/, atomically.
#pragma once

#include <string>

namespace landaudit {

// qgs_name: the .qgs entry's name inside the archive, e.g. "sample_audit.qgs".
void write_qgz(const std::string& qgz_path, const std::string& qgs_name, const std::string& qgs_text);

}  // namespace landaudit
