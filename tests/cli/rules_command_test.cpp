// `landaudit rules list|show`: the built-in rule sets, each threshold with [V]/[U] and its source.
//
// The expected thresholds are read from the rule-set files themselves with a deliberately small
// line-based reader (no landaudit code): every `[[threshold]]` block's `id`, `verified` and `source`,
// and every `[[score]]` block's `indicator`, `verified` and `source`.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "cli_runner.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using cli_test::contains;
using cli_test::run_cli;
using cli_test::RunResult;

const std::vector<std::string> kBuiltins = {"kunming-2021",       "national-control-2008", "xishuangbanna-2023",
                                            "xuchang-2019",       "yaan-2021",             "zhejiang-score"};

fs::path rules_dir() { return fs::path(LANDAUDIT_SOURCE_DIR) / "rules"; }

using cli_test::TempDir;

// One [[threshold]] or [[score]] block of a rule-set file.
struct Entry {
    std::string kind;  // "threshold" or "score"
    std::string id;    // threshold id, or the score part's indicator
    bool verified = false;
    bool has_verified = false;
    std::string source;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// `key = "value"  # comment` → value (basic strings without escapes; the rule files have none).
bool string_value(const std::string& line, const std::string& key, std::string& out) {
    const std::string t = trim(line);
    if (t.rfind(key, 0) != 0) return false;
    std::string rest = trim(t.substr(key.size()));
    if (rest.empty() || rest[0] != '=') return false;
    rest = trim(rest.substr(1));
    if (rest.empty() || rest[0] != '"') return false;
    const auto end = rest.find('"', 1);
    if (end == std::string::npos) return false;
    out = rest.substr(1, end - 1);
    return true;
}

bool bool_value(const std::string& line, const std::string& key, bool& out) {
    const std::string t = trim(line);
    if (t.rfind(key, 0) != 0) return false;
    std::string rest = trim(t.substr(key.size()));
    if (rest.empty() || rest[0] != '=') return false;
    rest = trim(rest.substr(1));
    if (rest.rfind("true", 0) == 0) out = true;
    else if (rest.rfind("false", 0) == 0) out = false;
    else return false;
    return true;
}

std::vector<Entry> entries_of(const fs::path& file) {
    std::ifstream in(file);
    std::vector<Entry> out;
    Entry* cur = nullptr;
    std::string line;
    while (std::getline(in, line)) {
        const std::string t = trim(line);
        if (t.rfind("[", 0) == 0) {
            cur = nullptr;
            if (t.rfind("[[threshold]]", 0) == 0 || t.rfind("[[score]]", 0) == 0) {
                out.push_back({});
                cur = &out.back();
                cur->kind = t.rfind("[[threshold]]", 0) == 0 ? "threshold" : "score";
            }
            continue;
        }
        if (!cur) continue;
        std::string v;
        bool b = false;
        if (cur->kind == "threshold" && string_value(t, "id", v)) cur->id = v;
        else if (cur->kind == "score" && string_value(t, "indicator", v)) cur->id = v;
        else if (string_value(t, "source", v)) cur->source = v;
        else if (bool_value(t, "verified", b)) {
            cur->verified = b;
            cur->has_verified = true;
        }
    }
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

// Checks that `out` (stdout of `rules show`) lists every threshold / score part of `file`, each with its
// [V]/[U] mark and, on the following lines of its entry, its source clause.
void expect_shows_every_entry(const std::string& out, const fs::path& file) {
    const auto entries = entries_of(file);
    ASSERT_FALSE(entries.empty()) << "no [[threshold]] or [[score]] block read from " << file;
    const auto lines = lines_of(out);
    for (const Entry& e : entries) {
        SCOPED_TRACE(file.filename().string() + " " + e.kind + " " + e.id);
        ASSERT_FALSE(e.id.empty());
        const std::string mark = e.has_verified && e.verified ? "[V]" : "[U]";
        // "  [V] km21-inv-national: 地均投资 inv_mu ≥ 350 万元/亩" or "  [U] 亩均税收 tax_mu: weight 30, …"
        auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
            if (l.rfind("  " + mark + " ", 0) != 0) return false;
            if (e.kind == "threshold") return l.rfind("  " + mark + " " + e.id + ":", 0) == 0;
            return contains(l, " " + e.id + ": weight");
        });
        ASSERT_NE(it, lines.end()) << "no line '" << mark << " " << e.id << "' in:\n" << out;
        // The wrong mark must not appear for the same entry.
        const std::string other = mark == "[V]" ? "[U]" : "[V]";
        if (e.kind == "threshold") {
            EXPECT_FALSE(contains(out, "  " + other + " " + e.id + ":")) << e.id << " also shown as " << other;
        }
        // Its source follows within the entry (before the next entry's mark line).
        ASSERT_FALSE(e.source.empty()) << "entry without source in the file";
        bool found = false;
        for (auto jt = std::next(it); jt != lines.end(); ++jt) {
            if (jt->rfind("  [V] ", 0) == 0 || jt->rfind("  [U] ", 0) == 0) break;
            if (contains(*jt, "source: " + e.source)) {
                found = true;
                break;
            }
        }
        EXPECT_TRUE(found) << "source clause of " << e.id << " not shown after its line:\n  " << e.source;
    }
}

TEST(RulesCommand, ListShowsAllBuiltinNames) {
    const RunResult r = run_cli({"rules", "list"});
    ASSERT_EQ(r.exit_code, 0) << r;
    for (const auto& name : kBuiltins) EXPECT_TRUE(contains(r.out, name)) << name << " missing from" << r;
    // Every .toml of the built-in folder is listed, each at the start of its own line.
    const auto lines = lines_of(r.out);
    for (const auto& e : fs::directory_iterator(rules_dir())) {
        if (e.path().extension() != ".toml") continue;
        const std::string name = e.path().stem().string();
        EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(name + " ", 0) == 0; }))
            << name << " is not listed on a line of its own" << r;
    }
    EXPECT_TRUE(r.err.empty()) << r;
}

TEST(RulesCommand, ShowKunmingListsEveryThresholdWithMarkAndSource) {
    const RunResult r = run_cli({"rules", "show", "kunming-2021"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path file = rules_dir() / "kunming-2021.toml";
    const auto entries = entries_of(file);
    // The file's seven thresholds, all verified against seed 000.
    std::set<std::string> ids;
    for (const auto& e : entries) ids.insert(e.id);
    EXPECT_EQ(ids, (std::set<std::string>{"km21-inv-national", "km21-out-national", "km21-tax-national",
                                          "km21-inv-provincial", "km21-out-provincial", "km21-tax-provincial",
                                          "km21-lead"}));
    expect_shows_every_entry(r.out, file);
    EXPECT_TRUE(contains(r.out, "kunming-2021")) << r;
    EXPECT_TRUE(contains(r.out, "Thresholds (7)")) << r;
    // Threshold values as in the file (inclusive "以上" → ≥).
    EXPECT_TRUE(contains(r.out, "km21-tax-national: ")) << r;
    EXPECT_TRUE(contains(r.out, "tax_mu ≥ 30")) << r;
    EXPECT_TRUE(contains(r.out, "inv_mu ≥ 250")) << r;
}

// Every built-in rule set shows each of its thresholds / score parts with the right mark and source.
TEST(RulesCommand, ShowEveryBuiltinListsItsEntries) {
    for (const auto& name : kBuiltins) {
        SCOPED_TRACE(name);
        const RunResult r = run_cli({"rules", "show", name});
        ASSERT_EQ(r.exit_code, 0) << r;
        expect_shows_every_entry(r.out, rules_dir() / (name + ".toml"));
    }
    // yaan-2021's entry threshold is a placeholder ([U]); its targets are verified.
    const RunResult yaan = run_cli({"rules", "show", "yaan-2021"});
    EXPECT_TRUE(contains(yaan.out, "  [U] ya21-entry:")) << yaan;
    EXPECT_TRUE(contains(yaan.out, "  [V] ya21-hitech:")) << yaan;
}

TEST(RulesCommand, ShowUnknownNameExitsOneAndListsBuiltins) {
    const RunResult r = run_cli({"rules", "show", "nope"});
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_EQ(r.signal, 0) << r;
    EXPECT_TRUE(contains(r.err, "nope")) << r;
    for (const auto& name : kBuiltins) EXPECT_TRUE(contains(r.err, name)) << name << " not listed in the error" << r;
    EXPECT_TRUE(r.out.empty()) << r;
}

TEST(RulesCommand, ShowPathOfACopyReadsThatFile) {
    TempDir tmp;
    // A copy as rules/README.md describes it: renamed, `name` set to the new file name, a value changed
    // (so the output can only come from the copy).
    const fs::path copy = tmp.path() / "my-kunming.toml";
    std::string text = cli_test::read_bytes(rules_dir() / "kunming-2021.toml");
    const std::string from = "id = \"km21-tax-national\"\nindicator = \"tax_mu\"\nmin = 30\n";
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << "layout of kunming-2021.toml changed";
    text.replace(pos, from.size(), "id = \"km21-tax-national\"\nindicator = \"tax_mu\"\nmin = 33\n");
    const std::string name_line = "name = \"kunming-2021\"\n";
    const auto name_pos = text.find(name_line);
    ASSERT_NE(name_pos, std::string::npos) << "layout of kunming-2021.toml changed";
    const std::string unrenamed = text;  // still named kunming-2021
    text.replace(name_pos, name_line.size(), "name = \"my-kunming\"\n");
    cli_test::write_bytes(copy, text);

    const RunResult r = run_cli({"rules", "show", copy.string()});
    ASSERT_EQ(r.exit_code, 0) << r;
    expect_shows_every_entry(r.out, copy);
    EXPECT_TRUE(contains(r.out, copy.string())) << "the file shown is not named" << r;
    EXPECT_TRUE(contains(r.out, "my-kunming: ")) << r;
    EXPECT_TRUE(contains(r.out, "tax_mu ≥ 33")) << r;
    EXPECT_FALSE(contains(r.out, "tax_mu ≥ 30")) << r;

    // A relative path works from the current directory.
    const RunResult rel = run_cli({"rules", "show", "./my-kunming.toml"}, {tmp.path(), {}});
    ASSERT_EQ(rel.exit_code, 0) << rel;
    EXPECT_TRUE(contains(rel.out, "tax_mu ≥ 33")) << rel;

    // A copy whose `name` is not its file name is refused (rules/README.md), naming both.
    const fs::path mismatched = tmp.path() / "other-name.toml";
    cli_test::write_bytes(mismatched, unrenamed);
    const RunResult bad = run_cli({"rules", "show", mismatched.string()});
    EXPECT_EQ(bad.exit_code, 1) << bad;
    EXPECT_TRUE(contains(bad.err, "other-name")) << bad;
    EXPECT_TRUE(contains(bad.err, "kunming-2021")) << bad;

    // A path that does not exist is an input error (exit 1), naming the path.
    const RunResult missing = run_cli({"rules", "show", (tmp.path() / "missing.toml").string()});
    EXPECT_EQ(missing.exit_code, 1) << missing;
    EXPECT_TRUE(contains(missing.err, "missing.toml")) << missing;
}

TEST(RulesCommand, RulesWithoutSubcommandIsUsageError) {
    const RunResult r = run_cli({"rules"});
    EXPECT_EQ(r.exit_code, 2) << r;
    EXPECT_EQ(r.signal, 0) << r;
    EXPECT_FALSE(r.err.empty()) << r;
}

}  // namespace
