// CGCS2000 zone arithmetic.
#include "layers/cgcs2000_zones.h"

#include <cmath>

namespace landaudit {

int gk3_zone_for_longitude(double lon) { return static_cast<int>(std::lround(lon / 3.0)); }

std::optional<int> gk3_prefixed_epsg(int zone) {
    if (zone < 25 || zone > 45) return std::nullopt;
    return 4513 + zone - 25;
}

std::optional<int> gk3_unprefixed_epsg(int zone) {
    if (zone < 25 || zone > 45) return std::nullopt;
    return 4534 + zone - 25;
}

std::string suggest_crs_for_bounds(double minx, double miny, double maxx, double maxy) {
    if (minx >= -180 && maxx <= 180 && miny >= -90 && maxy <= 90) {
        auto zone = gk3_zone_for_longitude((minx + maxx) / 2);
        std::string s = "the coordinates look like longitude/latitude degrees: try crs = \"EPSG:4490\" (CGCS2000)";
        if (auto e = gk3_prefixed_epsg(zone))
            s += "; they lie in 3° zone " + std::to_string(zone) + " (working CRS EPSG:" + std::to_string(*e) + ")";
        return s;
    }
    if (minx > 1.0e7 && maxx < 1.0e8) {
        int prefix = static_cast<int>(minx / 1.0e6);
        if (prefix >= 25 && prefix <= 45)
            return "the eastings carry zone prefix " + std::to_string(prefix) + ": try crs = \"EPSG:" +
                   std::to_string(*gk3_prefixed_epsg(prefix)) + "\" (CGCS2000 3° GK zone " +
                   std::to_string(prefix) + ")";
        if (prefix >= 13 && prefix <= 23)
            return "the eastings carry zone prefix " + std::to_string(prefix) + ": try crs = \"EPSG:" +
                   std::to_string(4491 + prefix - 13) + "\" (CGCS2000 6° GK zone " + std::to_string(prefix) + ")";
    }
    if (minx > 0 && maxx < 1.0e6 && miny > 1.0e6 && maxy < 6.0e6)
        return "the eastings have no zone prefix (Gauss–Krüger around 500 000): try the unprefixed CGCS2000 3° "
               "zone of the area, EPSG:4534–4554 (e.g. \"EPSG:4543\" for central meridian 102°E), or Xian 1980 / "
               "Beijing 1954 if the data is older";
    return "no CGCS2000 zone matches these coordinates; name the layer's CRS with crs = \"EPSG:…\"";
}

}  // namespace landaudit
