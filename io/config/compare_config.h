// `[compare] earlier` checked before any work, the same for `landaudit run` and `landaudit check`:
// where the change GeoPackage goes, or why it cannot be written.
#pragma once

#include <string>

#include "layers/audit_config.h"

namespace landaudit {

// NAME_change.gpkg beside config.output_path (already overridden by --out), or empty when the
// config has no [compare] earlier. Throws AuditError (Config) naming the config and the key with a
// hint when there is no output path, the output is PostGIS, the earlier file does not exist or is
// not a landaudit output (a GeoPackage with parcels and parks layers; only opened, not read), or
// the earlier file is this run's output or its change file.
std::string compare_change_path(const AuditConfig& config);

}  // namespace landaudit
