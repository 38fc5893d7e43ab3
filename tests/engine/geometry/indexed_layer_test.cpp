// A worker's view keeps the GEOS copies of the features used since the last release, drops the
// others, and parses a dropped feature again, unchanged, when it is next asked for.
#include "engine/geometry/indexed_layer.h"

#include <gtest/gtest.h>

#include "engine/geometry/geometry_ops.h"
#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::square;
using testing::wkb;

TEST(LayerView, KeepsWhatTheLastRoundUsedAndReparsesTheRest) {
    GeosContext ctx;
    const std::vector<WkbGeometry> squares = {wkb(square(0, 0, 100)), wkb(square(1000, 0, 100)), wkb(square(2000, 0, 100))};
    const IndexedLayer layer(ctx, {&squares[0], &squares[1], &squares[2]});
    LayerView view(ctx, layer);
    EXPECT_EQ(view.held(), 0u);

    ASSERT_NE(view.geometry(0), nullptr);
    ASSERT_NE(view.prepared(1), nullptr);
    EXPECT_EQ(view.held(), 2u);
    view.release_unused();  // both used since: kept
    EXPECT_EQ(view.held(), 2u);

    ASSERT_NE(view.prepared(1), nullptr);  // only 1 used in this round
    view.release_unused();
    EXPECT_EQ(view.held(), 1u);

    view.release_unused();  // nothing used: nothing kept
    EXPECT_EQ(view.held(), 0u);
    const GEOSGeometry* again = view.geometry(0);
    ASSERT_NE(again, nullptr);
    EXPECT_DOUBLE_EQ(planar_area(ctx, again), 10000.0);  // 100 m × 100 m = 15 亩
    EXPECT_EQ(view.vertex_count(2), 5);
    char contains = GEOSPreparedContains_r(ctx.handle(), view.prepared(0), again);
    EXPECT_EQ(contains, 1);
}

}  // namespace
}  // namespace landaudit
