// Hostile configs (issue 9): values of the wrong TOML type, unknown keys, dates and numbers that
// are TOML but not what a key takes. Each is an error on the first line naming the config file,
// the line and the key, with a hint; `check` refuses it the same way; nothing is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hostile_fixture.h"

namespace {

using namespace cli_test;

class HostileConfig : public HostileFixture {
protected:
    // The 1-based line of the config holding `text` (after the edit).
    int line_of(const std::string& text) const {
        const std::string c = config();
        const auto at = c.find(text);
        if (at == std::string::npos) throw std::logic_error("audit.toml has no '" + text + "'");
        return 1 + static_cast<int>(std::count(c.begin(), c.begin() + static_cast<long>(at), '\n'));
    }
    // run and check both refuse it; the first line names the file, line and key; `parts` appear.
    void expect_config_error(const std::string& edited_line, const std::string& key,
                             const std::vector<std::string>& parts = {}) {
        const std::string where = "audit.toml:" + std::to_string(line_of(edited_line)) + ": " + key + ":";
        expect_error(run(), where, parts);
        RunResult c = check();
        EXPECT_EQ(c.exit_code, 1) << c;
        EXPECT_TRUE(contains(c.err, where)) << c;
        EXPECT_TRUE(is_valid_utf8(c.err)) << c;
    }
};

// One edit of the sample config that must be refused: the line it leaves, the key named, and what
// the message must say.
struct ConfigCase {
    const char* name;
    std::string from, to;       // the edit
    std::string line;           // text of the line the error must point at
    std::string key;
    std::vector<std::string> parts;
};

const std::vector<ConfigCase>& config_cases() {
    static const std::vector<ConfigCase> cases = {
        // A number written in quotes.
        {"StringWhereANumberIsExpected", "min_overlap_m2 = 1.0", "min_overlap_m2 = \"1.0\"", "min_overlap_m2 = \"1.0\"",
         "audit.min_overlap_m2", {"must be a number"}},
        // A number where a text is expected (a field name unquoted).
        {"NumberWhereAFieldNameIsExpected", "id = \"YQDM\"", "id = 7", "id = 7", "parks.fields.id",
         {"must be a source field name in quotes"}},
        // A table where a list is expected.
        {"TableWhereAListIsExpected", "age_buckets = [2, 5]", "age_buckets = { short = 2 }", "age_buckets = {",
         "unsupplied.age_buckets", {"must be ascending positive years"}},
        // A typo of a key: named with the nearest valid key (and not also reported as a missing as_of).
        {"UnknownKeyNamesTheNearestValidKey", "as_of = 2025-12-31", "asof = 2025-12-31", "asof = 2025-12-31",
         "audit.asof", {"unknown key", "did you mean as_of?"}},
        // An unknown key with no near neighbour still lists every key the table takes.
        {"UnknownKeyWithoutANeighbourListsTheKeys", "[parcels.fields]", "projection = \"EPSG:4522\"\n[parcels.fields]",
         "projection = ", "parcels.projection", {"expected one of: crs, encoding, fields"}},
        // Before year 1000 a TOML date is no date a land record holds: idle land would be judged
        // against nothing. An error naming the key, not a run with idle land silently unevaluated.
        {"AsOfBeforeYear1000IsAnError", "as_of = 2025-12-31", "as_of = 0999-12-31", "as_of = 0999-12-31", "audit.as_of",
         {"from 1000-01-01 to 9999-12-31"}},
        // Month 13 as a quoted text: read by the date parser, which refuses it.
        {"AsOfMonth13AsTextIsAnError", "as_of = 2025-12-31", "as_of = \"2023-13-01\"", "as_of = \"2023-13-01\"",
         "audit.as_of", {"must be a date"}},
        // nan and inf are TOML floats but no weight.
        {"CandidateWeightNanIsAnError", "[idle]", "[candidates]\nper_year = nan\n[idle]", "per_year = nan",
         "candidates.per_year", {"must be a finite number, not nan"}},
        {"CandidateKindWeightInfIsAnError", "[idle]", "[candidates]\nkind_weight = { idle = inf }\n[idle]",
         "kind_weight = {", "candidates.kind_weight.idle", {"must be a finite number, not inf"}},
        // A year of 1e300 is a float, not a year (converting it to an integer would be undefined).
        {"IntensityYear1e300IsAnError", "year = 2024", "year = 1e300", "year = 1e300", "intensity.year",
         {"must be a year from 1900 to 2100"}},
    };
    return cases;
}

class HostileConfigCase : public HostileConfig, public ::testing::WithParamInterface<ConfigCase> {};

TEST_P(HostileConfigCase, IsRefusedAtItsLineAndKey) {
    const ConfigCase& c = GetParam();
    edit_config(c.from, c.to);
    expect_config_error(c.line, c.key, c.parts);
}

INSTANTIATE_TEST_SUITE_P(Edits, HostileConfigCase, ::testing::ValuesIn(config_cases()),
                         [](const ::testing::TestParamInfo<ConfigCase>& info) { return std::string(info.param.name); });

// A list where a table is expected ([idle] written as an inline array).
TEST_F(HostileConfig, ArrayWhereATableIsExpected) {
    edit_config("[output]\npath = \"../out/sample_audit.gpkg\"\n", "");
    set_config("output = [\"../out/sample_audit.gpkg\"]\n" + config());
    expect_config_error("output = [", "output", {"must be a table ([output])"});
}

// A typo of a table name.
TEST_F(HostileConfig, UnknownTableNamesTheNearestValidTable) {
    edit_config("[intensity]", "[intensty]");
    edit_config("[intensity.levels]", "[intensty.levels]");
    expect_config_error("[intensty]", "intensty", {"unknown key", "did you mean intensity?"});
}

// 30 February is refused by the TOML reader itself, at its line and column.
TEST_F(HostileConfig, AsOfFebruary30IsAnError) {
    edit_config("as_of = 2025-12-31", "as_of = 2025-02-30");
    const std::string where = "audit.toml:" + std::to_string(line_of("as_of = 2025-02-30")) + ":";
    expect_error(run(), where, {"fix the TOML syntax at that line"});
    EXPECT_EQ(check().exit_code, 1);
}

// 9999-12-31 is a valid date and is accepted as as_of.
TEST_F(HostileConfig, AsOf99991231IsAccepted) {
    edit_config("as_of = 2025-12-31", "as_of = 9999-12-31");
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 0) << c;
}

// Several problems are all reported at once, each with its line.
TEST_F(HostileConfig, EveryProblemIsReportedAtOnce) {
    edit_config("min_overlap_m2 = 1.0", "min_overlap_m2 = \"1.0\"");
    edit_config("year = 2024", "year = 1e300");
    edit_config("fee_rate = 0.2", "fee_rate = 1.5");
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "3 problems")) << r;
    for (const char* key : {"audit.min_overlap_m2", "intensity.year", "idle.fee_rate"})
        EXPECT_TRUE(contains(r.err, key)) << key << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// An empty config file lists the layers a config must name.
TEST_F(HostileConfig, EmptyConfigFileNamesTheRequiredLayers) {
    set_config("");
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    for (const char* table : {"[parks]", "[parcels]", "[redline]", "[farmland]"})
        EXPECT_TRUE(contains(r.err, table)) << table << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// Invalid UTF-8 in the config is a TOML error; the message that quotes the line stays valid UTF-8.
TEST_F(HostileConfig, InvalidUtf8InTheConfigIsAnErrorInValidUtf8) {
    edit_config("name = \"昆明", "name = \"\xFF\xFE昆明");
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "audit.toml:")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_TRUE(is_valid_utf8(r.err)) << r;
}

// --chunk 0 is a usage error (exit 2) naming the option, before anything is read.
TEST_F(HostileConfig, ChunkOfZeroParcelsIsAUsageError) {
    RunResult r = run({"--chunk", "0"});
    EXPECT_EQ(r.exit_code, 2) << r;
    EXPECT_TRUE(contains(r.err, "--chunk: must be a whole number of parcels")) << r;
    EXPECT_FALSE(fs::exists(output()));
}

}  // namespace
