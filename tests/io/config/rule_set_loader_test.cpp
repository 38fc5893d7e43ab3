// Tests for the rule-set loader: the built-in sets load, user files load by path, and every
// error names its file and line.
#include "io/config/rule_set_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "layers/error.h"
#include "layers/indicators.h"
#include "test_config.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kBuiltins = {"guandu-2024-stars", "kunming-2021", "national-control-2008",
                                            "xishuangbanna-2023", "xuchang-2019", "yaan-2021", "zhejiang-score"};

// A valid thresholds rule set named "mine"; tests append to it or replace parts.
const std::string kHeader = R"([ruleset]
name = "mine"
title = "测试"
source = "test"
method = "thresholds"
levels = ["national"]
)";
const std::string kThreshold = R"(
[[threshold]]
id = "t1"
indicator = "tax_mu"
min = 10
source = "test clause"
verified = false
)";
const std::string kGrades = R"(
[[grade]]
grade = "A"
max_failed = 0
[[grade]]
grade = "B"
)";

class RuleSetLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-rules-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string write(const std::string& name, const std::string& text) {
        const fs::path p = m_dir / name;
        std::ofstream(p) << text;
        return p.string();
    }

    // The problems of loading `text` as mine.toml (fails the test when it loads).
    std::vector<std::string> problems(const std::string& text, const std::string& file = "mine.toml") {
        const std::string path = write(file, text);
        try {
            load_rule_set(path, {});
        } catch (const ValidationError& e) {
            return e.problems();
        }
        ADD_FAILURE() << "loaded without error:\n" << text;
        return {};
    }

    static bool any_contains(const std::vector<std::string>& problems, const std::string& text) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& p) { return p.find(text) != std::string::npos; });
    }

    fs::path m_dir;
};

TEST_F(RuleSetLoaderTest, BuiltinNamesAreTheSixShippedFiles) {
    // Without the environment variable the built-ins are the source tree's rules/.
    const char* env = std::getenv("LANDAUDIT_RULES_DIR");
    const std::string saved = env ? env : "";
    ::unsetenv("LANDAUDIT_RULES_DIR");
    const std::string dir = builtin_rules_dir();
    const auto names = builtin_rule_set_names();
    if (env) ::setenv("LANDAUDIT_RULES_DIR", saved.c_str(), 1);
    EXPECT_EQ(fs::path(dir), fs::path(LANDAUDIT_SOURCE_DIR "/rules"));
    EXPECT_EQ(names, kBuiltins);
}

TEST_F(RuleSetLoaderTest, EveryBuiltinLoadsWithSourcesAndIndicatorsFromTheCatalogue) {
    for (const auto& name : builtin_rule_set_names()) {
        SCOPED_TRACE(name);
        RuleSet rs;
        ASSERT_NO_THROW(rs = load_rule_set(name, {}));
        EXPECT_EQ(rs.name, name);
        EXPECT_FALSE(rs.title.empty());
        EXPECT_FALSE(rs.source.empty());
        EXPECT_FALSE(rs.grades.empty());
        EXPECT_EQ(fs::path(rs.path), (fs::path(builtin_rules_dir()) / (name + ".toml")).lexically_normal());
        for (const auto& t : rs.thresholds) {
            SCOPED_TRACE(t.id);
            EXPECT_FALSE(t.source.empty());
            EXPECT_NE(find_indicator(t.indicator), nullptr);
            EXPECT_TRUE(t.min || t.max);
            EXPECT_TRUE(t.parcels || t.parks);
        }
        for (const auto& p : rs.score_parts) {
            EXPECT_FALSE(p.source.empty());
            EXPECT_GT(p.weight, 0);
            EXPECT_GT(p.benchmark, 0);
        }
    }
}

TEST_F(RuleSetLoaderTest, KunmingReadsLevelsSubjectsAndBands) {
    const RuleSet rs = load_rule_set("kunming-2021", {});
    EXPECT_EQ(rs.method, RuleSet::Method::Thresholds);
    EXPECT_EQ(rs.levels, (std::vector<std::string>{"national", "provincial"}));
    EXPECT_EQ(rs.land_uses, (std::vector<std::string>{"0601", "1001"}));
    ASSERT_EQ(rs.thresholds.size(), 7u);
    const Threshold& inv = rs.thresholds[0];
    EXPECT_EQ(inv.id, "km21-inv-national");
    EXPECT_EQ(inv.indicator, "inv_mu");
    EXPECT_EQ(inv.min, 350.0);
    EXPECT_FALSE(inv.max);
    EXPECT_FALSE(inv.exclusive);
    EXPECT_EQ(inv.levels, (std::vector<std::string>{"national"}));
    EXPECT_TRUE(inv.parcels && inv.parks);
    EXPECT_TRUE(inv.verified);
    const Threshold& lead = rs.thresholds[6];
    EXPECT_EQ(lead.id, "km21-lead");
    EXPECT_FALSE(lead.parcels);
    EXPECT_TRUE(lead.parks);
    ASSERT_EQ(rs.grades.size(), 4u);
    EXPECT_EQ(rs.grades[0].grade, "A");
    EXPECT_EQ(rs.grades[0].max_failed, 0);
    EXPECT_EQ(rs.grades[2].max_failed, 2);
    EXPECT_FALSE(rs.grades[3].max_failed);
    EXPECT_FALSE(rs.exit_rule);
}

TEST_F(RuleSetLoaderTest, ZhejiangIsAScoreSetWithPlaceholderBenchmarks) {
    const RuleSet rs = load_rule_set("zhejiang-score", {});
    EXPECT_EQ(rs.method, RuleSet::Method::Score);
    EXPECT_TRUE(rs.thresholds.empty());
    ASSERT_EQ(rs.score_parts.size(), 6u);
    double total = 0;
    for (const auto& p : rs.score_parts) {
        total += p.weight;
        EXPECT_EQ(p.cap, 3.0);
        EXPECT_FALSE(p.verified) << p.indicator << ": benchmarks are placeholders";
    }
    EXPECT_EQ(total, 100.0);
    ASSERT_EQ(rs.grades.size(), 4u);
    EXPECT_EQ(rs.grades[0].min_score, 100.0);
    EXPECT_FALSE(rs.grades[3].min_score);
}

TEST_F(RuleSetLoaderTest, YaanHasStrictThresholdsAndTheExitRule) {
    const RuleSet rs = load_rule_set("yaan-2021", {});
    ASSERT_TRUE(rs.exit_rule);
    EXPECT_EQ(rs.exit_rule->years_below, 2);
    EXPECT_EQ(rs.exit_rule->grace_years, 1);
    EXPECT_TRUE(rs.exit_rule->verified);
    int exclusive = 0;
    for (const auto& t : rs.thresholds) exclusive += t.exclusive ? 1 : 0;
    EXPECT_EQ(exclusive, 2);  // 超过70%, 超过25%
}

TEST_F(RuleSetLoaderTest, UserFileByRelativePathAgainstBaseDir) {
    fs::create_directories(m_dir / "sets");
    write("sets/mine.toml", kHeader + kThreshold + kGrades);
    const RuleSet rs = load_rule_set("sets/mine.toml", m_dir.string());
    EXPECT_EQ(rs.name, "mine");
    EXPECT_EQ(rs.path, (m_dir / "sets/mine.toml").lexically_normal().string());
    ASSERT_EQ(rs.thresholds.size(), 1u);
    EXPECT_EQ(rs.thresholds[0].min, 10.0);
    EXPECT_TRUE(rs.thresholds[0].parcels && rs.thresholds[0].parks);  // tax_mu: both by default
    ASSERT_EQ(rs.grades.size(), 2u);
    // Absolute path, base dir ignored.
    EXPECT_EQ(load_rule_set((m_dir / "sets/mine.toml").string(), "/nowhere").name, "mine");
}

TEST_F(RuleSetLoaderTest, AppliesToDefaultsToTheIndicatorsScope) {
    const RuleSet rs = load_rule_set(write("mine.toml", kHeader + R"(
[[threshold]]
id = "lead"
indicator = "lead_pct"
min = 60
source = "s"
verified = true
[[threshold]]
id = "cov"
indicator = "coverage"
min = 30
exclusive = true
source = "s"
verified = true
)" + kGrades),
                                     {});
    EXPECT_FALSE(rs.thresholds[0].parcels);
    EXPECT_TRUE(rs.thresholds[0].parks);
    EXPECT_TRUE(rs.thresholds[1].parcels);
    EXPECT_FALSE(rs.thresholds[1].parks);
    EXPECT_TRUE(rs.thresholds[1].exclusive);
}

TEST_F(RuleSetLoaderTest, EnvironmentVariableMovesTheBuiltinDirectory) {
    write("only-one.toml", "");
    write("notes.txt", "");
    const char* env = std::getenv("LANDAUDIT_RULES_DIR");
    const std::string saved = env ? env : "";
    ::setenv("LANDAUDIT_RULES_DIR", m_dir.c_str(), 1);
    const auto names = builtin_rule_set_names();
    const auto dir = builtin_rules_dir();
    if (env) ::setenv("LANDAUDIT_RULES_DIR", saved.c_str(), 1);
    else ::unsetenv("LANDAUDIT_RULES_DIR");
    EXPECT_EQ(dir, m_dir.string());
    EXPECT_EQ(names, (std::vector<std::string>{"only-one"}));
}

TEST_F(RuleSetLoaderTest, UnknownNameListsTheBuiltins) {
    try {
        load_rule_set("kunming-2012", {});
        FAIL() << "no error";
    } catch (const ValidationError&) {
        FAIL() << "expected a plain AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_NE(std::string(e.what()).find("unknown rule set \"kunming-2012\""), std::string::npos) << e.what();
        for (const auto& name : kBuiltins) EXPECT_NE(e.hint().find(name), std::string::npos) << e.hint();
    }
}

TEST_F(RuleSetLoaderTest, MissingFileAndBadSyntax) {
    try {
        load_rule_set("absent.toml", m_dir.string());
        FAIL() << "no error";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_NE(std::string(e.what()).find((m_dir / "absent.toml").string() + " does not exist"), std::string::npos)
            << e.what();
    }
    const std::string path = write("mine.toml", kHeader + "\n[[threshold]\n");
    try {
        load_rule_set(path, {});
        FAIL() << "no error";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find(path + ":8:"), std::string::npos) << e.what();
    }
}

TEST_F(RuleSetLoaderTest, UnknownKeyNamesItsLine) {
    auto p = problems(kHeader + R"(
[[threshold]]
id = "t1"
indicator = "tax_mu"
minimum = 10
min = 10
source = "s"
verified = true
)" + kGrades);
    ASSERT_EQ(p.size(), 1u) << p[0];
    EXPECT_NE(p[0].find("mine.toml:11: threshold[1].minimum: unknown key; expected one of:"), std::string::npos)
        << p[0];
}

TEST_F(RuleSetLoaderTest, UnknownIndicatorListsTheCodes) {
    auto p = problems(kHeader + R"(
[[threshold]]
id = "t1"
indicator = "tax_per_mu"
min = 10
source = "s"
verified = true
)" + kGrades);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("mine.toml:10: threshold[1].indicator: unknown indicator code \"tax_per_mu\"; expected one of: "
                        "far, coverage"),
              std::string::npos)
        << p[0];
}

TEST_F(RuleSetLoaderTest, ThresholdWithoutMinOrMax) {
    auto p = problems(kHeader + R"(
[[threshold]]
id = "t1"
indicator = "tax_mu"
exclusive = true
source = "s"
verified = true
)" + kGrades);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("mine.toml:8: threshold[1]: needs min"), std::string::npos) << p[0];
}

TEST_F(RuleSetLoaderTest, DuplicateThresholdId) {
    auto p = problems(kHeader + kThreshold + kThreshold + kGrades);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("mine.toml:16: threshold[2].id: duplicate id \"t1\" (first used at line 9)"),
              std::string::npos)
        << p[0];
}

TEST_F(RuleSetLoaderTest, NameMustEqualTheFileStem) {
    auto p = problems(kHeader + kThreshold + kGrades, "other.toml");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("other.toml:2: ruleset.name: is \"mine\" but the file is other.toml"), std::string::npos)
        << p[0];
}

TEST_F(RuleSetLoaderTest, BadMethod) {
    std::string text = kHeader + kThreshold + kGrades;
    text.replace(text.find("\"thresholds\""), 12, "\"points\"");
    auto p = problems(text);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("mine.toml:5: ruleset.method: unknown method \"points\"; expected \"thresholds\" or \"score\""),
              std::string::npos)
        << p[0];
}

// --- method = "stars": star-rated parks -----------------------------------------------------
const std::string kStarsSet = R"([ruleset]
name = "mine"
title = "星级"
source = "test"
method = "stars"

[[threshold]]
id = "s3"
indicator = "lead_pct"
min = 60
stars = 3
source = "test clause"
verified = true

[[threshold]]
id = "s4"
indicator = "unsup_pct"
max = 20
stars = 4
source = "test clause"
verified = false

[[grade]]
grade = "四星"
stars = 4
target = 5
target_year = 2026
source = "test target"
verified = true

[[grade]]
grade = "三星"
stars = 3
)";

TEST_F(RuleSetLoaderTest, StarsSetReadsBandsTargetsAndParkOnlyChecks) {
    const RuleSet rs = load_rule_set(write("mine.toml", kStarsSet), {});
    EXPECT_EQ(rs.method, RuleSet::Method::Stars);
    ASSERT_EQ(rs.thresholds.size(), 2u);
    EXPECT_EQ(rs.thresholds[0].stars, 3);
    EXPECT_TRUE(rs.thresholds[0].parks);
    EXPECT_FALSE(rs.thresholds[0].parcels);
    EXPECT_EQ(rs.thresholds[1].indicator, "unsup_pct");
    EXPECT_EQ(rs.thresholds[1].max, 20.0);
    ASSERT_EQ(rs.grades.size(), 2u);
    EXPECT_EQ(rs.grades[0].stars, 4);
    EXPECT_EQ(rs.grades[0].target, 5);
    EXPECT_EQ(rs.grades[0].target_year, 2026);
    EXPECT_EQ(rs.grades[0].target_source, "test target");
    EXPECT_TRUE(rs.grades[0].target_verified);
    EXPECT_FALSE(rs.grades[1].target);
}

TEST_F(RuleSetLoaderTest, StarsChecksNeedABandAndRateParksOnly) {
    std::string text = kStarsSet;
    text.replace(text.find("stars = 3\nsource"), 9, "stars = 9");  // the first check's band
    text.replace(text.find("indicator = \"unsup_pct\""), 23, "indicator = \"coverage\"\napplies_to = [\"parcel\"]");
    auto p = problems(text);
    EXPECT_TRUE(any_contains(p, "threshold s3.stars: 9 is not the stars of any [[grade]] band")) << p.front();
    EXPECT_TRUE(any_contains(p, "threshold[2].indicator: coverage (建筑系数) is measured for parcels only; a stars rule set rates parks"));
    EXPECT_TRUE(any_contains(p, "threshold[2].applies_to: a stars rule set rates parks only; use [\"park\"]"));

    text = kStarsSet;
    text.replace(text.find("stars = 3\nsource"), 10, "");
    p = problems(text);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("threshold[1].stars: missing: the lowest star band that requires this check"), std::string::npos)
        << p[0];
}

TEST_F(RuleSetLoaderTest, StarsBandsGoBestFirstAndTargetsHaveASource) {
    std::string text = kStarsSet;
    text.replace(text.rfind("stars = 3"), 9, "stars = 4");
    text.replace(text.find("source = \"test target\"\n"), 23, "");
    auto p = problems(text);
    EXPECT_TRUE(any_contains(p, "grade[2].stars: must be smaller than the band before (4): bands go best first"));
    EXPECT_TRUE(any_contains(p, "grade[1].source: missing: quote the clause"));
    text = kStarsSet + "max_failed = 0\n";
    p = problems(text);
    EXPECT_TRUE(any_contains(p, "max_failed and min_score are for other methods"));
}

TEST_F(RuleSetLoaderTest, RedevelopmentIndicatorsAndStarBandsBelongToStarsSets) {
    std::string text = kHeader + kThreshold + kGrades;
    text.replace(text.find("indicator = \"tax_mu\""), 20, "indicator = \"idle_pct\"\nstars = 3");
    auto p = problems(text);
    EXPECT_TRUE(any_contains(p, "threshold[1].indicator: idle_pct (闲置土地率) is measured after the intensity checks; "
                                "only a method = \"stars\" rule set may use it"));
    EXPECT_TRUE(any_contains(p, "threshold[1].stars: is for method = \"stars\""));
}

TEST_F(RuleSetLoaderTest, ThresholdsMethodNeedsMaxFailedOnAllButTheLastBand) {
    auto p = problems(kHeader + kThreshold + R"(
[[grade]]
grade = "A"
[[grade]]
grade = "B"
max_failed = 0
[[grade]]
grade = "C"
max_failed = 0
min_score = 5
)");
    EXPECT_EQ(p.size(), 3u);
    EXPECT_TRUE(any_contains(p, "mine.toml:15: grade[1].max_failed: missing"));
    EXPECT_TRUE(any_contains(p, "mine.toml:22: grade[3].max_failed: must be larger than the band before (0)"));
    EXPECT_TRUE(any_contains(p, "mine.toml:23: grade[3].min_score: is for method = \"score\""));
}

TEST_F(RuleSetLoaderTest, ScoreMethodNeedsMinScorePartsAndPositiveNumbers) {
    const std::string header = R"([ruleset]
name = "mine"
title = "t"
source = "s"
method = "score"
)";
    auto none = problems(header + R"(
[[grade]]
grade = "A"
min_score = 90
[[grade]]
grade = "B"
)");
    ASSERT_EQ(none.size(), 1u);
    EXPECT_NE(none[0].find("mine.toml: [[score]]: missing: method = \"score\" needs at least one score part"),
              std::string::npos)
        << none[0];

    auto p = problems(header + R"(
[[score]]
indicator = "tax_mu"
weight = 0
benchmark = -1
source = "s"
verified = false
[[threshold]]
id = "t"
indicator = "tax_mu"
min = 1
source = "s"
verified = false
[[grade]]
grade = "A"
max_failed = 0
[[grade]]
grade = "B"
)");
    EXPECT_TRUE(any_contains(p, "mine.toml:9: score[1].weight: must be larger than 0")) << p[0];
    EXPECT_TRUE(any_contains(p, "mine.toml:10: score[1].benchmark: must be larger than 0"));
    EXPECT_TRUE(any_contains(p, "mine.toml:21: grade[1].max_failed: is for method = \"thresholds\""));
    EXPECT_TRUE(any_contains(p, "grade[1].min_score: missing"));
    EXPECT_TRUE(any_contains(p, "threshold: [[threshold]] checks are for method = \"thresholds\""));
}

TEST_F(RuleSetLoaderTest, EveryProblemIsReportedAtOnce) {
    auto p = problems(R"([ruleset]
name = "mine"
method = "thresholds"
levels = ["national"]
colour = "red"

[[threshold]]
id = "a"
indicator = "lead_pct"
min = 80
max = 70
levels = ["county"]
applies_to = ["parcel"]
verified = "yes"

[exit_rule]
years_below = 0
source = "s"
verified = true
)");
    for (const char* expected : {"mine.toml:5: ruleset.colour: unknown key", "mine.toml:1: ruleset.title: missing",
                                 "mine.toml:1: ruleset.source: missing", "threshold[1].min: is larger than max",
                                 "threshold[1].levels: unknown level \"county\"; [ruleset] levels are: national",
                                 "threshold[1].applies_to: lead_pct (主导产业占比) is measured for parks only",
                                 "mine.toml:7: threshold[1].source: missing",
                                 "mine.toml:14: threshold[1].verified: must be true or false",
                                 "exit_rule.years_below: must be a whole number from 1",
                                 "exit_rule.grace_years: missing", "[[grade]]: missing"})
        EXPECT_TRUE(any_contains(p, expected)) << expected;
}

}  // namespace
}  // namespace landaudit
