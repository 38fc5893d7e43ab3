// 批而未供 on hand-computed rectangles: supplied and unsupplied areas, pieces, age buckets, lapse,
// diagnostics and park totals. Coordinates sit in a CGCS2000 3° zone (X ≈ 34 500 000, Y ≈ 2 760 000).
#include "engine/redevelopment/unsupplied_land.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::rect;
using testing::wkb;

constexpr double kX = 34500000.0;
constexpr double kY = 2760000.0;
constexpr double kEps = 1e-4;  // m²; doubles near 3.45e7 still resolve far below this

// A rectangle given relative to the test origin (kX, kY).
WkbGeometry box(double x0, double y0, double x1, double y1) { return wkb(rect(kX + x0, kY + y0, kX + x1, kY + y1)); }

// A polygon relative to the test origin, from its ring's corners.
WkbGeometry ring(const std::vector<std::pair<double, double>>& corners) {
    std::string text = "POLYGON((";
    for (std::size_t i = 0; i <= corners.size(); ++i) {
        const auto& [x, y] = corners[i % corners.size()];
        text += (i ? ", " : "") + std::to_string(kX + x) + " " + std::to_string(kY + y);
    }
    return wkb(text + "))");
}

ApprovalBatch batch(const std::string& id, WkbGeometry g, const std::string& date = "2020-03-10",
                    std::optional<double> recorded = std::nullopt) {
    ApprovalBatch b;
    b.id = id;
    b.approval_date = date;
    b.recorded_area_m2 = recorded;
    b.geometry = std::move(g);
    return b;
}

SupplyRecord supply(const std::string& id, WkbGeometry g, const std::string& date = "2021-06-01") {
    SupplyRecord s;
    s.id = id;
    s.supply_date = date;
    s.geometry = std::move(g);
    return s;
}

Park park(const std::string& id, WkbGeometry g) {
    Park p;
    p.id = id;
    p.geometry = std::move(g);
    return p;
}

CivilDate date(int y, int m, int d) { return {y, m, d}; }

const CivilDate kAsOf = date(2023, 12, 31);

struct Outcome {
    UnsuppliedResult result;
    Diagnostics diag;
};

Outcome run(const std::vector<ApprovalBatch>& batches, const std::vector<SupplyRecord>& supplies,
        const std::vector<Park>& parks = {}, CivilDate as_of = kAsOf, UnsuppliedConfig config = {}) {
    GeosContext ctx;
    Outcome r;
    r.result = compute_unsupplied(ctx, batches, supplies, parks, as_of, config, 1.0, r.diag);
    return r;
}

std::size_t count_problem(const Diagnostics& diag, const std::string& role, const std::string& problem) {
    return static_cast<std::size_t>(std::count_if(diag.items().begin(), diag.items().end(), [&](const Diagnostic& d) {
        return d.role == role && d.problem == problem;
    }));
}

double piece_sum(const UnsuppliedResult& r, std::size_t batch_index) {
    double sum = 0;
    for (const auto& p : r.pieces)
        if (p.batch_index == batch_index) sum += p.area_m2;
    return sum;
}

TEST(Unsupplied, PartlySuppliedBatch) {
    // Batch 100 × 100 = 10 000; supply on the left 40 m: 40 × 100 = 4000 supplied, 6000 left.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(0, 0, 40, 100))});
    const BatchSupply& b = r.result.batches.at(0);
    EXPECT_NEAR(b.approved_m2, 10000.0, kEps);
    EXPECT_NEAR(b.supplied_m2, 4000.0, kEps);
    EXPECT_NEAR(b.unsupplied_m2, 6000.0, kEps);
    EXPECT_NEAR(b.supply_pct, 40.0, 1e-9);
    ASSERT_EQ(r.result.pieces.size(), 1u);
    EXPECT_EQ(r.result.pieces[0].batch_index, 0u);
    EXPECT_NEAR(r.result.pieces[0].area_m2, 6000.0, kEps);
    EXPECT_FALSE(r.result.pieces[0].sliver);
    EXPECT_FALSE(r.result.pieces[0].geometry.is_null());
    EXPECT_FALSE(b.lapsed);
    EXPECT_TRUE(r.result.supplies_outside.empty());
    EXPECT_TRUE(r.diag.items().empty());
}

TEST(Unsupplied, SupplyStraddlingTwoBatchesCountsInBoth) {
    // Batches x 0..100 and 100..200; supply x 75..125 (50 × 100): 25 × 100 = 2500 inside each.
    Outcome r = run({batch("B1", box(0, 0, 100, 100)), batch("B2", box(100, 0, 200, 100))},
                    {supply("S1", box(75, 0, 125, 100))});
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_NEAR(r.result.batches[i].supplied_m2, 2500.0, kEps) << i;
        EXPECT_NEAR(r.result.batches[i].unsupplied_m2, 7500.0, kEps) << i;
        EXPECT_NEAR(r.result.batches[i].supply_pct, 25.0, 1e-9) << i;
    }
    EXPECT_TRUE(r.result.supplies_outside.empty());
}

TEST(Unsupplied, SupplyOutsideEveryBatchIsAFinding) {
    // S1 lies 400 m away; S2 touches the batch only along its edge x = 100: neither is inside.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))},
                    {supply("S1", box(500, 0, 600, 100)), supply("S2", box(100, 0, 150, 100))});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 0.0, kEps);
    EXPECT_EQ(r.result.supplies_outside, (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(count_problem(r.diag, "supplied", "supply_without_approval"), 2u);
    ASSERT_EQ(r.diag.items().size(), 2u);
    for (const auto& d : r.diag.items()) EXPECT_EQ(d.action, DiagnosticAction::Reported);
}

TEST(Unsupplied, SupplyPartlyOutsideCountsOnlyTheInside) {
    // Supply x 80..130 (5000 m²), of which x 80..100 is inside: 20 × 100 = 2000.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(80, 0, 130, 100))});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 2000.0, kEps);
    EXPECT_NEAR(r.result.batches[0].unsupplied_m2, 8000.0, kEps);
    EXPECT_TRUE(r.result.supplies_outside.empty());
    EXPECT_EQ(count_problem(r.diag, "supplied", "supply_without_approval"), 0u);
}

TEST(Unsupplied, SupplyAfterAsOfIsExcludedAndOnAsOfIncluded) {
    // The whole batch is supplied, but a day after as_of: still 10 000 unsupplied.
    Outcome after = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(0, 0, 100, 100), "2024-01-01")});
    EXPECT_NEAR(after.result.batches[0].supplied_m2, 0.0, kEps);
    EXPECT_NEAR(after.result.batches[0].unsupplied_m2, 10000.0, kEps);
    EXPECT_EQ(after.result.supplies_after, (std::vector<std::size_t>{0}));
    EXPECT_TRUE(after.result.supplies_outside.empty()) << "a later supply is not a supply without approval";

    // Dated exactly on as_of (2023-12-31, written as a Chinese date): counted, 100 %.
    Outcome on = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(0, 0, 100, 100), "2023年12月31日")});
    EXPECT_NEAR(on.result.batches[0].supplied_m2, 10000.0, kEps);
    EXPECT_NEAR(on.result.batches[0].supply_pct, 100.0, 1e-9);
    EXPECT_TRUE(on.result.supplies_after.empty());
    EXPECT_TRUE(on.result.pieces.empty());
}

TEST(Unsupplied, SupplyWithoutReadableDateIsSkipped) {
    Outcome r = run({batch("B1", box(0, 0, 100, 100))},
                    {supply("S1", box(0, 0, 50, 100), ""), supply("S2", box(50, 0, 100, 100), "2021-02-30")});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 0.0, kEps);
    EXPECT_EQ(count_problem(r.diag, "supplied", "unreadable_date"), 2u);
    for (const auto& d : r.diag.items()) EXPECT_EQ(d.action, DiagnosticAction::Skipped);
    EXPECT_TRUE(r.result.supplies_outside.empty());
    EXPECT_TRUE(r.result.supplies_after.empty());
}

TEST(Unsupplied, OverlappingSuppliesAreNotDoubleCounted) {
    // Batch x 0..100; supplies x 0..60 and x 40..100 (60 × 100 each, overlapping 20 m):
    // 100 m wide fully supplied = 10 000, not 12 000.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))},
                    {supply("S1", box(0, 0, 60, 100)), supply("S2", box(40, 0, 100, 100))});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 10000.0, kEps);
    EXPECT_NEAR(r.result.batches[0].unsupplied_m2, 0.0, kEps);
    EXPECT_NEAR(r.result.batches[0].supply_pct, 100.0, 1e-9);
    EXPECT_TRUE(r.result.pieces.empty());
}

TEST(Unsupplied, UnsuppliedInTwoSeparatePieces) {
    // Supply on the middle strip x 40..60 (2000): left x 0..40 and right x 60..100, 4000 each.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(40, -10, 60, 110))});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 2000.0, kEps);
    ASSERT_EQ(r.result.pieces.size(), 2u);
    for (const auto& p : r.result.pieces) {
        EXPECT_NEAR(p.area_m2, 4000.0, kEps);
        EXPECT_FALSE(p.sliver);
    }
    EXPECT_NEAR(piece_sum(r.result, 0), r.result.batches[0].unsupplied_m2, kEps);
}

TEST(Unsupplied, SliverPieceIsFlagged) {
    // The supply leaves out a 0.5 × 1 notch at the lower-right corner: 0.5 m² < 1 m² threshold.
    WkbGeometry l_shape = ring({{0, 0}, {99.5, 0}, {99.5, 1}, {100, 1}, {100, 100}, {0, 100}});
    Outcome r = run({batch("B1", box(0, 0, 100, 100), "2015-01-01")}, {supply("S1", l_shape)});
    EXPECT_NEAR(r.result.batches[0].supplied_m2, 9999.5, kEps);
    EXPECT_NEAR(r.result.batches[0].unsupplied_m2, 0.5, kEps);
    ASSERT_EQ(r.result.pieces.size(), 1u);
    EXPECT_NEAR(r.result.pieces[0].area_m2, 0.5, kEps);
    EXPECT_TRUE(r.result.pieces[0].sliver);
    EXPECT_FALSE(r.result.batches[0].lapsed) << "an old batch that is supplied has not lapsed";
}

struct AgeCase {
    const char* name;
    std::string approval;
    CivilDate as_of;
    std::string bucket;
};

class UnsuppliedAgeBucket : public ::testing::TestWithParam<AgeCase> {};

TEST_P(UnsuppliedAgeBucket, ByCalendarDate) {
    const AgeCase& c = GetParam();
    Outcome r = run({batch("B1", box(0, 0, 100, 100), c.approval)}, {}, {}, c.as_of);
    EXPECT_EQ(r.result.batches[0].bucket, c.bucket);
    ASSERT_TRUE(r.result.batches[0].age_years.has_value());
    EXPECT_EQ(count_problem(r.diag, "approved", "unreadable_date"), 0u);
}

// Approved 2020-03-10: the 2-year mark is 2022-03-10, the 5-year mark 2025-03-10 (both inclusive
// in the younger bucket). Approved on 29 February: the mark is 28 February (add_years).
// Prefixed "Unsupplied" so that --gtest_filter='Unsupplied*' selects these too.
INSTANTIATE_TEST_SUITE_P(
    Unsupplied, UnsuppliedAgeBucket,
    ::testing::Values(AgeCase{"day_before_2y", "2020-03-10", {2022, 3, 9}, "≤2y"},
                      AgeCase{"on_2y", "2020-03-10", {2022, 3, 10}, "≤2y"},
                      AgeCase{"day_after_2y", "2020-03-10", {2022, 3, 11}, "2–5y"},
                      AgeCase{"day_before_5y", "2020-03-10", {2025, 3, 9}, "2–5y"},
                      AgeCase{"on_5y", "2020-03-10", {2025, 3, 10}, "2–5y"},
                      AgeCase{"day_after_5y", "2020-03-10", {2025, 3, 11}, ">5y"},
                      AgeCase{"leap_day_on_2y", "2020-02-29", {2022, 2, 28}, "≤2y"},
                      AgeCase{"leap_day_after_2y", "2020-02-29", {2022, 3, 1}, "2–5y"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Unsupplied, AgeInMeanYears) {
    // 2020-03-10 → 2023-12-31 is 1391 days: 1391 / 365.2425 years.
    Outcome r = run({batch("B1", box(0, 0, 100, 100), "2020-03-10")}, {});
    ASSERT_TRUE(r.result.batches[0].age_years.has_value());
    EXPECT_NEAR(*r.result.batches[0].age_years, 1391.0 / 365.2425, 1e-12);
}

TEST(Unsupplied, ConfiguredBoundariesNameTheBuckets) {
    UnsuppliedConfig config;
    config.age_buckets = {3.0, 1.0, 10.0};  // unsorted on purpose
    // 2020-03-10 → 2023-12-31: past 3 years, within 10.
    Outcome r = run({batch("B1", box(0, 0, 100, 100), "2020-03-10")}, {}, {}, kAsOf, config);
    EXPECT_EQ(r.result.batches[0].bucket, "3–10y");
}

TEST(Unsupplied, MissingApprovalDateIsUnknown) {
    Outcome r = run({batch("B1", box(0, 0, 100, 100), ""), batch("B2", box(200, 0, 300, 100), "批准")}, {});
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(r.result.batches[i].bucket, "unknown") << i;
        EXPECT_FALSE(r.result.batches[i].age_years.has_value()) << i;
        EXPECT_FALSE(r.result.batches[i].lapsed) << "lapse needs a known age";
        EXPECT_NEAR(r.result.batches[i].unsupplied_m2, 10000.0, kEps) << "areas do not depend on the date";
    }
    EXPECT_EQ(count_problem(r.diag, "approved", "unreadable_date"), 2u);
    for (const auto& d : r.diag.items()) EXPECT_EQ(d.action, DiagnosticAction::Reported);
}

TEST(Unsupplied, LapsedAfterTwoFullYearsWithNothingSupplied) {
    // Approved 2020-03-10, nothing supplied: lapses on 2022-03-10, not the day before.
    auto lapsed_on = [](CivilDate as_of, const std::vector<SupplyRecord>& supplies = {}) {
        return run({batch("B1", box(0, 0, 100, 100), "2020-03-10")}, supplies, {}, as_of).result.batches[0].lapsed;
    };
    EXPECT_FALSE(lapsed_on(date(2022, 3, 9)));
    EXPECT_TRUE(lapsed_on(date(2022, 3, 10)));
    EXPECT_TRUE(lapsed_on(date(2023, 12, 31)));
    // Any real supply (10 × 100 = 1000 m²) means the approval was used.
    EXPECT_FALSE(lapsed_on(date(2023, 12, 31), {supply("S1", box(0, 0, 10, 100))}));
    // A 0.5 m² boundary sliver of a neighbouring supply is not a use.
    EXPECT_TRUE(lapsed_on(date(2023, 12, 31), {supply("S1", box(99.5, 0, 150, 1))}));
}

TEST(Unsupplied, RecordedAreaMismatchBeyondTolerance) {
    // Polygon 10 000 m², tolerance 1 %: 10 100 (1 %) and 9 950 (0.5 %) pass; 10 150 (1.5 %) does not.
    Outcome r = run({batch("B1", box(0, 0, 100, 100), "2020-03-10", 10100.0),
                     batch("B2", box(200, 0, 300, 100), "2020-03-10", 9950.0),
                     batch("B3", box(400, 0, 500, 100), "2020-03-10", 10150.0),
                     batch("B4", box(600, 0, 700, 100), "2020-03-10")},
                    {});
    ASSERT_EQ(count_problem(r.diag, "approved", "area_mismatch"), 1u);
    const Diagnostic& d = r.diag.items().front();
    EXPECT_EQ(d.feature_id, "B3");
    EXPECT_EQ(d.action, DiagnosticAction::Reported);
    EXPECT_NE(d.detail.find("10150.00"), std::string::npos) << d.detail;
    EXPECT_NE(d.detail.find("10000.00"), std::string::npos) << d.detail;
}

TEST(Unsupplied, ParkFiguresForABatchHalfInsideAPark) {
    // Batch x 0..100, supplied on x 0..40. Park P0 covers x −50..50 (half the batch), P1 covers
    // x 55..150, P2 is far away; x 50..55 is in no park.
    // P0: approved 50 × 100 = 5000, supplied 40 × 100 = 4000, unsupplied x 40..50 = 1000, 80 %.
    // P1: approved 45 × 100 = 4500, supplied 0, unsupplied 4500, 0 %.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(0, 0, 40, 100))},
                    {park("P0", box(-50, -50, 50, 150)), park("P1", box(55, -50, 150, 150)),
                     park("P2", box(1000, 0, 1100, 100))});
    ASSERT_EQ(r.result.parks.size(), 3u);
    const ParkSupply& p0 = r.result.parks[0];
    EXPECT_NEAR(p0.approved_m2, 5000.0, kEps);
    EXPECT_NEAR(p0.supplied_m2, 4000.0, kEps);
    EXPECT_NEAR(p0.unsupplied_m2, 1000.0, kEps);
    EXPECT_NEAR(p0.supply_pct, 80.0, 1e-6);
    const ParkSupply& p1 = r.result.parks[1];
    EXPECT_NEAR(p1.approved_m2, 4500.0, kEps);
    EXPECT_NEAR(p1.supplied_m2, 0.0, kEps);
    EXPECT_NEAR(p1.unsupplied_m2, 4500.0, kEps);
    EXPECT_NEAR(p1.supply_pct, 0.0, 1e-9);
    const ParkSupply& p2 = r.result.parks[2];
    EXPECT_EQ(p2.approved_m2, 0.0);
    EXPECT_EQ(p2.supply_pct, 0.0);
    // The batch has 5000 in P0 and 4500 in P1; its unsupplied piece (x 40..100) has 1000 in P0
    // and 4500 in P1.
    EXPECT_EQ(r.result.batches[0].park_index, 0);
    ASSERT_EQ(r.result.pieces.size(), 1u);
    EXPECT_EQ(r.result.pieces[0].park_index, 1);
}

TEST(Unsupplied, BatchInsideAParkCountsWhole) {
    // The park contains the batch (and S1 fully): all 10 000 approved, 4000 supplied.
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {supply("S1", box(0, 0, 40, 100))},
                    {park("P0", box(-10, -10, 110, 110))});
    EXPECT_NEAR(r.result.parks[0].approved_m2, 10000.0, kEps);
    EXPECT_NEAR(r.result.parks[0].supplied_m2, 4000.0, kEps);
    EXPECT_NEAR(r.result.parks[0].unsupplied_m2, 6000.0, kEps);
    EXPECT_NEAR(r.result.parks[0].supply_pct, 40.0, 1e-6);
    EXPECT_EQ(r.result.batches[0].park_index, 0);
}

TEST(Unsupplied, BatchOutsideEveryParkHasNoPark) {
    Outcome r = run({batch("B1", box(0, 0, 100, 100))}, {}, {park("P0", box(500, 0, 600, 100))});
    EXPECT_EQ(r.result.batches[0].park_index, -1);
    ASSERT_EQ(r.result.pieces.size(), 1u);
    EXPECT_EQ(r.result.pieces[0].park_index, -1);
    EXPECT_EQ(r.result.parks[0].approved_m2, 0.0);
}

}  // namespace
}  // namespace landaudit
