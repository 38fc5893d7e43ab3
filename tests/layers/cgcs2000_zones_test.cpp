// CGCS2000 zone arithmetic (land-rules §2) and CRS guesses from bounds.
#include "layers/cgcs2000_zones.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

TEST(Cgcs2000Zones, ZoneAndEpsgFromLongitude) {
    // Kunming 102.7°E → zone 34 → EPSG:4522 prefixed, 4543 unprefixed (land-rules §2 examples).
    EXPECT_EQ(gk3_zone_for_longitude(102.7), 34);
    EXPECT_EQ(gk3_prefixed_epsg(34), 4522);
    EXPECT_EQ(gk3_unprefixed_epsg(34), 4543);
    // Ends of the table: zone 25 (75°E) → 4513/4534, zone 45 (135°E) → 4533/4554.
    EXPECT_EQ(gk3_prefixed_epsg(25), 4513);
    EXPECT_EQ(gk3_prefixed_epsg(45), 4533);
    EXPECT_EQ(gk3_unprefixed_epsg(45), 4554);
    EXPECT_FALSE(gk3_prefixed_epsg(24).has_value());
    EXPECT_FALSE(gk3_prefixed_epsg(46).has_value());
    // Zone boundaries lie at 1.5° past a multiple of 3: 103.4 → 34, 103.6 → 35.
    EXPECT_EQ(gk3_zone_for_longitude(103.4), 34);
    EXPECT_EQ(gk3_zone_for_longitude(103.6), 35);
}

TEST(Cgcs2000Zones, SuggestionsFromBounds) {
    EXPECT_NE(suggest_crs_for_bounds(102.4, 24.8, 102.9, 25.1).find("EPSG:4490"), std::string::npos);
    EXPECT_NE(suggest_crs_for_bounds(102.4, 24.8, 102.9, 25.1).find("EPSG:4522"), std::string::npos);
    EXPECT_NE(suggest_crs_for_bounds(34500000, 2760000, 34510000, 2770000).find("EPSG:4522"), std::string::npos);
    EXPECT_NE(suggest_crs_for_bounds(19500000, 2760000, 19510000, 2770000).find("6° GK zone 19"), std::string::npos);
    EXPECT_NE(suggest_crs_for_bounds(500000, 2760000, 510000, 2770000).find("no zone prefix"), std::string::npos);
    // US-feet State Plane coordinates match nothing Chinese.
    EXPECT_NE(suggest_crs_for_bounds(10800000, 3500000, 10900000, 3600000).find("no CGCS2000 zone"), std::string::npos);
}

}  // namespace
}  // namespace landaudit
