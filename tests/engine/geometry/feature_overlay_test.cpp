// subject ∩ one feature through the prepared fast paths and the clipped overlay, on hand-computed
// shapes: the feature is a 1000 m square whose edges carry 100 collinear vertices each, so it is
// above the clipping threshold while its area stays 1 000 000 m².
#include "engine/geometry/feature_overlay.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using testing::geom;
using testing::rect;
using testing::wkb;

std::string ring(double x0, double y0, double x1, double y1, int per_edge) {
    std::string s = "(";
    auto add = [&](double x, double y) { s += std::to_string(x) + " " + std::to_string(y) + ", "; };
    for (int k = 0; k < per_edge; ++k) add(x0 + (x1 - x0) * k / per_edge, y0);
    for (int k = 0; k < per_edge; ++k) add(x1, y0 + (y1 - y0) * k / per_edge);
    for (int k = 0; k < per_edge; ++k) add(x1 - (x1 - x0) * k / per_edge, y1);
    for (int k = 0; k < per_edge; ++k) add(x0, y1 - (y1 - y0) * k / per_edge);
    return s + std::to_string(x0) + " " + std::to_string(y0) + ")";
}

// 1000 × 1000 with a 100 × 100 hole at (400,400): 1 000 000 − 10 000 = 990 000 m².
const std::string kFeature = "POLYGON(" + ring(0, 0, 1000, 1000, 100) + ", " + ring(400, 400, 500, 500, 1) + ")";

struct Case {
    const char* name;
    std::string subject;
    FeatureOverlay::Kind kind;
    double part_m2;
};

class FeatureOverlayTest : public ::testing::TestWithParam<Case> {};

TEST_P(FeatureOverlayTest, PartAreaAndKind) {
    const Case& c = GetParam();
    GeosContext ctx;
    WkbGeometry feature = wkb(kFeature);
    IndexedLayer layer(ctx, {&feature});
    LayerView view(ctx, layer);
    ASSERT_GT(view.vertex_count(0), 64);  // the clipped path is the one under test
    GeomPtr subject = geom(ctx, c.subject);
    std::string note;
    FeatureOverlay o = overlay_feature(ctx, subject.get(), view, 0, note);
    EXPECT_EQ(o.kind, c.kind);
    EXPECT_NEAR(o.part ? planar_area(ctx, o.part.get()) : 0.0, c.part_m2, 1e-6);
    EXPECT_TRUE(note.empty()) << note;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, FeatureOverlayTest,
    ::testing::Values(
        // 100 × 100 clear of every edge: 10 000 m² (15 亩), no overlay.
        Case{"inside", rect(100, 100, 200, 200), FeatureOverlay::Kind::Inside, 10000.0},
        // Across the edge x = 1000: the western half, 50 × 100 = 5000.
        Case{"crossing_edge", rect(950, 100, 1050, 200), FeatureOverlay::Kind::Crossing, 5000.0},
        // Inside but sharing the edge x = 1000: overlaid, all 10 000 m² inside.
        Case{"touching_inside", rect(900, 100, 1000, 200), FeatureOverlay::Kind::Crossing, 10000.0},
        // Outside, sharing the edge: they touch, nothing is shared.
        Case{"touching_outside", rect(1000, 100, 1100, 200), FeatureOverlay::Kind::Crossing, 0.0},
        Case{"far_away", rect(2000, 2000, 2100, 2100), FeatureOverlay::Kind::Disjoint, 0.0},
        // Within the hole: outside the feature although inside its outer ring.
        Case{"in_hole", rect(420, 420, 480, 480), FeatureOverlay::Kind::Disjoint, 0.0},
        // Over the hole's corner (400,400): 100 × 100 minus the hole's 50 × 50 = 7500.
        Case{"over_hole_corner", rect(350, 350, 450, 450), FeatureOverlay::Kind::Crossing, 7500.0},
        // Larger than the feature: the clip box holds all of it, 990 000 m².
        Case{"covering", rect(-10, -10, 1010, 1010), FeatureOverlay::Kind::Crossing, 990000.0}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// The clipped overlay gives the same part as the whole-feature overlay, on a jagged feature of
// 2000 vertices and subjects across its boundary.
TEST(FeatureOverlay, ClippedEqualsWholeFeatureOverlay) {
    GeosContext ctx;
    std::string wkt = "POLYGON((";
    const int n = 2000;
    for (int k = 0; k < n; ++k) {
        const double t = 2 * M_PI * k / n, r = 5000 + 300 * std::sin(37 * t) + 120 * std::cos(91 * t);
        wkt += std::to_string(r * std::cos(t)) + " " + std::to_string(r * std::sin(t)) + ", ";
    }
    wkt += std::to_string(5000 + 120.0) + " 0))";
    WkbGeometry feature = wkb(wkt);
    IndexedLayer layer(ctx, {&feature});
    LayerView view(ctx, layer);
    GeomPtr whole = geom(ctx, wkt);
    int crossing = 0;
    for (int i = 0; i < 60; ++i) {
        const double t = 2 * M_PI * i / 60, x = 5000 * std::cos(t), y = 5000 * std::sin(t);
        GeomPtr subject = geom(ctx, rect(x - 150, y - 120, x + 150, y + 120));
        std::string note;
        FeatureOverlay o = overlay_feature(ctx, subject.get(), view, 0, note);
        GeomPtr expected = polygon_intersection(ctx, subject.get(), whole.get(), note);
        const double want = planar_area(ctx, expected.get());
        EXPECT_NEAR(o.part ? planar_area(ctx, o.part.get()) : 0.0, want, 1e-9 * 72000) << "subject " << i;
        if (o.kind == FeatureOverlay::Kind::Crossing) ++crossing;
    }
    EXPECT_GT(crossing, 30);  // the subjects straddle the wavy boundary
}

}  // namespace
}  // namespace landaudit
