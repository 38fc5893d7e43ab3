// Star rating of parks on a small in-memory stars rule set (the numbers are the test's, not a policy's).
#include "engine/intensity/park_stars.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

Threshold check(std::string id, std::string indicator, int stars, std::optional<double> min,
                std::optional<double> max = std::nullopt, bool exclusive = false) {
    Threshold t;
    t.id = std::move(id);
    t.indicator = std::move(indicator);
    t.min = min;
    t.max = max;
    t.exclusive = exclusive;
    t.stars = stars;
    t.parcels = false;
    t.parks = true;
    t.source = "test seed §3";
    t.verified = true;
    return t;
}

GradeBand band(std::string name, int stars, std::optional<int> target) {
    GradeBand b;
    b.grade = std::move(name);
    b.stars = stars;
    b.target = target;
    b.target_year = 2026;
    b.target_verified = true;
    return b;
}

// 三星: lead_pct ≥ 60 and unsup_pct ≤ 30; 四星 adds hitech_pct > 25; 五星 adds rd_pct ≥ 2.
RuleSet stars_set() {
    RuleSet r;
    r.name = "test-stars";
    r.method = RuleSet::Method::Stars;
    r.thresholds = {check("s-lead", "lead_pct", 3, 60.0), check("s-unsup", "unsup_pct", 3, std::nullopt, 30.0),
                    check("s-hitech", "hitech_pct", 4, 25.0, std::nullopt, true), check("s-rd", "rd_pct", 5, 2.0)};
    r.grades = {band("五星", 5, 3), band("四星", 4, 5), band("三星", 3, 8)};  // best first, as in the file
    return r;
}

IndicatorSet park(double lead, double unsup, double hitech, double rd) {
    IndicatorSet s;
    s.values = {{"lead_pct", lead}, {"unsup_pct", unsup}, {"hitech_pct", hitech}, {"rd_pct", rd}};
    return s;
}

StarRating rate(const IndicatorSet& s) { return rate_park(stars_set(), {"", "", "", &s}); }

TEST(ParkStars, AParkClimbsWhileEveryCheckOfTheBandPasses) {
    // 65 ≥ 60, 20 ≤ 30: 三星; 30 > 25: 四星; 1.5 < 2: not 五星.
    const StarRating r = rate(park(65, 20, 30, 1.5));
    ASSERT_TRUE(r.stars);
    EXPECT_EQ(*r.stars, 4);
    EXPECT_FALSE(r.open);
    ASSERT_EQ(r.bands.size(), 3u);
    EXPECT_EQ(r.bands[0].band, "三星");
    EXPECT_EQ(r.bands[0].result, "PASS");
    EXPECT_EQ(r.bands[1].result, "PASS");
    EXPECT_EQ(r.bands[2].result, "FAIL");
    EXPECT_EQ(r.reasons.rfind("test-stars: 四星 | 三星 PASS: ", 0), 0u) << r.reasons;
    EXPECT_NE(r.reasons.find("五星 FAIL: 研发经费占营业收入比重 rd_pct 1.50 % < 2 ✗"), std::string::npos) << r.reasons;
}

TEST(ParkStars, EveryBandPassedIsTheTopBand) {
    const StarRating r = rate(park(60, 30, 25.01, 2));  // limits met: ≥ 60, ≤ 30, > 25, ≥ 2
    EXPECT_EQ(r.stars, 5);
}

TEST(ParkStars, AHigherBandsFailureDoesNotTakeAwayALowerBand) {
    const StarRating r = rate(park(65, 20, 25, 9));  // hitech exactly 25 is not "超过 25"
    EXPECT_EQ(r.stars, 3);
    EXPECT_EQ(r.bands[2].result, "PASS");  // 五星's own check passes, but 四星 was not reached
}

TEST(ParkStars, BelowTheLowestBandIsZeroStars) {
    const StarRating r = rate(park(50, 20, 30, 3));
    EXPECT_EQ(r.stars, 0);
    EXPECT_NE(r.reasons.find("test-stars: below 三星"), std::string::npos) << r.reasons;
}

TEST(ParkStars, AnUnknownIndicatorLeavesTheBandNaNeverFailed) {
    IndicatorSet s = park(65, 20, 0, 3);
    s.values.erase("hitech_pct");
    s.missing["hitech_pct"] = "high-tech revenue: not in the economics table";
    const StarRating r = rate(s);
    EXPECT_EQ(r.stars, 3);
    EXPECT_TRUE(r.open);
    EXPECT_EQ(r.bands[1].result, "NA");
    EXPECT_NE(r.bands[1].na_reason.find("hitech_pct unknown: high-tech revenue: not in the economics table"),
              std::string::npos)
        << r.bands[1].na_reason;
    EXPECT_NE(r.reasons.find("三星 (the band above is undecided)"), std::string::npos) << r.reasons;
}

TEST(ParkStars, AnUnknownInTheLowestBandLeavesTheParkUnrated) {
    IndicatorSet s = park(65, 0, 30, 3);
    s.values.erase("unsup_pct");
    s.missing["unsup_pct"] = "批而未供: no [approved] layer in the audit";
    const StarRating r = rate(s);
    EXPECT_FALSE(r.stars);
    EXPECT_NE(r.reasons.find("test-stars: NA (三星 undecided)"), std::string::npos) << r.reasons;
    // A known failure in the lowest band decides even with an unknown beside it.
    s.values["lead_pct"] = 10;
    EXPECT_EQ(rate(s).stars, 0);
}

TEST(ParkStars, StarIndicatorsAddTheRedevelopmentRatios) {
    IndicatorSet base;
    base.values["lead_pct"] = 70;
    // 2 500 of 10 000 m² approved still unsupplied: 25 %.
    IndicatorSet s = star_indicators(base, 10000.0, 2500.0, 4.0, true);
    EXPECT_DOUBLE_EQ(*s.get("unsup_pct"), 25.0);
    EXPECT_DOUBLE_EQ(*s.get("idle_pct"), 4.0);
    EXPECT_DOUBLE_EQ(*s.get("lead_pct"), 70.0);

    s = star_indicators(base, std::nullopt, std::nullopt, std::nullopt, false);
    EXPECT_FALSE(s.get("unsup_pct"));
    EXPECT_EQ(s.missing["unsup_pct"], "批而未供: no [approved] layer in the audit");
    EXPECT_FALSE(s.get("idle_pct"));
    EXPECT_NE(s.missing["idle_pct"].find("idle land: not evaluated"), std::string::npos);

    s = star_indicators(base, 0.0, 0.0, std::nullopt, true);
    EXPECT_NE(s.missing["unsup_pct"].find("approved land: 0 m² in the park"), std::string::npos);
    EXPECT_NE(s.missing["idle_pct"].find("supplied parcel land: 0 m²"), std::string::npos);
}

TEST(ParkStars, TallyCountsParksAtExactlyEachBandWithItsTarget) {
    const auto tally = tally_stars(stars_set(), {5, 4, 4, 0, std::nullopt, 3});
    ASSERT_EQ(tally.size(), 5u);
    EXPECT_EQ(tally[0].band, "五星");
    EXPECT_EQ(tally[0].parks, 1u);
    EXPECT_EQ(tally[0].target, 3);
    EXPECT_EQ(tally[1].band, "四星");
    EXPECT_EQ(tally[1].parks, 2u);
    EXPECT_EQ(tally[1].target, 5);
    EXPECT_EQ(tally[2].band, "三星");
    EXPECT_EQ(tally[2].parks, 1u);
    EXPECT_EQ(tally[2].target, 8);
    EXPECT_EQ(tally[2].target_year, 2026);
    EXPECT_EQ(tally[3].band, "none");
    EXPECT_EQ(tally[3].parks, 1u);
    EXPECT_EQ(tally[4].band, "NA");
    EXPECT_EQ(tally[4].parks, 1u);
}

}  // namespace
}  // namespace landaudit
