// Geometry hygiene: what is repaired, what is skipped, and the areas after repair.
#include "engine/geometry/geometry_hygiene.h"

#include <gtest/gtest.h>

#include "layers/domain.h"
#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::wkb;
using S = HygieneOutcome::Status;

double area_of(const WkbGeometry& w) {
    GeosContext ctx;
    return planar_area(ctx, from_wkb(ctx, w).get());
}

TEST(GeometryHygiene, ValidPolygonPassesUntouched) {
    GeosContext ctx;
    HygieneOutcome o = check_geometry(ctx, wkb(testing::rect(0, 0, 100, 100)), InvalidGeometryPolicy::Repair);
    EXPECT_EQ(o.status, S::Valid);
    EXPECT_TRUE(o.repaired.is_null());
}

TEST(GeometryHygiene, BowtieIsRepairedIntoTwoTriangles) {
    GeosContext ctx;
    // Crossing at (5,5): triangles (0,0)(10,0)(5,5) and (0,10)(10,10)(5,5), 25 m² each.
    HygieneOutcome o = check_geometry(ctx, wkb("POLYGON((0 0,10 10,10 0,0 10,0 0))"), InvalidGeometryPolicy::Repair);
    ASSERT_EQ(o.status, S::Repaired);
    EXPECT_EQ(o.problem, "invalid_geometry");
    EXPECT_NE(o.detail.find("Self-intersection"), std::string::npos) << o.detail;
    EXPECT_NEAR(area_of(o.repaired), 50.0, 1e-9);
}

TEST(GeometryHygiene, HoleTouchingShellTwiceIsRepairedKeepingArea) {
    GeosContext ctx;
    // Shell 10×10 with a hole 2×2 that is fine, plus a duplicate ring: structure keeps 100 − 4.
    HygieneOutcome o = check_geometry(
        ctx, wkb("POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4),(4 4,6 4,6 6,4 6,4 4))"),
        InvalidGeometryPolicy::Repair);
    ASSERT_EQ(o.status, S::Repaired);
    EXPECT_NEAR(area_of(o.repaired), 96.0, 1e-9);
}

TEST(GeometryHygiene, SkipPolicySkipsInvalid) {
    GeosContext ctx;
    HygieneOutcome o = check_geometry(ctx, wkb("POLYGON((0 0,10 10,10 0,0 10,0 0))"), InvalidGeometryPolicy::Skip);
    EXPECT_EQ(o.status, S::Skipped);
    EXPECT_EQ(o.problem, "invalid_geometry");
}

TEST(GeometryHygiene, NullEmptyAndNonPolygonAreSkipped) {
    GeosContext ctx;
    EXPECT_EQ(check_geometry(ctx, WkbGeometry{}, InvalidGeometryPolicy::Repair).problem, "null_geometry");
    EXPECT_EQ(check_geometry(ctx, wkb("POLYGON EMPTY"), InvalidGeometryPolicy::Repair).problem, "empty_geometry");
    EXPECT_EQ(check_geometry(ctx, wkb("POINT(1 2)"), InvalidGeometryPolicy::Repair).problem, "not_polygon");
    EXPECT_EQ(check_geometry(ctx, wkb("LINESTRING(0 0,1 1)"), InvalidGeometryPolicy::Repair).status, S::Skipped);
    WkbGeometry garbage{{1, 2, 3}};
    EXPECT_EQ(check_geometry(ctx, garbage, InvalidGeometryPolicy::Repair).problem, "unreadable_geometry");
}

TEST(GeometryHygiene, CollectionKeepsOnlyItsPolygons) {
    GeosContext ctx;
    HygieneOutcome o = check_geometry(
        ctx, wkb("GEOMETRYCOLLECTION(POLYGON((0 0,10 0,10 10,0 10,0 0)),LINESTRING(0 0,50 50))"),
        InvalidGeometryPolicy::Repair);
    ASSERT_EQ(o.status, S::Repaired);
    EXPECT_EQ(o.problem, "mixed_geometry");
    EXPECT_NEAR(area_of(o.repaired), 100.0, 1e-9);
}

TEST(GeometryHygiene, CleanFeaturesReplacesDropsAndReports) {
    GeosContext ctx;
    std::vector<Parcel> parcels(3);
    parcels[0] = {0, "ok", wkb(testing::rect(0, 0, 10, 10)), {}, {}, {}};
    parcels[1] = {1, "bowtie", wkb("POLYGON((0 0,10 10,10 0,0 10,0 0))"), {}, {}, {}};
    parcels[2] = {2, "none", WkbGeometry{}, {}, {}, {}};
    Diagnostics diag;
    clean_features(ctx, parcels, LayerRole::Parcels, "p.shp", InvalidGeometryPolicy::Repair, diag);
    ASSERT_EQ(parcels.size(), 2u);
    EXPECT_EQ(parcels[1].id, "bowtie");
    EXPECT_NEAR(area_of(parcels[1].geometry), 50.0, 1e-9);
    ASSERT_EQ(diag.items().size(), 2u);
    EXPECT_EQ(diag.items()[0].feature_id, "bowtie");
    EXPECT_EQ(diag.items()[0].action, DiagnosticAction::Repaired);
    EXPECT_EQ(diag.items()[1].fid, 2);
    EXPECT_EQ(diag.items()[1].action, DiagnosticAction::Skipped);
    EXPECT_EQ(diag.count(DiagnosticAction::Repaired), 1u);
}

}  // namespace
}  // namespace landaudit
