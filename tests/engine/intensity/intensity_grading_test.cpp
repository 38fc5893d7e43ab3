// Intensity grading on small in-memory rule sets (the numbers are the tests', not a policy's).
#include "engine/intensity/intensity_grading.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

Threshold min_threshold(std::string id, std::string indicator, double min, std::vector<std::string> levels = {}) {
    Threshold t;
    t.id = std::move(id);
    t.indicator = std::move(indicator);
    t.min = min;
    t.levels = std::move(levels);
    t.source = "test seed §1";
    t.verified = true;
    return t;
}

Threshold max_threshold(std::string id, std::string indicator, double max) {
    Threshold t;
    t.id = std::move(id);
    t.indicator = std::move(indicator);
    t.max = max;
    t.source = "test seed §2";
    t.verified = true;
    return t;
}

GradeBand failed_band(std::string grade, std::optional<int> max_failed) {
    GradeBand b;
    b.grade = std::move(grade);
    b.max_failed = max_failed;
    return b;
}

GradeBand score_band(std::string grade, std::optional<double> min_score) {
    GradeBand b;
    b.grade = std::move(grade);
    b.min_score = min_score;
    return b;
}

// A/B/C/D by 0/1/2/3+ failed checks.
RuleSet thresholds_set(std::vector<Threshold> thresholds) {
    RuleSet r;
    r.name = "test-set";
    r.source = "test document";
    r.thresholds = std::move(thresholds);
    r.grades = {failed_band("A", 0), failed_band("B", 1), failed_band("C", 2), failed_band("D", std::nullopt)};
    return r;
}

GradingSubject subject(const IndicatorSet& ind, std::string level = "national", std::string industry = "1310",
                       std::string land_use = "0601") {
    return {std::move(level), std::move(industry), std::move(land_use), &ind};
}

// --- value against a single threshold --------------------------------------------------------

struct CompareCase {
    const char* name;
    Threshold threshold;
    double value;
    bool passes;
};

class GradingCompare : public ::testing::TestWithParam<CompareCase> {};

TEST_P(GradingCompare, ValueAgainstThreshold) {
    const CompareCase& c = GetParam();
    IndicatorSet ind;
    ind.values[c.threshold.indicator] = c.value;
    GradeVerdict v = grade_parcel(thresholds_set({c.threshold}), subject(ind));
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].passed, c.passes) << c.name;
    EXPECT_EQ(v.grade, c.passes ? "A" : "B") << c.name;
}

Threshold exclusive(Threshold t) {
    t.exclusive = true;
    return t;
}

INSTANTIATE_TEST_SUITE_P(
    Grading, GradingCompare,
    ::testing::Values(CompareCase{"at min passes", min_threshold("t", "tax_mu", 30), 30.0, true},
                      CompareCase{"just under min fails", min_threshold("t", "tax_mu", 30), 29.99, false},
                      // 3 / 0.1 = 30.000000000000004 in binary: still "at" 30.
                      CompareCase{"quotient at min passes", min_threshold("t", "tax_mu", 30), 3.0 / 0.1, true},
                      CompareCase{"exclusive at min fails", exclusive(min_threshold("t", "tax_mu", 30)), 30.0, false},
                      CompareCase{"exclusive above min passes", exclusive(min_threshold("t", "tax_mu", 30)), 30.01,
                                  true},
                      CompareCase{"at max passes", max_threshold("t", "admin_pct", 7), 7.0, true},
                      CompareCase{"over max fails", max_threshold("t", "admin_pct", 7), 7.01, false},
                      CompareCase{"exclusive at max fails", exclusive(max_threshold("t", "admin_pct", 7)), 7.0, false},
                      CompareCase{"under max passes", max_threshold("t", "admin_pct", 7), 3.5, true}));

// --- level filtering ---------------------------------------------------------------------------

// Seed-000 style: 亩均税收 ≥ 30 for national zones, ≥ 20 for provincial parks. tax_mu = 25.
struct LevelCase {
    const char* level;
    std::string grade;
    bool applicable;
    const char* reason_part;
};

class GradingLevels : public ::testing::TestWithParam<LevelCase> {};

TEST_P(GradingLevels, PickTheLevelsThresholds) {
    const LevelCase& c = GetParam();
    RuleSet r = thresholds_set({min_threshold("tax-national", "tax_mu", 30, {"national"}),
                                min_threshold("tax-provincial", "tax_mu", 20, {"provincial"})});
    IndicatorSet ind;
    ind.values["tax_mu"] = 25;
    GradeVerdict v = grade_parcel(r, subject(ind, c.level));
    EXPECT_EQ(v.grade, c.grade) << c.level;
    EXPECT_EQ(v.applicable, c.applicable) << c.level;
    EXPECT_NE(v.na_reason.find(c.reason_part), std::string::npos) << v.na_reason;
}

INSTANTIATE_TEST_SUITE_P(Grading, GradingLevels,
                         ::testing::Values(LevelCase{"national", "B", true, ""},    // 25 < 30: one failure
                                           LevelCase{"provincial", "A", true, ""},  // 25 ≥ 20
                                           LevelCase{"", "NA", true, "park level unknown: map it in [intensity.levels]"},
                                           LevelCase{"prefecture", "NA", false, "no threshold of test-set applies"}));

TEST(GradingLevels, CheckUsesTheLevelsThreshold) {
    RuleSet r = thresholds_set({min_threshold("tax-national", "tax_mu", 30, {"national"}),
                                min_threshold("tax-provincial", "tax_mu", 20, {"provincial"})});
    IndicatorSet ind;
    ind.values["tax_mu"] = 25;
    GradeVerdict v = grade_parcel(r, subject(ind, "provincial"));
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].threshold_id, "tax-provincial");
}

// --- industry and land-use prefixes ------------------------------------------------------------

struct PrefixCase {
    std::vector<std::string> industries;
    std::vector<std::string> land_uses;
    const char* industry;
    const char* land_use;
    bool applies;
};

class GradingPrefix : public ::testing::TestWithParam<PrefixCase> {};

TEST_P(GradingPrefix, MatchByPrefix) {
    const PrefixCase& c = GetParam();
    Threshold t = min_threshold("far-13", "far", 1.0);
    t.industries = c.industries;
    t.land_uses = c.land_uses;
    IndicatorSet ind;
    ind.values["far"] = 1.2;
    GradeVerdict v = grade_parcel(thresholds_set({t}), subject(ind, "national", c.industry, c.land_use));
    EXPECT_EQ(v.applicable, c.applies) << c.industry << " " << c.land_use;
    EXPECT_EQ(v.grade, c.applies ? "A" : "NA");
}

using S = std::vector<std::string>;
INSTANTIATE_TEST_SUITE_P(Grading, GradingPrefix,
                         ::testing::Values(PrefixCase{S{"13"}, {}, "1310", "0601", true},
                                           PrefixCase{S{"13"}, {}, "C1310", "0601", true},  // section letter
                                           PrefixCase{S{"13"}, {}, "31", "0601", false},
                                           PrefixCase{S{"13"}, {}, "C3130", "0601", false},
                                           PrefixCase{S{"13"}, {}, "", "0601", false},  // industry unknown
                                           PrefixCase{S{"C13"}, {}, "1310", "0601", true},
                                           PrefixCase{S{"17", "13"}, {}, "1320", "0601", true},
                                           PrefixCase{{}, S{"0601"}, "1310", "060101", true},
                                           PrefixCase{{}, S{"0601"}, "1310", "0602", false},
                                           PrefixCase{{}, S{"0601", "1001"}, "1310", "100102", true}));

TEST(GradingPrefix, OutsideTheSetsLandUsesIsNotApplicable) {
    RuleSet r = thresholds_set({min_threshold("t", "tax_mu", 30)});
    r.land_uses = {"0601", "1001"};
    IndicatorSet ind;
    ind.values["tax_mu"] = 10;
    GradeVerdict v = grade_parcel(r, subject(ind, "national", "1310", "0701"));
    EXPECT_FALSE(v.applicable);
    EXPECT_EQ(v.grade, "NA");
    EXPECT_EQ(v.na_reason, "not graded by test-set: land use 0701 is not in 0601, 1001");
    EXPECT_TRUE(v.checks.empty());
}

// --- missing indicators ------------------------------------------------------------------------

TEST(GradingMissing, UnknownIndicatorIsNaNamingTheInputNeverD) {
    RuleSet r = thresholds_set({min_threshold("inv", "inv_mu", 350), min_threshold("out", "out_mu", 500),
                                min_threshold("tax", "tax_mu", 30)});
    IndicatorSet ind;
    ind.values["inv_mu"] = 100;  // fails
    ind.values["out_mu"] = 100;  // fails
    ind.missing["tax_mu"] = "no economics row for 2024";
    GradeVerdict v = grade_parcel(r, subject(ind));
    EXPECT_EQ(v.grade, "NA");
    EXPECT_TRUE(v.applicable);
    EXPECT_EQ(v.na_reason, "tax_mu unknown: no economics row for 2024");
    ASSERT_EQ(v.checks.size(), 3u);
    EXPECT_FALSE(v.checks[2].value.has_value());
    EXPECT_EQ(v.checks[2].text, "亩均税收 tax_mu unknown (no economics row for 2024) [test-set tax; test seed §1]");
    // The known failures still count as failures (LOW_EFFICIENCY), the grade does not.
    EXPECT_TRUE(is_low_efficiency({v}));
}

TEST(GradingMissing, NoIndicatorsAtAll) {
    GradeVerdict v = grade_parcel(thresholds_set({min_threshold("t", "tax_mu", 30)}),
                                  GradingSubject{"national", "1310", "0601", nullptr});
    EXPECT_EQ(v.grade, "NA");
    EXPECT_EQ(v.na_reason, "tax_mu unknown: no indicators computed");
}

// --- grade bands -------------------------------------------------------------------------------

struct BandCase {
    double inv, out, tax;  // thresholds: inv ≥ 350, out ≥ 500, tax ≥ 30
    bool two_bands;
    const char* grade;
};

class GradingBands : public ::testing::TestWithParam<BandCase> {};

TEST_P(GradingBands, FailuresToGrade) {
    const BandCase& c = GetParam();
    RuleSet r = thresholds_set({min_threshold("inv", "inv_mu", 350), min_threshold("out", "out_mu", 500),
                                min_threshold("tax", "tax_mu", 30)});
    if (c.two_bands) r.grades = {failed_band("A", 0), failed_band("B", std::nullopt)};  // seed 003 style
    IndicatorSet ind;
    ind.values = {{"inv_mu", c.inv}, {"out_mu", c.out}, {"tax_mu", c.tax}};
    EXPECT_EQ(grade_parcel(r, subject(ind)).grade, c.grade);
}

INSTANTIATE_TEST_SUITE_P(Grading, GradingBands,
                         ::testing::Values(BandCase{400, 600, 40, false, "A"},  // 0 failed
                                           BandCase{300, 600, 40, false, "B"},  // 1
                                           BandCase{300, 400, 40, false, "C"},  // 2
                                           BandCase{300, 400, 20, false, "D"},  // 3
                                           BandCase{400, 600, 40, true, "A"},
                                           BandCase{300, 600, 40, true, "B"},
                                           BandCase{300, 400, 20, true, "B"}));

TEST(GradingBands, NoBandCoversIsNa) {
    RuleSet r = thresholds_set({min_threshold("tax", "tax_mu", 30)});
    r.grades = {failed_band("A", 0)};
    IndicatorSet ind;
    ind.values["tax_mu"] = 10;
    GradeVerdict v = grade_parcel(r, subject(ind));
    EXPECT_EQ(v.grade, "NA");
    EXPECT_EQ(v.na_reason, "no grade band of test-set covers 1 failed checks");
}

// --- score method ------------------------------------------------------------------------------

ScorePart part(std::string indicator, double weight, double benchmark, double cap) {
    ScorePart p;
    p.indicator = std::move(indicator);
    p.weight = weight;
    p.benchmark = benchmark;
    p.cap = cap;
    p.source = "test scoring §3";
    return p;
}

// Parts: tax_mu weight 30 benchmark 20 cap 3; va_mu weight 20 benchmark 50 no cap;
// va_energy weight 50 benchmark 2 cap 1.5. Bands: A ≥ 120, B ≥ 100, C ≥ 60, D below.
RuleSet score_set() {
    RuleSet r;
    r.name = "score-set";
    r.method = RuleSet::Method::Score;
    r.score_parts = {part("tax_mu", 30, 20, 3), part("va_mu", 20, 50, 0), part("va_energy", 50, 2, 1.5)};
    r.grades = {score_band("A", 120), score_band("B", 100), score_band("C", 60), score_band("D", std::nullopt)};
    return r;
}

struct ScoreCase {
    double tax, va, energy;
    double score;
    const char* grade;
};

class GradingScore : public ::testing::TestWithParam<ScoreCase> {};

TEST_P(GradingScore, WeightedSumOfCappedRatios) {
    const ScoreCase& c = GetParam();
    IndicatorSet ind;
    ind.values = {{"tax_mu", c.tax}, {"va_mu", c.va}, {"va_energy", c.energy}};
    GradeVerdict v = grade_parcel(score_set(), subject(ind));
    ASSERT_TRUE(v.score.has_value());
    EXPECT_NEAR(*v.score, c.score, 1e-9);
    EXPECT_EQ(v.grade, c.grade);
    ASSERT_EQ(v.checks.size(), 3u);
    EXPECT_TRUE(v.checks[0].passed);  // parts never fail on their own
}

INSTANTIATE_TEST_SUITE_P(
    Grading, GradingScore,
    ::testing::Values(
        // 30 × min(40/20, 3) = 60; 20 × 50/50 = 20; 50 × min(2/2, 1.5) = 50 → 130 → A
        ScoreCase{40, 50, 2, 130, "A"},
        // 30 × min(100/20 = 5, 3) = 90 (capped); 20 × 0/50 = 0; 50 × min(10/2 = 5, 1.5) = 75 → 165 → A
        ScoreCase{100, 0, 10, 165, "A"},
        // 30 × 10/20 = 15; 20 × 100/50 = 40 (no cap); 50 × 1/2 = 25 → 80 → C
        ScoreCase{10, 100, 1, 80, "C"},
        // exactly at a cut-off: 30 × 1 + 20 × 1 + 50 × 1 = 100 → B
        ScoreCase{20, 50, 2, 100, "B"},
        // 30 × 0.5 + 20 × 0.5 + 50 × 0.5 = 50 → D
        ScoreCase{10, 25, 1, 50, "D"}));

TEST(GradingScore, PartTextShowsTheArithmetic) {
    IndicatorSet ind;
    ind.values = {{"tax_mu", 100}, {"va_mu", 50}, {"va_energy", 2}};
    GradeVerdict v = grade_parcel(score_set(), subject(ind));
    ASSERT_EQ(v.checks.size(), 3u);
    EXPECT_EQ(v.checks[0].text, "亩均税收 tax_mu 100.00 万元/亩 ÷ 20 (capped at 3) × 30 = 90.00 [score-set score; test scoring §3]");
}

TEST(GradingScore, MissingPartIsNaNamingIt) {
    IndicatorSet ind;
    ind.values = {{"tax_mu", 40}, {"va_energy", 2}};
    ind.missing["va_mu"] = "value_added: no economics row for 2024";
    GradeVerdict v = grade_parcel(score_set(), subject(ind));
    EXPECT_EQ(v.grade, "NA");
    EXPECT_FALSE(v.score.has_value());
    EXPECT_EQ(v.na_reason, "va_mu unknown: value_added: no economics row for 2024");
    EXPECT_FALSE(is_low_efficiency({v}));
}

TEST(GradingScore, ZeroBenchmarkIsNa) {
    RuleSet r = score_set();
    r.score_parts[1].benchmark = 0;
    IndicatorSet ind;
    ind.values = {{"tax_mu", 40}, {"va_mu", 50}, {"va_energy", 2}};
    GradeVerdict v = grade_parcel(r, subject(ind));
    EXPECT_EQ(v.grade, "NA");
    EXPECT_EQ(v.na_reason, "va_mu benchmark 0 unusable in score-set");
}

// --- parks -------------------------------------------------------------------------------------

// Park thresholds: lead_pct ≥ 60 (every level; its industry filter is ignored for parks),
// tax_ha ≥ 600 national only; a parcels-only FAR threshold that parks skip.
RuleSet park_set() {
    Threshold lead = min_threshold("lead", "lead_pct", 60);
    lead.industries = {"13"};
    lead.parcels = false;
    Threshold tax = min_threshold("tax-national", "tax_ha", 600, {"national"});
    Threshold far = min_threshold("far", "far", 1.0);
    far.parks = false;
    return thresholds_set({lead, tax, far});
}

struct ParkCase {
    const char* name;
    const char* level;
    std::map<std::string, double> values;
    const char* grade;
    bool applicable;
    const char* reason;
};

class GradingPark : public ::testing::TestWithParam<ParkCase> {};

TEST_P(GradingPark, PassFailNa) {
    const ParkCase& c = GetParam();
    IndicatorSet ind;
    ind.values = c.values;
    ind.missing["tax_ha"] = "tax: no economics rows";
    GradeVerdict v = check_park(park_set(), subject(ind, c.level, "", ""));
    EXPECT_EQ(v.grade, c.grade) << c.name;
    EXPECT_EQ(v.applicable, c.applicable) << c.name;
    EXPECT_EQ(v.na_reason, c.reason) << c.name;
}

using V = std::map<std::string, double>;
INSTANTIATE_TEST_SUITE_P(
    Grading, GradingPark,
    ::testing::Values(ParkCase{"all pass", "national", V{{"lead_pct", 65}, {"tax_ha", 700}}, "PASS", true, ""},
                      ParkCase{"one fails", "national", V{{"lead_pct", 55}, {"tax_ha", 700}}, "FAIL", true, ""},
                      ParkCase{"fails despite unknown", "national", V{{"lead_pct", 55}}, "FAIL", true, ""},
                      ParkCase{"unknown", "national", V{{"lead_pct", 65}}, "NA", true,
                               "tax_ha unknown: tax: no economics rows"},
                      ParkCase{"level unknown", "", V{{"lead_pct", 65}, {"tax_ha", 700}}, "NA", true,
                               "park level unknown: map it in [intensity.levels]"},
                      ParkCase{"provincial: lead only", "provincial", V{{"lead_pct", 65}}, "PASS", true, ""}));

TEST(GradingPark, NoThresholdAppliesIsNotApplicable) {
    RuleSet r = thresholds_set({min_threshold("tax-national", "tax_ha", 600, {"national"})});
    IndicatorSet ind;
    GradeVerdict v = check_park(r, subject(ind, "provincial"));
    EXPECT_EQ(v.grade, "NA");
    EXPECT_FALSE(v.applicable);
    EXPECT_EQ(v.na_reason, "no park threshold of test-set applies to level provincial");
}

// --- combining rule sets and LOW_EFFICIENCY ------------------------------------------------------

GradeVerdict verdict(std::string set, std::string grade, bool applicable = true, std::string reason = "") {
    GradeVerdict v;
    v.rule_set = std::move(set);
    v.grade = std::move(grade);
    v.applicable = applicable;
    v.na_reason = std::move(reason);
    return v;
}

struct CombineCase {
    const char* name;
    std::vector<GradeVerdict> verdicts;
    const char* grade;
    const char* reason;
};

class GradingCombined : public ::testing::TestWithParam<CombineCase> {};

TEST_P(GradingCombined, WorstOfWithNaFirst) {
    const CombineCase& c = GetParam();
    std::string reason = "stale";
    EXPECT_EQ(combined_grade(c.verdicts, &reason), c.grade) << c.name;
    EXPECT_EQ(reason, c.reason) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Grading, GradingCombined,
    ::testing::Values(
        CombineCase{"worst of", {verdict("s1", "A"), verdict("s2", "C"), verdict("s3", "B")}, "C", ""},
        CombineCase{"NA wins over D",
                    {verdict("s1", "D"), verdict("s2", "NA", true, "tax_mu unknown: no row"), verdict("s3", "A")},
                    "NA",
                    "s2: tax_mu unknown: no row"},
        CombineCase{"NA reasons in order",
                    {verdict("s1", "NA", true, "first"), verdict("s2", "NA", true, "second")},
                    "NA",
                    "s1: first; s2: second"},
        CombineCase{"not applicable ignored",
                    {verdict("s1", "B"), verdict("s2", "NA", false, "not graded by s2: land use 0701 …")},
                    "B",
                    ""},
        CombineCase{"none applies", {verdict("s1", "NA", false, "x")}, "NA", "no rule set applies"},
        CombineCase{"empty", {}, "NA", "no rule set applies"}));

TEST(GradingCombined, NullReasonPointer) { EXPECT_EQ(combined_grade({verdict("s1", "B")}, nullptr), "B"); }

TEST(GradingLowEfficiency, FailedCheckOrGradeCOrD) {
    GradeVerdict failed = verdict("t", "B");
    failed.checks.push_back({"t", "tax", "tax_mu", 25.0, false, ""});
    GradeVerdict unknown = verdict("t", "NA", true, "tax_mu unknown");
    unknown.checks.push_back({"t", "tax", "tax_mu", std::nullopt, false, ""});
    GradeVerdict passed = verdict("t", "A");
    passed.checks.push_back({"t", "tax", "tax_mu", 35.0, true, ""});
    GradeVerdict ignored = verdict("t", "D", false);

    EXPECT_TRUE(is_low_efficiency({failed}));
    EXPECT_TRUE(is_low_efficiency({passed, verdict("score", "C")}));
    EXPECT_TRUE(is_low_efficiency({verdict("score", "D")}));
    EXPECT_FALSE(is_low_efficiency({passed, verdict("score", "B")}));
    EXPECT_FALSE(is_low_efficiency({unknown})) << "unknown is not low efficiency";
    EXPECT_FALSE(is_low_efficiency({ignored})) << "not-applicable sets are ignored";
    EXPECT_FALSE(is_low_efficiency({}));
}

// --- seed 003 exit rule ------------------------------------------------------------------------

struct ExitCase {
    const char* name;
    int years_below;
    std::map<int, bool> passed;
    bool warn;
    const char* text;
};

class GradingExit : public ::testing::TestWithParam<ExitCase> {};

TEST_P(GradingExit, ConsecutiveYearsBelow) {
    const ExitCase& c = GetParam();
    ExitRule rule;
    rule.years_below = c.years_below;
    rule.grace_years = 1;
    rule.source = "seed 003 §2";
    std::string text;
    EXPECT_EQ(exit_warning(rule, c.passed, 2024, &text), c.warn) << c.name;
    EXPECT_EQ(text, c.text) << c.name;
}

using Y = std::map<int, bool>;
INSTANTIATE_TEST_SUITE_P(
    Grading, GradingExit,
    ::testing::Values(
        ExitCase{"two failing years", 2, Y{{2023, false}, {2024, false}}, true,
                 "2023, 2024 below the entry threshold (seed 003 §2): 1 year of grace until 2025, then exit (清退)"},
        ExitCase{"fail then pass", 2, Y{{2023, false}, {2024, true}}, false,
                 "2024 met the entry threshold: no exit warning (seed 003 §2)"},
        ExitCase{"pass then fail", 2, Y{{2023, true}, {2024, false}}, false,
                 "2024 below the entry threshold, 1 of 2 years running (2023 met the entry threshold): no exit "
                 "warning (seed 003 §2)"},
        ExitCase{"missing year between", 2, Y{{2022, false}, {2024, false}}, false,
                 "2024 below the entry threshold, 1 of 2 years running (2023 not graded): no exit warning "
                 "(seed 003 §2)"},
        ExitCase{"graded year missing", 2, Y{{2022, false}, {2023, false}}, false,
                 "2024 not graded: no exit warning (seed 003 §2)"},
        ExitCase{"three years needed, two failed", 3, Y{{2022, true}, {2023, false}, {2024, false}}, false,
                 "2023, 2024 below the entry threshold, 2 of 3 years running (2022 met the entry threshold): no "
                 "exit warning (seed 003 §2)"},
        ExitCase{"three years failed", 3, Y{{2021, true}, {2022, false}, {2023, false}, {2024, false}}, true,
                 "2022, 2023, 2024 below the entry threshold (seed 003 §2): 1 year of grace until 2025, then exit "
                 "(清退)"}));

TEST(GradingExit, LongerGraceAndNoTextPointer) {
    ExitRule rule;
    rule.years_below = 1;
    rule.grace_years = 2;
    std::string text;
    EXPECT_TRUE(exit_warning(rule, {{2024, false}}, 2024, &text));
    EXPECT_EQ(text, "2024 below the entry threshold: 2 years of grace until 2026, then exit (清退)");
    EXPECT_TRUE(exit_warning(rule, {{2024, false}}, 2024, nullptr));
}

// --- reasons for people ------------------------------------------------------------------------

struct TextCase {
    Threshold threshold;
    std::optional<double> value;
    bool passed;
    const char* missing;
    const char* text;
};

class GradingCheckText : public ::testing::TestWithParam<TextCase> {};

TEST_P(GradingCheckText, LabelCodeValueComparisonSource) {
    const TextCase& c = GetParam();
    RuleSet r;
    r.name = "kunming-2021";
    r.source = "seed 000 (昆明 2021)";
    EXPECT_EQ(check_text(c.threshold, r, c.value, c.passed, c.missing), c.text);
}

Threshold km_tax() {
    Threshold t = min_threshold("km21-tax-national", "tax_mu", 30);
    t.source = "seed 000 §(十二)";
    return t;
}

Threshold both_bounds() {
    Threshold t = min_threshold("range", "coverage", 30);
    t.max = 70;
    t.source.clear();  // falls back to the rule set's source
    return t;
}

INSTANTIATE_TEST_SUITE_P(
    Grading, GradingCheckText,
    ::testing::Values(
        TextCase{km_tax(), 25.3, false, "",
                 "亩均税收 tax_mu 25.30 万元/亩 < 30 ✗ [kunming-2021 km21-tax-national; seed 000 §(十二)]"},
        TextCase{km_tax(), 30, true, "",
                 "亩均税收 tax_mu 30.00 万元/亩 ≥ 30 ✓ [kunming-2021 km21-tax-national; seed 000 §(十二)]"},
        TextCase{exclusive(km_tax()), 30, false, "",
                 "亩均税收 tax_mu 30.00 万元/亩 ≤ 30 ✗ [kunming-2021 km21-tax-national; seed 000 §(十二)]"},
        TextCase{km_tax(), std::nullopt, false, "no economics row for 2024",
                 "亩均税收 tax_mu unknown (no economics row for 2024) [kunming-2021 km21-tax-national; seed 000 "
                 "§(十二)]"},
        TextCase{max_threshold("admin", "admin_pct", 7), 8, false, "",
                 "行政办公及生活服务设施用地所占比重 admin_pct 8.00 % > 7 ✗ [kunming-2021 admin; test seed §2]"},
        TextCase{min_threshold("far-17", "far", 0.8), 0.85, true, "",
                 "容积率 far 0.85 ≥ 0.8 ✓ [kunming-2021 far-17; test seed §1]"},
        TextCase{both_bounds(), 50, true, "",
                 "建筑系数 coverage 50.00 % ≥ 30, ≤ 70 ✓ [kunming-2021 range; seed 000 (昆明 2021)]"},
        TextCase{both_bounds(), 80, false, "",
                 "建筑系数 coverage 80.00 % > 70 ✗ [kunming-2021 range; seed 000 (昆明 2021)]"}));

TEST(GradingCheckText, FilledIntoVerdictChecks) {
    RuleSet r = thresholds_set({min_threshold("tax", "tax_mu", 30)});
    IndicatorSet ind;
    ind.values["tax_mu"] = 25.3;
    GradeVerdict v = grade_parcel(r, subject(ind));
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].text, "亩均税收 tax_mu 25.30 万元/亩 < 30 ✗ [test-set tax; test seed §1]");
    EXPECT_EQ(v.checks[0].rule_set, "test-set");
    EXPECT_EQ(v.checks[0].indicator, "tax_mu");
}

TEST(GradingCheckText, UnverifiedThresholdIsMarked) {
    Threshold t = min_threshold("entry", "rev_mu", 100);
    t.verified = false;
    RuleSet r = thresholds_set({t});
    IndicatorSet ind;
    ind.values["rev_mu"] = 120.0;
    GradeVerdict v = grade_parcel(r, subject(ind));
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].text, "亩均营业收入 rev_mu 120.00 万元/亩 ≥ 100 ✓ [test-set entry [U]; test seed §1]");
}

}  // namespace
}  // namespace landaudit
