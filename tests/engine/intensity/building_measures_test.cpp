// Footprints and floor areas from the buildings layer, on hand-computed squares.
#include "engine/intensity/building_measures.h"

#include <gtest/gtest.h>

#include "engine/intensity/memory_building_store.h"
#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::rect;
using testing::square;
using testing::wkb;

// Local origin near a CGCS2000 3° zone 34 coordinate, as real data would be.
constexpr double X = 34500000.0;
constexpr double Y = 2760000.0;

std::string local_square(double x, double y, double size) { return square(X + x, Y + y, size); }
std::string local_rect(double x0, double y0, double x1, double y1) { return rect(X + x0, Y + y0, X + x1, Y + y1); }

Parcel parcel(const std::string& id, const std::string& wkt) {
    Parcel p;
    p.id = id;
    p.fid = 1;
    p.geometry = wkb(wkt);
    return p;
}

Building building(long long fid, const std::string& wkt, std::optional<double> floors, std::optional<double> height,
                  const std::string& kind = "") {
    Building b;
    b.fid = fid;
    b.id = "B" + std::to_string(fid);
    b.floors = floors;
    b.height_m = height;
    b.kind = kind;
    b.geometry = wkb(wkt);
    return b;
}

// Parcel A is the 100 m × 100 m square (0,0)–(100,100); parcel B its neighbour (100,0)–(200,100).
std::vector<Parcel> two_parcels() {
    return {parcel("A", local_square(0, 0, 100)), parcel("B", local_square(100, 0, 100))};
}

struct ShareCase {
    const char* name;
    std::vector<Building> buildings;
    BuildingShare a, b;
    std::size_t missing_floor_diagnostics;
};

std::vector<ShareCase> share_cases() {
    const auto none = std::nullopt;
    return {
        // 40 × 40 = 1600 m² inside A, 3 floors, 12 m (4 m storeys): floor area 1600 × 3 = 4800.
        {"inside_three_floors", {building(1, local_square(10, 10, 40), 3.0, 12.0)}, {1600, 4800, true}, {0, 0, true}, 0},
        // x 80..120 × y 20..60 = 40 × 40 = 1600, split by x = 100 into 20 × 40 = 800 each; 2 floors → 1600 each.
        {"crossing_split_half",
         {building(2, local_rect(80, 20, 120, 60), 2.0, 7.0)},
         {800, 1600, true},
         {800, 1600, true},
         0},
        // One storey of 12 m > 8 m counts double: 1600 × 2 = 3200.
        {"tall_single_storey", {building(3, local_square(10, 10, 40), 1.0, 12.0)}, {1600, 3200, true}, {0, 0, true}, 0},
        // 2 floors in 16 m: 8 m storeys are not "over 8 m": 1600 × 2 = 3200.
        {"storey_exactly_8m", {building(4, local_square(10, 10, 40), 2.0, 16.0)}, {1600, 3200, true}, {0, 0, true}, 0},
        // Height but no floors: one storey, doubled above 8 m (12 m) → 3200; not at 6 m → 1600.
        {"height_only_tall", {building(5, local_square(10, 10, 40), none, 12.0)}, {1600, 3200, true}, {0, 0, true}, 0},
        {"height_only_low", {building(6, local_square(10, 10, 40), none, 6.0)}, {1600, 1600, true}, {0, 0, true}, 0},
        // Floors without height: as given, 3 × 1600.
        {"floors_only", {building(7, local_square(10, 10, 40), 3.0, none)}, {1600, 4800, true}, {0, 0, true}, 0},
        // A 30 × 30 = 900 building without floors or height next to the 3-floor one: footprint
        // 1600 + 900 = 2500 counts; floor area unknown for A; B untouched.
        {"missing_floors",
         {building(8, local_square(10, 10, 40), 3.0, none), building(9, local_square(60, 60, 30), none, none)},
         {2500, 4800, false},
         {0, 0, true},
         1},
        // A floorless building across both parcels: one diagnostic, both parcels unknown.
        {"missing_floors_crossing",
         {building(10, local_rect(90, 0, 110, 10), none, none)},
         {100, 0, false},
         {100, 0, false},
         1},
        // Inside B, touching A along x = 100 only: nothing for A.
        {"edge_contact", {building(11, local_square(100, 0, 20), 1.0, none)}, {0, 0, true}, {400, 400, true}, 0},
        // Two buildings on A add up: 1600 × 3 + 400 × 2 (20 × 20) = 5600.
        {"two_buildings",
         {building(12, local_square(10, 10, 40), 3.0, none), building(13, local_square(60, 60, 20), 2.0, none)},
         {2000, 5600, true},
         {0, 0, true},
         0},
    };
}

class BuildingShareTable : public ::testing::TestWithParam<ShareCase> {};

TEST_P(BuildingShareTable, FootprintFloorAreaAndDiagnostics) {
    const ShareCase& c = GetParam();
    Diagnostics diag;
    auto shares = building_shares(two_parcels(), c.buildings, diag);
    ASSERT_EQ(shares.size(), 2u);
    EXPECT_NEAR(shares[0].footprint_m2, c.a.footprint_m2, 1e-6);
    EXPECT_EQ(shares[0].floors_known, c.a.floors_known);
    if (c.a.floors_known) {
        EXPECT_NEAR(shares[0].floor_area_m2, c.a.floor_area_m2, 1e-6);
    }
    EXPECT_NEAR(shares[1].footprint_m2, c.b.footprint_m2, 1e-6);
    EXPECT_EQ(shares[1].floors_known, c.b.floors_known);
    if (c.b.floors_known) {
        EXPECT_NEAR(shares[1].floor_area_m2, c.b.floor_area_m2, 1e-6);
    }
    std::size_t missing = 0;
    for (const auto& d : diag.items())
        if (d.problem == "missing_floors") ++missing;
    EXPECT_EQ(missing, c.missing_floor_diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Cases, BuildingShareTable, ::testing::ValuesIn(share_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BuildingShares, MissingFloorsDiagnosticNamesBuildingAndParcels) {
    Diagnostics diag;
    building_shares(two_parcels(), {building(10, local_rect(90, 0, 110, 10), std::nullopt, std::nullopt)}, diag);
    ASSERT_EQ(diag.items().size(), 1u);
    const Diagnostic& d = diag.items()[0];
    EXPECT_EQ(d.role, "buildings");
    EXPECT_EQ(d.problem, "missing_floors");
    EXPECT_EQ(d.action, DiagnosticAction::Reported);
    EXPECT_EQ(d.fid, 10);
    EXPECT_EQ(d.feature_id, "B10");
    EXPECT_NE(d.detail.find("neither floors nor height"), std::string::npos) << d.detail;
    EXPECT_NE(d.detail.find("A, B"), std::string::npos) << d.detail;
}

// Parcels in two chunks (a streamed audit): the same shares, and a floorless building on both
// chunks' parcels is reported once, naming both.
TEST(BuildingShares, PassOverChunksEqualsTheWholeLayer) {
    const std::vector<Building> buildings = {building(10, local_rect(90, 0, 110, 10), std::nullopt, std::nullopt),
                                             building(11, local_rect(10, 10, 30, 30), 3.0, std::nullopt)};
    Diagnostics whole_diag;
    const auto whole = building_shares(two_parcels(), buildings, whole_diag);
    GeosContext ctx;
    MemoryBuildingStore store;
    add_buildings(ctx, store, buildings);
    store.seal();
    BuildingSharePass pass(store);
    Diagnostics diag;
    const std::vector<Parcel> parcels = two_parcels();
    auto first = pass.shares({parcels[0]}, diag);
    auto second = pass.shares({parcels[1]}, diag);
    EXPECT_TRUE(diag.items().empty()) << "reported after the last chunk";
    pass.report_missing_floors(diag);
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(first[0].footprint_m2, whole[0].footprint_m2);
    EXPECT_EQ(first[0].floor_area_m2, whole[0].floor_area_m2);
    EXPECT_EQ(second[0].footprint_m2, whole[1].footprint_m2);
    EXPECT_EQ(first[0].floors_known, whole[0].floors_known);
    ASSERT_EQ(diag.items().size(), 1u);
    EXPECT_EQ(diag.items()[0].detail, whole_diag.items()[0].detail);
    EXPECT_NE(diag.items()[0].detail.find("A, B"), std::string::npos) << diag.items()[0].detail;
}

TEST(BuildingShares, NoBuildingsGivesZeroKnownShares) {
    Diagnostics diag;
    auto shares = building_shares(two_parcels(), {}, diag);
    ASSERT_EQ(shares.size(), 2u);
    EXPECT_EQ(shares[0].footprint_m2, 0.0);
    EXPECT_TRUE(shares[0].floors_known);
    EXPECT_TRUE(diag.items().empty());
}

TEST(CountedFloors, DoubleAboveEightMetreStoreys) {
    auto b = [](std::optional<double> floors, std::optional<double> height) {
        Building x;
        x.floors = floors;
        x.height_m = height;
        return counted_floors(x);
    };
    EXPECT_EQ(b(3.0, 12.0), 3.0);   // 4 m storeys
    EXPECT_EQ(b(3.0, 27.0), 6.0);   // 9 m storeys
    EXPECT_EQ(b(1.0, 8.0), 1.0);    // exactly 8 m: not over
    EXPECT_EQ(b(std::nullopt, 8.5), 2.0);
    EXPECT_EQ(b(std::nullopt, 4.0), 1.0);
    EXPECT_EQ(b(std::nullopt, std::nullopt), std::nullopt);
    EXPECT_EQ(b(0.0, std::nullopt), std::nullopt);  // 0 floors is not data
    EXPECT_EQ(b(0.0, 5.0), 1.0);                    // … but the height still is
}

// Parks P1 (0,0)–(200,100) and P2 (200,0)–(400,100).
TEST(StandardFactories, FootprintsPerParkByLargestShare) {
    GeosContext ctx;
    std::vector<Park> parks(2);
    parks[0].id = "P1";
    parks[0].geometry = wkb(local_rect(0, 0, 200, 100));
    parks[1].id = "P2";
    parks[1].geometry = wkb(local_rect(200, 0, 400, 100));
    const auto none = std::nullopt;
    std::vector<Building> buildings = {
        building(1, local_square(10, 10, 40), 3.0, none, "标准厂房"),   // P1: 1600, multi
        building(2, local_square(60, 10, 20), 1.0, none, " 标准厂房 "),  // P1: 400, single (spaces ignored)
        // x 180..230 × y 10..30: 20 × 20 = 400 in P1, 30 × 20 = 600 in P2 → all 1000 to P2, multi.
        building(3, local_rect(180, 10, 230, 30), 2.0, none, "标准厂房"),
        building(4, local_square(100, 10, 40), 4.0, none, "仓库"),      // not a standard factory
        building(5, local_square(300, 10, 10), none, none, "标准厂房"), // P2: 100, floors unknown
        building(6, local_square(500, 10, 10), 3.0, none, "标准厂房"),  // outside every park
        building(7, local_square(320, 10, 10), 2.0, none, "多层厂房"),  // second kind: P2 100, multi
    };
    auto f = standard_factory_footprints(ctx, parks, buildings, {"标准厂房", "多层厂房"});
    ASSERT_EQ(f.size(), 2u);
    // P1: all 1600 + 400 = 2000, multi 1600.
    EXPECT_NEAR(f[0].all_m2, 2000.0, 1e-6);
    EXPECT_NEAR(f[0].multi_m2, 1600.0, 1e-6);
    EXPECT_NEAR(f[0].unknown_m2, 0.0, 1e-6);
    // P2: all 1000 + 100 = 1100, multi the same; 100 unknown.
    EXPECT_NEAR(f[1].all_m2, 1100.0, 1e-6);
    EXPECT_NEAR(f[1].multi_m2, 1100.0, 1e-6);
    EXPECT_NEAR(f[1].unknown_m2, 100.0, 1e-6);
}

TEST(StandardFactories, NoKindsMeansNothing) {
    GeosContext ctx;
    std::vector<Park> parks(1);
    parks[0].geometry = wkb(local_rect(0, 0, 200, 100));
    auto f = standard_factory_footprints(ctx, parks, {building(1, local_square(10, 10, 40), 3.0, 9.0, "标准厂房")}, {});
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].all_m2, 0.0);
}

TEST(ParcelMeasures, AttributesBeforeBuildings) {
    Parcel p;
    p.use.floor_area_m2 = 9000.0;
    p.use.yard_m2 = 400.0;
    p.use.admin_m2 = 500.0;
    BuildingShare share{1600.0, 4800.0, true};
    ParcelMeasures m = parcel_measures(p, 10000.0, &share);
    EXPECT_EQ(m.area_m2, 10000.0);
    EXPECT_EQ(m.floor_area_m2, 9000.0);
    EXPECT_EQ(m.floor_area_source, "attribute");
    EXPECT_EQ(m.footprint_m2, 1600.0);  // no footprint attribute: from the buildings
    EXPECT_EQ(m.footprint_source, "buildings");
    EXPECT_EQ(m.yard_m2, 400.0);
    EXPECT_EQ(m.admin_m2, 500.0);
}

TEST(ParcelMeasures, BuildingsWithUnknownFloors) {
    Parcel p;
    BuildingShare share{1600.0, 0.0, false};
    ParcelMeasures m = parcel_measures(p, 10000.0, &share);
    EXPECT_FALSE(m.floor_area_m2);
    EXPECT_EQ(m.floor_area_source, "");
    EXPECT_EQ(m.footprint_m2, 1600.0);
    EXPECT_EQ(m.footprint_source, "buildings");
}

TEST(ParcelMeasures, NothingKnownWithoutAttributesOrBuildings) {
    Parcel p;
    ParcelMeasures m = parcel_measures(p, 10000.0, nullptr);
    EXPECT_FALSE(m.floor_area_m2);
    EXPECT_FALSE(m.footprint_m2);
    EXPECT_FALSE(m.yard_m2);
    EXPECT_FALSE(m.admin_m2);
    EXPECT_EQ(m.floor_area_source, "");
    EXPECT_EQ(m.footprint_source, "");
}

}  // namespace
}  // namespace landaudit
