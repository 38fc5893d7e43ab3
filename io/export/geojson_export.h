// One output table as GeoJSON per RFC 7946: WGS 84 longitude/latitude (EPSG:4326), 7 decimals
// (about 1 cm), right-hand-rule rings; a table without geometry as features with null geometry.
#pragma once

#include <string>
#include <vector>

#include "layers/output_table.h"

namespace landaudit {

// crs_wkt: the working CRS of the geometries (GDAL reprojects them). Writes atomically. Returns
// GDAL's warnings, if any, naming the file. Throws AuditError (Input) for a geometry table without
// a CRS, (Output) naming the file when it cannot be written.
std::vector<std::string> write_geojson_export(const OutputTable& table, const std::string& crs_wkt,
                                              const std::string& path);

}  // namespace landaudit
