// Overlap of a subject with a constraint layer, on hand-computed squares.
#include "engine/compliance/constraint_overlap.h"

#include <gtest/gtest.h>

#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::geom;
using testing::rect;
using testing::wkb;

struct OverlapCase {
    const char* name;
    std::string subject;
    std::vector<std::string> constraints;
    double expected_m2;
    std::size_t pieces;
    bool conflict;
};

// The subject is the 100 m × 100 m square (0,0)–(100,100): 10 000 m² = 15 亩.
const std::string kSquare = rect(0, 0, 100, 100);

std::vector<OverlapCase> cases() {
    return {
        // Right half: 50 × 100 = 5000.
        {"half", kSquare, {rect(50, 0, 150, 100)}, 5000.0, 1, true},
        // The same red-line feature delivered twice must still count 5000, not 10 000.
        {"duplicate_features", kSquare, {rect(50, 0, 150, 100), rect(50, 0, 150, 100)}, 5000.0, 1, true},
        // Right half ∪ top half = 5000 + 5000 − 2500 (shared quarter) = 7500.
        {"overlapping_features", kSquare, {rect(50, 0, 150, 100), rect(0, 50, 100, 150)}, 7500.0, 1, true},
        // Sharing only the edge x = 100 is contact, not overlap.
        {"edge_contact", kSquare, {rect(100, 0, 200, 100)}, 0.0, 0, false},
        // Sharing only the corner (100,100).
        {"corner_contact", kSquare, {rect(100, 100, 200, 200)}, 0.0, 0, false},
        {"far_away", kSquare, {rect(500, 500, 600, 600)}, 0.0, 0, false},
        // Two separate strips: 10 × 100 each = 2000 in two pieces.
        {"two_pieces", kSquare, {rect(0, -10, 10, 110), rect(90, -10, 110, 110)}, 2000.0, 2, true},
        // Subject with a 50 × 50 hole (25..75); a constraint inside the hole overlaps nothing.
        {"inside_hole",
         "POLYGON((0 0,100 0,100 100,0 100,0 0),(25 25,75 25,75 75,25 75,25 25))",
         {rect(30, 30, 70, 70)}, 0.0, 0, false},
        // Left half of the holed square: 5000 − hole part (25..50 × 25..75 = 1250) = 3750.
        {"half_of_holed",
         "POLYGON((0 0,100 0,100 100,0 100,0 0),(25 25,75 25,75 75,25 75,25 25))",
         {rect(-10, -10, 50, 110)}, 3750.0, 1, true},
        // Multipolygon subject (two 10 × 10 squares); the constraint spans x 5..25: 50 + 50.
        {"multipolygon_subject",
         "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((20 0,30 0,30 10,20 10,20 0)))",
         {rect(5, -1, 25, 11)}, 100.0, 2, true},
        // A 0.5 m × 1 m strip inside the subject: 0.5 m², below the 1 m² sliver threshold.
        {"sliver", kSquare, {rect(99.5, 0, 100.5, 1)}, 0.5, 1, false},
        // Exactly at the threshold (1 × 1 = 1 m²) is a conflict: slivers are strictly smaller.
        {"at_threshold", kSquare, {rect(99, 0, 101, 1)}, 1.0, 1, true},
    };
}

class OverlapTable : public ::testing::TestWithParam<OverlapCase> {};

TEST_P(OverlapTable, AreaPiecesAndConflict) {
    const OverlapCase& c = GetParam();
    GeosContext ctx;
    std::vector<WkbGeometry> blobs;
    for (const auto& w : c.constraints) blobs.push_back(wkb(w));
    std::vector<const WkbGeometry*> refs;
    for (const auto& b : blobs) refs.push_back(&b);
    IndexedLayer layer(ctx, refs);
    LayerView view(ctx, layer);
    GeomPtr subject = geom(ctx, c.subject);

    OverlapResult r = measure_overlap(ctx, subject.get(), view, 1.0);

    EXPECT_NEAR(r.area_m2, c.expected_m2, 1e-6);
    EXPECT_EQ(r.pieces.size(), c.pieces);
    EXPECT_EQ(r.has_conflict(), c.conflict);
    double sum = 0;
    for (const auto& p : r.pieces) sum += p.area_m2;
    EXPECT_NEAR(sum, r.area_m2, 1e-6) << "pieces must add up to the overlap";
}

INSTANTIATE_TEST_SUITE_P(Squares, OverlapTable, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConstraintOverlap, PiecesNameTheFeaturesTheyLieIn) {
    GeosContext ctx;
    // Feature 0 covers x 0..10, feature 1 covers x 90..100, feature 2 duplicates feature 1.
    std::vector<WkbGeometry> blobs = {wkb(rect(-5, -5, 10, 105)), wkb(rect(90, -5, 105, 105)),
                                      wkb(rect(90, -5, 105, 105))};
    IndexedLayer layer(ctx, {&blobs[0], &blobs[1], &blobs[2]});
    LayerView view(ctx, layer);
    GeomPtr subject = geom(ctx, rect(0, 0, 100, 100));
    OverlapResult r = measure_overlap(ctx, subject.get(), view, 1.0);
    ASSERT_EQ(r.pieces.size(), 2u);
    std::vector<std::vector<std::size_t>> ids;
    for (const auto& p : r.pieces) ids.push_back(p.constraint_indices);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids[0], (std::vector<std::size_t>{0}));
    EXPECT_EQ(ids[1], (std::vector<std::size_t>{1, 2}));
}

// Parts far apart skip the union: each piece still names its own feature, and only it.
TEST(ConstraintOverlap, PiecesOfFeaturesApartNameTheirOwnFeature) {
    GeosContext ctx;
    std::vector<WkbGeometry> blobs = {wkb(rect(-5, -5, 10, 105)), wkb(rect(90, -5, 105, 105))};
    IndexedLayer layer(ctx, {&blobs[0], &blobs[1]});
    LayerView view(ctx, layer);
    GeomPtr subject = geom(ctx, rect(0, 0, 100, 100));
    OverlapResult r = measure_overlap(ctx, subject.get(), view, 1.0);
    ASSERT_EQ(r.pieces.size(), 2u);
    EXPECT_NEAR(r.area_m2, 2000.0, 1e-9);  // 10 × 100 on each side
    std::vector<std::vector<std::size_t>> ids;
    for (const auto& p : r.pieces) ids.push_back(p.constraint_indices);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids[0], (std::vector<std::size_t>{0}));
    EXPECT_EQ(ids[1], (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace landaudit
