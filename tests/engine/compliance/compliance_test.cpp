// The compliance pass on a small hand-built audit: parks, parcels, red line, farmland.
#include "engine/compliance/compliance.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/output_tables.h"
#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::rect;
using testing::wkb;

// Coordinates near the zone-34 central meridian so planar ≈ ellipsoidal.
constexpr double X = 34500000.0, Y = 2760000.0;

std::string r(double x0, double y0, double x1, double y1) { return rect(X + x0, Y + y0, X + x1, Y + y1); }

AuditInputs sample() {
    AuditInputs in;
    in.working_crs = "EPSG:4522";
    // Park A: x 0..300; park B: x 300..600 (both y 0..200).
    in.parks = {{0, "A", "甲园", "国家级", {}, wkb(r(0, 0, 300, 200))}, {1, "B", "乙园", "省级", {}, wkb(r(300, 0, 600, 200))}};
    in.parcels = {
        {0, "P-inside", wkb(r(10, 10, 110, 110)), {}, {}, {}},     // wholly in A; red line covers x 60..110 → 5000
        {1, "P-straddle", wkb(r(250, 10, 350, 110)), {}, {}, {}},  // 50 in A, 50 in B: tie → first listed (A)
        {2, "P-mostly-B", wkb(r(280, 120, 380, 170)), {}, {}, {}}, // 20 × 50 in A = 1000, 80 × 50 in B = 4000 → B, 80 %
        {3, "P-outside", wkb(r(700, 0, 800, 100)), {}, {}, {}},    // no park; farmland covers all of it
        {4, "P-sliver", wkb(r(400, 10, 500, 110)), {}, {}, {}},    // in B; touches red line in 0.5 m²
    };
    // Two overlapping red-line features over P-inside: x 60..110 and x 80..200 (overlap not double-counted).
    in.redline = {{0, "R1", "红线一", "水源涵养", wkb(r(60, 0, 110, 120))},
                  {1, "R2", "红线二", "水源涵养", wkb(r(80, 0, 200, 120))},
                  {2, "R3", "红线三", "", wkb(r(499.5, 10, 520, 11))}};
    in.farmland = {{0, "F1", "", "水田", wkb(r(690, -10, 810, 110))}};
    return in;
}

class ComplianceSample : public ::testing::TestWithParam<int> {};

TEST_P(ComplianceSample, ParcelFigures) {
    AuditInputs in = sample();
    ComplianceResult res = run_compliance(in, {1.0, GetParam()}, no_progress);
    ASSERT_EQ(res.parcels.size(), 5u);

    const auto& inside = res.parcels[0];
    EXPECT_NEAR(inside.area_m2, 10000.0, 1e-6);
    // Red line ∪ over the parcel (x 10..110): x 60..110 → 50 × 100 = 5000 (R2 adds nothing new there).
    EXPECT_NEAR(inside.red_m2, 5000.0, 1e-6);
    EXPECT_NEAR(inside.farm_m2, 0.0, 1e-9);
    EXPECT_EQ(inside.park_index, 0);
    EXPECT_NEAR(inside.inpark_pct, 100.0, 1e-9);
    EXPECT_EQ(inside.flags, (std::vector<std::string>{"REDLINE"}));
    ASSERT_EQ(inside.pieces.size(), 1u);
    EXPECT_EQ(inside.pieces[0].constraint_ids, (std::vector<std::string>{"R1", "R2"}));

    const auto& straddle = res.parcels[1];
    EXPECT_EQ(straddle.park_index, 0) << "equal shares go to the park listed first";
    EXPECT_NEAR(straddle.inpark_pct, 50.0, 1e-9);
    EXPECT_EQ(straddle.flags, (std::vector<std::string>{"OUTSIDE_PARK"}));

    const auto& mostly_b = res.parcels[2];
    EXPECT_EQ(mostly_b.park_index, 1);
    EXPECT_NEAR(mostly_b.inpark_pct, 80.0, 1e-9);

    const auto& outside = res.parcels[3];
    EXPECT_EQ(outside.park_index, -1);
    EXPECT_NEAR(outside.inpark_pct, 0.0, 1e-9);
    EXPECT_NEAR(outside.farm_m2, 10000.0, 1e-6);
    EXPECT_EQ(outside.flags, (std::vector<std::string>{"FARMLAND", "OUTSIDE_PARK"}));

    const auto& sliver = res.parcels[4];
    // R3 ∩ parcel = x 499.5..500 × y 10..11 = 0.5 m² < 1 m²: kept, marked, not a conflict.
    EXPECT_NEAR(sliver.red_m2, 0.5, 1e-9);
    EXPECT_FALSE(sliver.red_conflict);
    EXPECT_EQ(sliver.flags, (std::vector<std::string>{"REDLINE_SLIVER"}));
    ASSERT_EQ(sliver.pieces.size(), 1u);
    EXPECT_TRUE(sliver.pieces[0].sliver);
}

TEST_P(ComplianceSample, ParkFigures) {
    AuditInputs in = sample();
    ComplianceResult res = run_compliance(in, {1.0, GetParam()}, no_progress);
    const auto& a = res.parks[0];
    EXPECT_NEAR(a.area_m2, 60000.0, 1e-6);
    // Red line ∪ within park A (y 0..120): x 60..200 × 120 = 16 800.
    EXPECT_NEAR(a.red_m2, 16800.0, 1e-6);
    EXPECT_EQ(a.n_parcels, 2u);   // P-inside and P-straddle
    EXPECT_EQ(a.n_conflict, 1u);  // P-inside
    const auto& b = res.parks[1];
    EXPECT_EQ(b.n_parcels, 2u);   // P-mostly-B and P-sliver
    EXPECT_EQ(b.n_conflict, 0u);  // the sliver is not a conflict
    // R3 within park B: x 499.5..520 × 1 = 20.5 m².
    EXPECT_NEAR(b.red_m2, 20.5, 1e-9);
    EXPECT_NEAR(a.area_e_m2, 60000.0, 0.01 * 6);
}

// The parcel pass fed one or two parcels at a time (a streamed audit's chunks) gives what the
// whole run gives, park counts included.
TEST_P(ComplianceSample, ChunkedParcelPassEqualsTheWholeRun) {
    AuditInputs in = sample();
    const ComplianceResult whole = run_compliance(in, {1.0, GetParam()}, no_progress);
    for (std::size_t chunk : {1u, 2u}) {
        ParcelCompliancePass pass(in, {1.0, GetParam()});
        std::vector<ParcelCompliance> parcels;
        Diagnostics diag;
        for (std::size_t from = 0; from < in.parcels.size(); from += chunk) {
            std::vector<Parcel> part(in.parcels.begin() + from,
                                     in.parcels.begin() + std::min(in.parcels.size(), from + chunk));
            for (auto& p : pass.measure(part, diag, no_progress)) parcels.push_back(std::move(p));
        }
        ASSERT_EQ(parcels.size(), whole.parcels.size());
        for (std::size_t i = 0; i < parcels.size(); ++i) {
            EXPECT_EQ(parcels[i].area_m2, whole.parcels[i].area_m2) << i;
            EXPECT_EQ(parcels[i].red_m2, whole.parcels[i].red_m2) << i;
            EXPECT_EQ(parcels[i].farm_m2, whole.parcels[i].farm_m2) << i;
            EXPECT_EQ(parcels[i].park_index, whole.parcels[i].park_index) << i;
            EXPECT_EQ(parcels[i].flags, whole.parcels[i].flags) << i;
            ASSERT_EQ(parcels[i].pieces.size(), whole.parcels[i].pieces.size()) << i;
            for (std::size_t k = 0; k < parcels[i].pieces.size(); ++k) {
                EXPECT_EQ(parcels[i].pieces[k].geometry.bytes, whole.parcels[i].pieces[k].geometry.bytes);
                EXPECT_EQ(parcels[i].pieces[k].constraint_ids, whole.parcels[i].pieces[k].constraint_ids);
            }
        }
        std::vector<ParkCompliance> parks(in.parks.size());
        count_park_parcels(parcels, parks);
        measure_parks(in, {1.0, GetParam()}, parks, diag, no_progress);
        for (std::size_t k = 0; k < parks.size(); ++k) {
            EXPECT_EQ(parks[k].n_parcels, whole.parks[k].n_parcels) << k;
            EXPECT_EQ(parks[k].n_conflict, whole.parks[k].n_conflict) << k;
            EXPECT_EQ(parks[k].red_m2, whole.parks[k].red_m2) << k;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Threads, ComplianceSample, ::testing::Values(1, 2));

TEST(ComplianceOutput, TablesFollowTheContract) {
    AuditInputs in = sample();
    in.parcel_fields = {{"area_m2", FieldType::Real, ""}, {"QLR", FieldType::String, "权利人"}};
    for (auto& p : in.parcels) p.source_values = {1.0, std::string("某公司")};
    ComplianceResult res = run_compliance(in, {1.0, 1}, no_progress);
    IntensityResult no_intensity;
    no_intensity.parcels.resize(in.parcels.size());
    no_intensity.parks.resize(in.parks.size());
    RedevelopmentResult no_redevelopment;
    no_redevelopment.parks.resize(in.parks.size());
    OutputTable parcels = parcels_table(in, res, no_intensity, no_redevelopment);
    std::vector<std::string> names;
    for (const auto& f : parcels.fields) names.push_back(f.name);
    EXPECT_EQ(names, (std::vector<std::string>{"parcel_id", "park_id", "area_m2",  "area_mu", "area_e_m2", "inpark_pct",
                                               "red_m2",    "red_pct", "farm_m2",  "farm_pct", "flags",
                                               "status",    "land_use", "industry", "far",
                                               "coverage",  "inv_mu",  "out_mu",   "rev_mu",  "tax_mu",    "va_mu",
                                               "ent_id",    "year",    "grade",    "score",   "reasons",   "idle",
                                               "idle_years", "idle_fee", "src_area_m", "QLR"}));
    // Without intensity data every indicator is null, never 0, and the grade is NA.
    EXPECT_TRUE(is_null(parcels.rows[0].values[14]));
    EXPECT_EQ(std::get<std::string>(parcels.rows[0].values[23]), "NA");
    // 10 000 m² = 15 亩 exactly (1 亩 = 2000/3 m²); red 5000 of 10 000 = 50 %.
    EXPECT_NEAR(std::get<double>(parcels.rows[0].values[3]), 15.0, 1e-9);
    EXPECT_NEAR(std::get<double>(parcels.rows[0].values[7]), 50.0, 1e-9);
    EXPECT_TRUE(is_null(parcels.rows[3].values[1])) << "a parcel in no park has a null park_id";

    OutputTable conflicts = conflicts_table(in, res);
    // Parcels: inside (red), outside (farm), sliver (red) = 3; parks: A red, B red (sliver R3 part) = 2.
    EXPECT_EQ(conflicts.rows.size(), 5u);
}

}  // namespace
}  // namespace landaudit
