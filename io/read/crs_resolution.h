// CRS handling: a layer's CRS (source or override), descriptions for people, and the working CRS.
#pragma once

#include <ogr_spatialref.h>

#include <memory>
#include <string>

namespace landaudit {

// A CRS from user input ("EPSG:4522", WKT, PROJ string), traditional GIS axis order (x = lon).
// Throws AuditError naming `where` when it cannot be understood.
std::unique_ptr<OGRSpatialReference> srs_from_user_input(const std::string& text, const std::string& where);

// "EPSG:4522 (CGCS2000 / 3-degree Gauss-Kruger zone 34)", or the CRS name when it has no code.
std::string describe_srs(const OGRSpatialReference& srs);

// The definition the rest of the audit uses: "EPSG:N" when identified, else WKT2.
std::string srs_definition(const OGRSpatialReference& srs);

// Working CRS for "auto": the zone-prefixed CGCS2000 3° Gauss–Krüger zone (EPSG 4513–4533) of
// the longitude given. Throws AuditError when the longitude lies outside China's zones.
std::string auto_working_crs(double longitude);

}  // namespace landaudit
