// Parcel matching by id, then by geometry for splits, merges and renumbering.
#include "engine/monitoring/parcel_matching.h"

#include <gtest/gtest.h>

#include "monitoring_fixture.h"

namespace landaudit {
namespace {

using testing::Box;
using testing::layer;

OutputTable parcels(const std::vector<std::pair<Box, std::string>>& rows) {
    std::vector<std::pair<Box, std::vector<std::string>>> r;
    for (const auto& [b, id] : rows) r.push_back({b, {id}});
    return layer("parcels", {"parcel_id"}, {}, r);
}

std::string describe(const std::vector<ParcelMatch>& matches, const OutputTable& e, const OutputTable& l) {
    const TableReader re(e), rl(l);
    std::string s;
    for (const auto& m : matches)
        s += std::string(match_key(m.how)) + ":" + (m.earlier >= 0 ? re.text(static_cast<std::size_t>(m.earlier), "parcel_id") : "-") +
             ">" + (m.later >= 0 ? rl.text(static_cast<std::size_t>(m.later), "parcel_id") : "-") + " ";
    return s;
}

TEST(ParcelMatching, SplitGivesEachPartItsParentByGeometry) {
    GeosContext ctx;
    // P (200 × 100) split into P1 and P2 (100 × 100 each): each part lies wholly in P (100 % of the part).
    const OutputTable e = parcels({{{0, 0, 200, 100}, "P"}, {{300, 0, 400, 100}, "Q"}});
    const OutputTable l = parcels({{{0, 0, 100, 100}, "P1"}, {{100, 0, 200, 100}, "P2"}, {{300, 0, 400, 100}, "Q"}});
    const auto m = match_parcels(ctx, TableReader(e), TableReader(l), 0.5);
    EXPECT_EQ(describe(m, e, l), "geometry:P>P1 geometry:P>P2 id:Q>Q ");
    EXPECT_DOUBLE_EQ(m[0].overlap_m2, 10000.0);
    EXPECT_DOUBLE_EQ(m[1].overlap_m2, 10000.0);
}

TEST(ParcelMatching, MergeGivesTheWholeEachPart) {
    GeosContext ctx;
    // A (100 × 100) and B (50 × 100) merged into M (150 × 100): M's best is A (10 000 m² = 67 % of M);
    // B's best is M (5 000 m² = 100 % of B).
    const OutputTable e = parcels({{{0, 0, 100, 100}, "A"}, {{100, 0, 150, 100}, "B"}});
    const OutputTable l = parcels({{{0, 0, 150, 100}, "M"}});
    const auto m = match_parcels(ctx, TableReader(e), TableReader(l), 0.5);
    EXPECT_EQ(describe(m, e, l), "geometry:A>M geometry:B>M ");
}

TEST(ParcelMatching, SmallOverlapIsNoMatch) {
    GeosContext ctx;
    // X (100 × 100) and Y (100 × 100) shifted by 60 m share 40 × 100 = 4 000 m²: 40 % of either, below half.
    const OutputTable e = parcels({{{0, 0, 100, 100}, "X"}});
    const OutputTable l = parcels({{{60, 0, 160, 100}, "Y"}});
    const auto m = match_parcels(ctx, TableReader(e), TableReader(l), 0.5);
    EXPECT_EQ(describe(m, e, l), "new:->Y gone:X>- ");
    // At exactly half (shifted by 50 m: 5 000 m² = 50 %) it matches: the bound is inclusive.
    const OutputTable l2 = parcels({{{50, 0, 150, 100}, "Y"}});
    EXPECT_EQ(describe(match_parcels(ctx, TableReader(e), TableReader(l2), 0.5), e, l2), "geometry:X>Y ");
}

TEST(ParcelMatching, IdWinsOverGeometryAndRepeatedIdsMatchOnce) {
    GeosContext ctx;
    // Same id although moved: matched by id. The second "R" of the later audit finds no earlier R left.
    const OutputTable e = parcels({{{0, 0, 100, 100}, "R"}});
    const OutputTable l = parcels({{{500, 0, 600, 100}, "R"}, {{0, 0, 100, 100}, "R"}});
    const auto m = match_parcels(ctx, TableReader(e), TableReader(l), 0.5);
    EXPECT_EQ(describe(m, e, l), "id:R>R new:->R ");
}

}  // namespace
}  // namespace landaudit
