// Reads a finished audit GeoPackage back (layers/audit_output.h): layers with their fields,
// Chinese aliases (gpkg_data_columns) and titles, geometry as WKB, the working CRS and run_info.
#pragma once

#include <string>

#include "layers/audit_output.h"

namespace landaudit {

// Throws AuditError (Input) naming the file when it is not a landaudit output (no parcels or
// parks layer) or cannot be read.
AuditOutput read_audit_output(const std::string& path);

}  // namespace landaudit
