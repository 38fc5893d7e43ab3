// SVG maps: whole pixels, holes wound against their shells, tiny parcels kept as one pixel, and
// 50 000 parcels in one path that stays a small file.
#include "engine/deliverables/report/svg_map.h"

#include <gtest/gtest.h>

#include <regex>

#include "engine/wkt_fixture.h"

namespace landaudit {
namespace {

using namespace testing;

// Signed areas (pixel space, y down) of each subpath of "M x y l dx dy … z" path data.
std::vector<long long> subpath_areas(const std::string& d) {
    std::vector<long long> areas;
    static const std::regex token("[Mlhvz]|-?[0-9]+");
    std::vector<std::pair<long long, long long>> pts;
    char cmd = 0;
    std::vector<long long> nums;
    auto flush = [&] {
        if (pts.size() < 3) return;
        long long a = 0;
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const auto& p = pts[i];
            const auto& q = pts[(i + 1) % pts.size()];
            a += p.first * q.second - q.first * p.second;
        }
        areas.push_back(a);
    };
    for (auto it = std::sregex_iterator(d.begin(), d.end(), token); it != std::sregex_iterator(); ++it) {
        const std::string s = it->str();
        if (s == "M" || s == "l" || s == "h" || s == "v") {
            cmd = s[0];
            continue;
        }
        if (s == "z") {
            flush();
            pts.clear();
            continue;
        }
        nums.push_back(std::stoll(s));
        if (cmd == 'h') pts.push_back({pts.back().first + nums.back(), pts.back().second}), nums.clear();
        if (cmd == 'v') pts.push_back({pts.back().first, pts.back().second + nums.back()}), nums.clear();
        if ((cmd == 'M' || cmd == 'l') && nums.size() == 2) {
            if (cmd == 'M') pts.push_back({nums[0], nums[1]});
            else pts.push_back({pts.back().first + nums[0], pts.back().second + nums[1]});
            nums.clear();
        }
    }
    return areas;
}

TEST(SvgMap, FrameKeepsTheAspectAndFitsTheLimits) {
    // 1000 × 500 m, no margin, 1000 px wide: 1 m a pixel, 500 px high.
    SvgMapFrame wide({0, 0, 1000, 500}, 1000, 100, 900, 0);
    EXPECT_EQ(wide.width(), 1000);
    EXPECT_EQ(wide.height(), 500);
    EXPECT_DOUBLE_EQ(wide.metres_per_pixel(), 1);
    // 100 × 1000 m: too tall for 900 px, so 1000/900 m a pixel and the extent widens.
    SvgMapFrame tall({0, 0, 100, 1000}, 1000, 100, 900, 0);
    EXPECT_EQ(tall.height(), 900);
    EXPECT_NEAR(tall.metres_per_pixel(), 1000.0 / 900, 1e-12);
}

TEST(SvgMap, HolesAreWoundAgainstTheirShellsInWholePixels) {
    GeosContext ctx;
    SvgMapFrame frame({0, 0, 100, 100}, 100, 10, 1000, 0);
    // The shell clockwise in world coordinates, the hole counter-clockwise: both get normalised.
    const WkbGeometry g = wkb("POLYGON((0 0, 0 100, 100 100, 100 0, 0 0), (20 20, 80 20, 80 80, 20 80, 20 20))");
    const std::string d = frame.path_data(ctx, {&g});
    EXPECT_TRUE(std::regex_match(d, std::regex("[Mlz0-9 \\-]+"))) << d;
    const auto areas = subpath_areas(d);
    ASSERT_EQ(areas.size(), 2u) << d;
    EXPECT_EQ(areas[0], 2 * 100 * 100) << "shell positive";
    EXPECT_EQ(areas[1], -2 * 60 * 60) << "hole negative: fill-rule nonzero leaves it open";
}

TEST(SvgMap, PolygonsSmallerThanAPixelBecomeOnePixelOnce) {
    GeosContext ctx;
    SvgMapFrame frame({0, 0, 1000, 1000}, 100, 10, 1000, 0);  // 10 m a pixel
    const WkbGeometry a = wkb(square(500, 500, 1)), b = wkb(square(501, 501, 1)), c = wkb(square(100, 100, 2));
    const std::string d = frame.path_data(ctx, {&a, &b, &c});
    EXPECT_EQ(d, "M10 90h1v1h-1zM50 50h1v1h-1z") << "a and b share a pixel";
}

TEST(SvgMap, FiftyThousandParcelsStayASmallFile) {
    GeosContext ctx;
    // 250 × 200 parcels of 18 m on a 20 m grid: a 5 km × 4 km park.
    std::vector<WkbGeometry> parcels;
    for (int i = 0; i < 250; ++i)
        for (int j = 0; j < 200; ++j) parcels.push_back(wkb(square(i * 20.0, j * 20.0, 18)));
    std::vector<const WkbGeometry*> refs;
    for (const auto& p : parcels) refs.push_back(&p);
    ASSERT_EQ(refs.size(), 50000u);
    SvgMapFrame frame({0, 0, 5000, 4000}, 1000, 300, 900);
    const std::string d = frame.path_data(ctx, refs);
    EXPECT_LT(d.size(), 5u * 1024 * 1024) << "one path for all of them, in whole pixels";
    EXPECT_GT(d.size(), 50000u * 4) << "and every parcel is still drawn";
    EXPECT_EQ(std::count(d.begin(), d.end(), 'M'), 50000);
}

TEST(SvgMap, ScaleBarHasARoundLength) {
    SvgMapFrame frame({0, 0, 5000, 4000}, 1000, 300, 900, 0);  // 5 m a pixel; a fifth is 1000 m
    EXPECT_NE(frame.scale_bar().find(">1 km</text>"), std::string::npos) << frame.scale_bar();
    SvgMapFrame small({0, 0, 1200, 400}, 1000, 300, 900, 0);  // a fifth is 240 m → 200 m
    EXPECT_NE(small.scale_bar().find(">200 m</text>"), std::string::npos) << small.scale_bar();
    SvgMapFrame mid({0, 0, 4300, 2000}, 1000, 300, 900, 0);  // a fifth is 860 m → 500 m, 116 px
    EXPECT_NE(mid.scale_bar().find(">500 m</text>"), std::string::npos) << mid.scale_bar();
    EXPECT_NE(mid.scale_bar().find("width=\"58\""), std::string::npos) << "half the bar dark, in whole pixels";
}

}  // namespace
}  // namespace landaudit
