// Annualised growth and the yearly targets.
#include "engine/monitoring/growth_targets.h"

#include <gtest/gtest.h>

#include <cmath>

namespace landaudit {
namespace {

TEST(GrowthTargets, AnnualGrowthCompounds) {
    EXPECT_NEAR(*annual_growth_pct(100.0, 107.0, 1), 7.0, 1e-12);
    EXPECT_NEAR(*annual_growth_pct(100.0, 121.0, 2), 10.0, 1e-12);  // 1.1² = 1.21
    EXPECT_NEAR(*annual_growth_pct(100.0, 0.0, 1), -100.0, 1e-12);
    EXPECT_FALSE(annual_growth_pct(0.0, 50.0, 1));   // growth from nothing is not a number
    EXPECT_FALSE(annual_growth_pct(std::nullopt, 50.0, 1));
    EXPECT_FALSE(annual_growth_pct(100.0, 50.0, 0));
    EXPECT_FALSE(annual_growth_pct(100.0, -1.0, 1));
}

TEST(GrowthTargets, ChecksAndOverall) {
    GrowthTarget yaan{"亩均营业收入年均增长", {"parcels"}, "rev_mu", GrowthTarget::Kind::Growth, 7.0, "seed 003"};
    const TargetCheck pass = check_target(yaan, 7.0), fail = check_target(yaan, 6.99), none = check_target(yaan, std::nullopt);
    EXPECT_EQ(pass.passed, true);  // the bound is inclusive
    EXPECT_EQ(fail.passed, false);
    EXPECT_FALSE(none.passed);
    EXPECT_NE(fail.text.find("6.99 %/yr < 7 %/yr: FAIL (seed 003)"), std::string::npos) << fail.text;
    EXPECT_EQ(overall({pass, none}), "PASS");
    EXPECT_EQ(overall({pass, fail}), "FAIL");
    EXPECT_EQ(overall({none}), "NA");
}

}  // namespace
}  // namespace landaudit
