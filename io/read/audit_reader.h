// Reads a finished audit GeoPackage back (layers/audit_output.h): layers with their fields,
// Chinese aliases (gpkg_data_columns) and titles, geometry as WKB, the working CRS and run_info.
#pragma once

#include <string>

#include "layers/audit_output.h"

namespace landaudit {

// Throws AuditError (Input) naming the file when it is not a landaudit output (no parcels or
// parks layer) or cannot be read.
AuditOutput read_audit_output(const std::string& path);

// A change GeoPackage of `landaudit compare` (park_change, parcel_change, disposal, conflict_change,
// diagnostics, and run_info/run_inputs naming the two audits compared when it has them). Throws
// AuditError (Input) naming the file when it has no parcel_change and park_change layers.
AuditOutput read_change_output(const std::string& path);

}  // namespace landaudit
