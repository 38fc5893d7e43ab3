// CGCS2000 Gauss–Krüger zone facts (land-rules §2): EPSG codes and guesses from coordinates.
#pragma once

#include <optional>
#include <string>

namespace landaudit {

// 3° zone number for a longitude: round(lon / 3), e.g. 102.7°E → 34.
int gk3_zone_for_longitude(double lon);
// EPSG of the zone-prefixed 3° GK CRS (4513–4533 for zones 25–45); nullopt outside China's zones.
std::optional<int> gk3_prefixed_epsg(int zone);
// EPSG of the unprefixed 3° GK CRS with central meridian 3·zone (4534–4554).
std::optional<int> gk3_unprefixed_epsg(int zone);

// A person-readable guess of the CRS of coordinates with these bounds, for the error shown
// when a layer has no CRS: geographic degrees, a zone-prefixed easting, or an unprefixed one.
std::string suggest_crs_for_bounds(double minx, double miny, double maxx, double maxy);

}  // namespace landaudit
