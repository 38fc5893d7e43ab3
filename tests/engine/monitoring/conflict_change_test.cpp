// Conflicts that appeared or left, when both the parcels and the red line changed.
#include "engine/monitoring/conflict_change.h"

#include <gtest/gtest.h>

#include "monitoring_fixture.h"

namespace landaudit {
namespace {

using testing::layer;

TEST(ConflictChange, NewAndLeftPiecesPerLayer) {
    GeosContext ctx;
    const std::vector<std::string> f{"subject", "subject_id", "park_id", "layer", "sliver", "feat_ids"};
    // Earlier: P's 100 × 20 red-line piece and Q's 50 × 50 farmland piece, and a park piece (not counted).
    const OutputTable earlier = layer("conflicts", f, {"sliver"},
                                      {{{0, 0, 100, 20}, {"parcel", "P", "K", "redline", "0", "R1"}},
                                       {{300, 0, 350, 50}, {"parcel", "Q", "K", "farmland", "0", "F1"}},
                                       {{0, 0, 500, 500}, {"park", "K", "K", "redline", "0", "R1"}}});
    // Later: the red line grew to 100 × 30 (a 100 × 10 = 1 000 m² new strip), Q's farmland left, and a
    // sliver of 0.5 m² appeared (ignored), and a red piece of P2 where farmland used to be: other layer, new.
    const OutputTable later = layer("conflicts", f, {"sliver"},
                                    {{{0, 0, 100, 30}, {"parcel", "P", "K", "redline", "0", "R1"}},
                                     {{600, 0, 600.5, 1}, {"parcel", "Z", "K", "redline", "1", "R1"}},
                                     {{300, 0, 350, 50}, {"parcel", "P2", "K", "redline", "0", "R2"}}});
    const auto changes = conflict_changes(ctx, TableReader(earlier), TableReader(later), 1.0);
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].change + changes[0].layer + changes[0].parcel_id, "newredlineP");
    EXPECT_NEAR(changes[0].area_m2, 1000.0, 1e-9);
    EXPECT_EQ(changes[1].change + changes[1].layer + changes[1].parcel_id, "newredlineP2");
    EXPECT_NEAR(changes[1].area_m2, 2500.0, 1e-9);
    EXPECT_EQ(changes[2].change + changes[2].layer + changes[2].parcel_id, "leftfarmlandQ");
    EXPECT_NEAR(changes[2].area_m2, 2500.0, 1e-9);
}

}  // namespace
}  // namespace landaudit
