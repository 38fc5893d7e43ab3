// Ellipsoidal area against what Gauss–Krüger distortion predicts (land-rules §2).
#include "engine/geometry/ellipsoidal_area.h"

#include <gtest/gtest.h>

#include "layers/error.h"
#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::geom;
using testing::rect;

// EPSG:4522 = CGCS2000 3° GK zone 34: central meridian 102°E, false easting 34 500 000.
constexpr double kCentralEasting = 34500000.0;
constexpr double kNorthing = 2760000.0;  // about 24.9°N, Kunming

TEST(EllipsoidalArea, OnTheCentralMeridianEqualsPlanar) {
    GeosContext ctx;
    EllipsoidalArea e("EPSG:4522");
    // 100 m × 100 m = 10 000 m²; GK scale is 1 on the central meridian (k0 = 1), so the
    // ellipsoidal area matches to well under 0.01 m² (y ≤ 100 m gives y²/R² ≈ 2.5e-10).
    GeomPtr g = geom(ctx, rect(kCentralEasting, kNorthing, kCentralEasting + 100, kNorthing + 100));
    EXPECT_NEAR(e.area_m2(ctx, g.get()), 10000.0, 0.01);
}

TEST(EllipsoidalArea, HundredKilometresEastPlanarExceedsByYSquaredOverRSquared) {
    GeosContext ctx;
    EllipsoidalArea e("EPSG:4522");
    // At y = 100 km the GK scale is ≈ 1 + y²/2R², area scale ≈ 1 + y²/R² = 1 + (100/6371)² ≈ 1.000246:
    // planar 10 000 m² is ≈ 9997.54 m² on the ellipsoid (land-rules §2: "0.025 % at 100 km").
    const double x = kCentralEasting + 100000.0;
    GeomPtr g = geom(ctx, rect(x, kNorthing, x + 100, kNorthing + 100));
    double ellipsoidal = e.area_m2(ctx, g.get());
    double excess = 10000.0 / ellipsoidal - 1.0;
    EXPECT_NEAR(excess, 2.46e-4, 0.05e-4);
}

TEST(EllipsoidalArea, HolesAndPartsAreAccountedFor) {
    GeosContext ctx;
    EllipsoidalArea e("EPSG:4522");
    const double x = kCentralEasting, y = kNorthing;
    auto n = [](double v) { return std::to_string(v); };
    // 100 × 100 shell with a 50 × 50 hole = 7500; plus a separate 10 × 10 part = 7600.
    std::string wkt = "MULTIPOLYGON(((" + n(x) + " " + n(y) + "," + n(x + 100) + " " + n(y) + "," + n(x + 100) + " " +
                      n(y + 100) + "," + n(x) + " " + n(y + 100) + "," + n(x) + " " + n(y) + "),(" + n(x + 25) + " " +
                      n(y + 25) + "," + n(x + 25) + " " + n(y + 75) + "," + n(x + 75) + " " + n(y + 75) + "," +
                      n(x + 75) + " " + n(y + 25) + "," + n(x + 25) + " " + n(y + 25) + ")),((" + n(x + 200) + " " +
                      n(y) + "," + n(x + 210) + " " + n(y) + "," + n(x + 210) + " " + n(y + 10) + "," + n(x + 200) +
                      " " + n(y + 10) + "," + n(x + 200) + " " + n(y) + ")))";
    GeomPtr g = geom(ctx, wkt);
    EXPECT_NEAR(e.area_m2(ctx, g.get()), 7600.0, 0.01);
}

TEST(EllipsoidalArea, UnknownCrsIsAConfigError) {
    try {
        EllipsoidalArea e("EPSG:999999");
        FAIL() << "expected AuditError";
    } catch (const AuditError& err) {
        EXPECT_EQ(err.kind(), AuditError::Kind::Config);
        EXPECT_NE(std::string(err.what()).find("EPSG:999999"), std::string::npos);
    }
}

}  // namespace
}  // namespace landaudit
