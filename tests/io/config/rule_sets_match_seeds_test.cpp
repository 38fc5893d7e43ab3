// The shipped rule sets say what their sources say: every verified threshold that cites a seed is
// checked here against the seed text (the quoted clause occurs in the seed and in the threshold's
// source, and the threshold's value is the number in the clause); the 2008 national table and
// the Zhejiang weights are checked against land-rules.md §6.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "io/config/rule_set_loader.h"
#include "test_config.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs of white space become one space (land-rules.md wraps its lines).
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

std::string number_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// One threshold and the seed clause it comes from. `fragment` is the part of the clause that
// holds this threshold's number (a clause may hold several).
struct Clause {
    std::string threshold_id;
    double value;          // min, or max when `is_max`
    bool exclusive;        // 超过/低于
    std::string clause;    // exact text of the seed
    std::string fragment;  // part of `clause` containing the number
    bool is_max = false;
};

struct SeedCheck {
    std::string rule_set;
    std::string seed_file;   // in shared/seeds/
    std::string seed_label;  // how sources cite it, e.g. "seed 000"
    std::vector<Clause> clauses;
};

// --- The clauses, one table per clause of a seed ---------------------------------------------

const std::string kKm21National = "国家级开发区地均投资350万元/亩以上,地均产出500万元/亩以上,地均税收30万元/亩以上";
const std::string kKm21Provincial = "省级产业园区地均投资250万元/亩以上,地均产出350万元/亩以上,地均税收20万元/亩以上";
const std::string kKm21Lead =
    "国家级开发区“2+2”(2个主导产业+2个辅助产业)、省级产业园区“1+2”(1个主导产业+2个辅助产业)"
    "产业工业产值占本园区工业产值比重不低于70%";

const SeedCheck kKunmingProductiveEfficiency = {
    "kunming-2021", "000_06345e5d4fc3fac7.txt", "seed 000",
    {{"km21-inv-national", 350, false, kKm21National, "地均投资350万元/亩以上"},
     {"km21-out-national", 500, false, kKm21National, "地均产出500万元/亩以上"},
     {"km21-tax-national", 30, false, kKm21National, "地均税收30万元/亩以上"},
     {"km21-inv-provincial", 250, false, kKm21Provincial, "地均投资250万元/亩以上"},
     {"km21-out-provincial", 350, false, kKm21Provincial, "地均产出350万元/亩以上"},
     {"km21-tax-provincial", 20, false, kKm21Provincial, "地均税收20万元/亩以上"}}};

const SeedCheck kKunmingIndustrialAgglomeration = {
    "kunming-2021", "000_06345e5d4fc3fac7.txt", "seed 000",
    {{"km21-lead", 70, false, kKm21Lead, "不低于70%"}}};

// The clause names the levels in the order national, provincial, prefecture (国家级、省级、州级).
const std::string kXsbnRev = "国家级、省级、州级园区亩均营业收入分别不低于 600 万元、400 万元、300 万元";
const SeedCheck kXishuangbannaQualityAndInnovation = {
    "xishuangbanna-2023", "002_13b5f424fcf5af9d.txt", "seed 002",
    {{"xsbn23-rev-national", 600, false, kXsbnRev, "不低于 600 万元"},
     {"xsbn23-rev-provincial", 400, false, kXsbnRev, "、400 万元"},
     {"xsbn23-rev-prefecture", 300, false, kXsbnRev, "、300 万元"},
     {"xsbn23-lead", 60, false, "各园区主导产业营业收入占全部营业收入的 60%以上", "60%以上"},
     {"xsbn23-rd", 2, false, "规模以上工业企业研发经费支出占营业收入比重达到2%以上", "达到2%以上"}}};

const SeedCheck kYaanConstructionTargets = {
    "yaan-2021", "003_720c338b992fdf4c.txt", "seed 003",
    {{"ya21-lead", 70, true, "省级重点特色园区的主导产业营业收入占比超过70%", "超过70%"},
     {"ya21-hitech", 25, true, "高新技术产业营业收入占比超过25%", "超过25%"},
     {"ya21-rev-growth", 7, false, "亩均营业收入年均增长7%左右", "增长7%左右"},
     {"ya21-multi", 30, false, "新建标准化厂房中多层标准化厂房比例不低于30%", "不低于30%"}}};

const SeedCheck kXuchangMainTargets = {
    "xuchang-2019", "004_8d3e6d9fcbe00529.txt", "seed 004",
    {{"xc19-tax", 15, false, "工业用地亩均税收达到15万元", "达到15万元"},
     {"xc19-energy", 4, false, "单位工业增加值能耗年均下降4%以上", "下降4%以上"}}};

// guandu-2024-stars takes its values from four seeds; which band each criterion belongs to is the
// project's convention (seed 001 sets no criteria per star), the values are the seeds'.
const SeedCheck kGuanduStarsSeed001 = {
    "guandu-2024-stars", "001_c26b6f511b9c6177.txt", "seed 001",
    {{"gd24-s3-lead", 60, false, "各园区主导产业营业收入占全部营业收入的60%以上", "60%以上"}}};
const SeedCheck kGuanduStarsSeed002 = {
    "guandu-2024-stars", "002_13b5f424fcf5af9d.txt", "seed 002",
    {{"gd24-s3-rev", 300, false, kXsbnRev, "、300 万元"},
     {"gd24-s4-rev", 400, false, kXsbnRev, "、400 万元"},
     {"gd24-s5-rev", 600, false, kXsbnRev, "不低于 600 万元"},
     {"gd24-s4-rd", 2, false, "规模以上工业企业研发经费支出占营业收入比重达到2%以上", "达到2%以上"}}};
const SeedCheck kGuanduStarsSeed003 = {
    "guandu-2024-stars", "003_720c338b992fdf4c.txt", "seed 003",
    {{"gd24-s3-multi", 30, false, "新建标准化厂房中多层标准化厂房比例不低于30%", "不低于30%"},
     {"gd24-s4-lead", 70, true, "省级重点特色园区的主导产业营业收入占比超过70%", "超过70%"},
     {"gd24-s4-hitech", 25, true, "高新技术产业营业收入占比超过25%", "超过25%"},
     {"gd24-s4-growth", 7, false, "亩均营业收入年均增长7%左右", "增长7%左右"}}};
const SeedCheck kGuanduStarsSeed004 = {
    "guandu-2024-stars", "004_8d3e6d9fcbe00529.txt", "seed 004",
    {{"gd24-s5-energy", 4, false, "单位工业增加值能耗年均下降4%以上", "下降4%以上"}}};

const std::vector<const SeedCheck*> kAllSeedChecks = {&kKunmingProductiveEfficiency, &kKunmingIndustrialAgglomeration,
                                                      &kXishuangbannaQualityAndInnovation, &kYaanConstructionTargets,
                                                      &kXuchangMainTargets, &kGuanduStarsSeed001, &kGuanduStarsSeed002,
                                                      &kGuanduStarsSeed003, &kGuanduStarsSeed004};

const Threshold* find_threshold(const RuleSet& rs, const std::string& id) {
    for (const auto& t : rs.thresholds)
        if (t.id == id) return &t;
    return nullptr;
}

class RuleSetSeeds : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::is_directory(LANDAUDIT_SHARED_DIR "/seeds"))
            GTEST_SKIP() << LANDAUDIT_SHARED_DIR " is absent: the seed texts cannot be checked";
    }

    static void expect_matches_seed(const SeedCheck& check) {
        const std::string seed = read_text(LANDAUDIT_SHARED_DIR "/seeds/" + check.seed_file);
        ASSERT_FALSE(seed.empty()) << check.seed_file;
        const RuleSet rs = load_rule_set(check.rule_set, {});
        for (const Clause& c : check.clauses) {
            SCOPED_TRACE(c.threshold_id);
            EXPECT_NE(seed.find(c.clause), std::string::npos) << "not in " << check.seed_file << ": " << c.clause;
            ASSERT_NE(c.clause.find(c.fragment), std::string::npos) << c.fragment;
            EXPECT_NE(c.fragment.find(number_text(c.value)), std::string::npos) << c.fragment;
            const Threshold* t = find_threshold(rs, c.threshold_id);
            ASSERT_NE(t, nullptr) << check.rule_set << " has no threshold " << c.threshold_id;
            EXPECT_TRUE(t->verified);
            EXPECT_EQ(t->source.rfind(check.seed_label, 0), 0u) << t->source;
            EXPECT_NE(t->source.find(c.clause), std::string::npos) << "source does not quote the clause: " << t->source;
            EXPECT_EQ(c.is_max ? t->max : t->min, c.value);
            EXPECT_EQ(t->exclusive, c.exclusive);
        }
    }
};

TEST_F(RuleSetSeeds, Kunming2021_Seed000_ProductiveEfficiency) { expect_matches_seed(kKunmingProductiveEfficiency); }

TEST_F(RuleSetSeeds, Kunming2021_Seed000_IndustrialAgglomeration) {
    expect_matches_seed(kKunmingIndustrialAgglomeration);
}

TEST_F(RuleSetSeeds, Xishuangbanna2023_Seed002_QualityAndInnovationTargets) {
    expect_matches_seed(kXishuangbannaQualityAndInnovation);
}

TEST_F(RuleSetSeeds, Yaan2021_Seed003_ConstructionTargets) { expect_matches_seed(kYaanConstructionTargets); }

TEST_F(RuleSetSeeds, Yaan2021_Seed003_ExitRule) {
    const std::string seed = read_text(LANDAUDIT_SHARED_DIR "/seeds/003_720c338b992fdf4c.txt");
    const std::string clause =
        "对连续2年评价无法达到准入门槛的企业(项目),重点管控并给予1年的宽限期,宽限期后仍无法达到准入门槛的,依法依规予以清退";
    EXPECT_NE(seed.find(clause), std::string::npos);
    EXPECT_NE(clause.find("连续2年"), std::string::npos);
    EXPECT_NE(clause.find("给予1年的宽限期"), std::string::npos);
    const RuleSet rs = load_rule_set("yaan-2021", {});
    ASSERT_TRUE(rs.exit_rule);
    EXPECT_EQ(rs.exit_rule->years_below, 2);
    EXPECT_EQ(rs.exit_rule->grace_years, 1);
    EXPECT_TRUE(rs.exit_rule->verified);
    EXPECT_NE(rs.exit_rule->source.find(clause), std::string::npos);
}

TEST_F(RuleSetSeeds, Xuchang2019_Seed004_MainTargets) { expect_matches_seed(kXuchangMainTargets); }

TEST_F(RuleSetSeeds, GuanduStars2024_Seed001_Criteria) { expect_matches_seed(kGuanduStarsSeed001); }
TEST_F(RuleSetSeeds, GuanduStars2024_Seed002_Criteria) { expect_matches_seed(kGuanduStarsSeed002); }
TEST_F(RuleSetSeeds, GuanduStars2024_Seed003_Criteria) { expect_matches_seed(kGuanduStarsSeed003); }
TEST_F(RuleSetSeeds, GuanduStars2024_Seed004_Criteria) { expect_matches_seed(kGuanduStarsSeed004); }

// The 2026 targets: 8 三星, 5 四星 and 3 五星 parks (seed 001 一、(二)).
TEST_F(RuleSetSeeds, GuanduStars2024_Seed001_TargetsPerBand) {
    const std::string seed = read_text(LANDAUDIT_SHARED_DIR "/seeds/001_c26b6f511b9c6177.txt");
    const std::string clause = "到2026年,认定三星级产业园区8个,四星级产业园区5个,五星级产业园区3个";
    EXPECT_NE(seed.find(clause), std::string::npos);
    const RuleSet rs = load_rule_set("guandu-2024-stars", {});
    EXPECT_EQ(rs.method, RuleSet::Method::Stars);
    const std::vector<std::tuple<std::string, int, int, std::string>> bands = {
        {"五星", 5, 3, "五星级产业园区3个"}, {"四星", 4, 5, "四星级产业园区5个"}, {"三星", 3, 8, "三星级产业园区8个"}};
    ASSERT_EQ(rs.grades.size(), bands.size());
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const auto& [name, stars, target, fragment] = bands[i];
        SCOPED_TRACE(name);
        const GradeBand& g = rs.grades[i];
        EXPECT_EQ(g.grade, name);
        EXPECT_EQ(g.stars, stars);
        EXPECT_NE(clause.find(fragment), std::string::npos);
        EXPECT_NE(fragment.find(std::to_string(target)), std::string::npos);
        EXPECT_EQ(g.target, target);
        EXPECT_EQ(g.target_year, 2026);
        EXPECT_TRUE(g.target_verified);
        EXPECT_EQ(g.target_source.rfind("seed 001", 0), 0u) << g.target_source;
        EXPECT_NE(g.target_source.find(clause), std::string::npos) << g.target_source;
    }
    // Values no seed sets are placeholders, so a reader sees [U].
    for (const auto& t : rs.thresholds)
        if (t.indicator == "unsup_pct" || t.indicator == "idle_pct") EXPECT_FALSE(t.verified) << t.id;
}

TEST_F(RuleSetSeeds, NationalControl2008_LandRules6_FarTable) {
    const std::string rules = squeeze(read_text(LANDAUDIT_SHARED_DIR "/reference/land-rules.md"));
    const std::string start = "FAR minimums by industry (2008 national table, GB/T 4754-2002 2-digit codes) [V for 13–33]:";
    const size_t from = rules.find(start);
    ASSERT_NE(from, std::string::npos) << "land-rules.md §6 no longer holds the FAR table";
    const size_t to = rules.find("Thresholds in the seeds", from);
    ASSERT_NE(to, std::string::npos);
    std::string table = rules.substr(from + start.size(), to - from - start.size());

    const RuleSet rs = load_rule_set("national-control-2008", {});
    std::set<std::string> codes_in_table;
    std::stringstream rows(table);
    std::string row;
    const std::string dash = "–";
    int parsed = 0;
    while (std::getline(rows, row, ';')) {
        const size_t colon = row.find(':');
        ASSERT_NE(colon, std::string::npos) << row;
        const std::string range = squeeze(row.substr(0, colon));
        const std::string range_trimmed = range.substr(range.find_first_not_of(' '));
        const size_t d = range_trimmed.find(dash);
        const int first = std::stoi(range_trimmed.substr(0, d));
        const int last = d == std::string::npos ? first : std::stoi(range_trimmed.substr(d + dash.size()));
        const double far = std::stod(row.substr(colon + 1));
        const bool verified = row.find("[U]") == std::string::npos;
        ++parsed;
        for (int code = first; code <= last; ++code) {
            const std::string bare = std::to_string(code);
            SCOPED_TRACE("industry " + bare);
            codes_in_table.insert(bare);
            std::vector<const Threshold*> matches;
            for (const auto& t : rs.thresholds)
                if (t.indicator == "far" &&
                    std::find(t.industries.begin(), t.industries.end(), bare) != t.industries.end())
                    matches.push_back(&t);
            ASSERT_EQ(matches.size(), 1u);
            const Threshold& t = *matches[0];
            EXPECT_NE(std::find(t.industries.begin(), t.industries.end(), "C" + bare), t.industries.end());
            EXPECT_EQ(t.min, far);
            EXPECT_FALSE(t.max);
            EXPECT_FALSE(t.exclusive);
            EXPECT_EQ(t.verified, verified);
            EXPECT_TRUE(t.parcels);
            EXPECT_FALSE(t.parks);
        }
    }
    EXPECT_EQ(parsed, 14);
    EXPECT_EQ(codes_in_table.size(), 30u);  // 13–42
    // No FAR row beyond the table: every listed industry is a table code or its "C" form.
    for (const auto& t : rs.thresholds) {
        if (t.indicator != "far") continue;
        for (const auto& code : t.industries) {
            const std::string bare = code[0] == 'C' ? code.substr(1) : code;
            EXPECT_TRUE(codes_in_table.count(bare)) << t.id << " lists " << code;
        }
    }
}

TEST_F(RuleSetSeeds, NationalControl2008_LandRules6_CoverageAndAdminShare) {
    const std::string rules = squeeze(read_text(LANDAUDIT_SHARED_DIR "/reference/land-rules.md"));
    EXPECT_NE(rules.find("minimum 30 % (2004/2008) [V]"), std::string::npos);
    EXPECT_NE(rules.find("Admin/living share ≤ 7 % [V]"), std::string::npos);
    const RuleSet rs = load_rule_set("national-control-2008", {});
    const Threshold* coverage = find_threshold(rs, "coverage");
    ASSERT_NE(coverage, nullptr);
    EXPECT_EQ(coverage->indicator, "coverage");
    EXPECT_EQ(coverage->min, 30.0);
    EXPECT_TRUE(coverage->verified);
    const Threshold* admin = find_threshold(rs, "admin");
    ASSERT_NE(admin, nullptr);
    EXPECT_EQ(admin->indicator, "admin_pct");
    EXPECT_EQ(admin->max, 7.0);
    EXPECT_FALSE(admin->min);
    EXPECT_TRUE(admin->verified);
}

TEST_F(RuleSetSeeds, ZhejiangScore_LandRules6_Weights) {
    const std::string rules = squeeze(read_text(LANDAUDIT_SHARED_DIR "/reference/land-rules.md"));
    EXPECT_NE(rules.find("亩均税收 30, 亩均增加值 20, 单位能耗增加值 20, 单位排放增加值 10, 全员劳动生产率 10, R&D share 10"),
              std::string::npos);
    const RuleSet rs = load_rule_set("zhejiang-score", {});
    const std::vector<std::pair<std::string, double>> weights = {{"tax_mu", 30},    {"va_mu", 20},
                                                                 {"va_energy", 20}, {"va_emission", 10},
                                                                 {"va_employee", 10}, {"rd_pct", 10}};
    ASSERT_EQ(rs.score_parts.size(), weights.size());
    for (size_t i = 0; i < weights.size(); ++i) {
        EXPECT_EQ(rs.score_parts[i].indicator, weights[i].first);
        EXPECT_EQ(rs.score_parts[i].weight, weights[i].second) << weights[i].first;
    }
}

// Every verified threshold citing a seed is in one of the tables above, so a new one cannot ship
// unchecked.
TEST_F(RuleSetSeeds, EveryVerifiedSeedThresholdIsChecked) {
    std::set<std::string> checked;
    for (const SeedCheck* check : kAllSeedChecks)
        for (const Clause& c : check->clauses) checked.insert(check->rule_set + "/" + c.threshold_id);
    for (const auto& name : builtin_rule_set_names()) {
        const RuleSet rs = load_rule_set(name, {});
        for (const auto& t : rs.thresholds) {
            if (t.verified && t.source.rfind("seed ", 0) == 0) {
                EXPECT_TRUE(checked.count(name + "/" + t.id)) << name << "/" << t.id << " is not checked";
            }
        }
    }
}

}  // namespace
}  // namespace landaudit
