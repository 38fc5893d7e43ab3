// The report's 星级园区 and 标准地达产复核 tables as headless Chromium shows them (the DOM it builds
// from report.html, no console message), against sample_gis/expected_standard_land.json, which
// generate_sample.py computes from the input files alone.
#include <cpl_json.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "sample_with_expected.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// The rows of the `nth` table (0 = first) after the heading that starts with `heading`: per row,
// its cells' text (tags stripped) and the data-value of each number cell.
struct DomRow {
    std::vector<std::string> text;
    std::vector<double> values;
};
std::vector<DomRow> table_after(const std::string& dom, const std::string& heading, int nth = 0) {
    std::vector<DomRow> rows;
    std::size_t from = dom.find("<h3>" + heading);
    if (from == std::string::npos) return rows;
    for (int i = 0; i <= nth && from != std::string::npos; ++i) from = dom.find("<tbody>", from + 1);
    const std::size_t to = from == std::string::npos ? from : dom.find("</tbody>", from);
    if (from == std::string::npos || to == std::string::npos) return rows;
    const std::string body = dom.substr(from, to - from);
    static const std::regex row_re("<tr>(.*?)</tr>"), cell_re("<td([^>]*)>(.*?)</td>"),
        value_re("data-value=\"([^\"]+)\""), tag_re("<[^>]+>");
    for (auto r = std::sregex_iterator(body.begin(), body.end(), row_re); r != std::sregex_iterator(); ++r) {
        DomRow row;
        const std::string cells = (*r)[1];
        for (auto c = std::sregex_iterator(cells.begin(), cells.end(), cell_re); c != std::sregex_iterator(); ++c) {
            row.text.push_back(std::regex_replace((*c)[2].str(), tag_re, ""));
            std::smatch v;
            const std::string attrs = (*c)[1];
            if (std::regex_search(attrs, v, value_re)) row.values.push_back(std::stod(v[1]));
        }
        rows.push_back(row);
    }
    return rows;
}

class ReportStandardLand : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_sample = new SampleWithExpected("landaudit-report-std");
        const fs::path out = s_sample->dir.path() / "out", err = out / "chromium.err";
        s_run = run_cli({"run", "audit.toml", "--no-progress", "-q", "--out", (out / "audit.gpkg").string()},
                        {s_sample->sample(), {}});
        s_dom = run_script("timeout 180 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run "
                           "--disable-background-networking --host-resolver-rules='MAP * ~NOTFOUND' "
                           "--enable-logging=stderr --v=0 --user-data-dir='" + (out / "profile").string() +
                           "' --virtual-time-budget=5000 --dump-dom 'file://" + (out / "report.html").string() +
                           "' 2>'" + err.string() + "'");
        s_log = read_bytes(err);
    }
    static void TearDownTestSuite() { delete s_sample; }
    void SetUp() override {
        ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "chromium is not installed (tools/setup.sh installs it)";
        ASSERT_EQ(s_run.exit_code, 0) << s_run;
        ASSERT_EQ(s_dom.exit_code, 0) << s_log;
        ASSERT_TRUE(s_sample->loaded);
        EXPECT_FALSE(contains(s_log, ":CONSOLE") || contains(s_log, "Uncaught")) << s_log;
    }

    static SampleWithExpected* s_sample;
    static RunResult s_run;
    static ScriptResult s_dom;
    static std::string s_log;
};

SampleWithExpected* ReportStandardLand::s_sample = nullptr;
RunResult ReportStandardLand::s_run;
ScriptResult ReportStandardLand::s_dom;
std::string ReportStandardLand::s_log;

TEST_F(ReportStandardLand, VerdictCountsPerParkEqualTheGenerators) {
    std::map<std::string, std::map<std::string, int>> want;  // park → verdict → parcels
    for (const CPLJSONObject& p : s_sample->root().GetObj("parcels").GetChildren())
        ++want[p.GetString("park")][p.GetString("status")];
    const auto rows = table_after(s_dom.out, "标准地达产复核");
    ASSERT_EQ(rows.size(), want.size()) << s_dom.out.substr(0, 200);
    for (const DomRow& row : rows) {
        ASSERT_GE(row.text.size(), 2u);
        SCOPED_TRACE(row.text[1]);
        ASSERT_TRUE(want.count(row.text[1]));
        ASSERT_EQ(row.values.size(), 4u);  // short, met, not_yet_due, unknown
        const char* verdicts[] = {"short", "met", "not_yet_due", "unknown"};
        for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(row.values[i], want[row.text[1]][verdicts[i]]) << verdicts[i];
    }
    // Every short parcel is listed with its reasons.
    std::size_t shorts = 0;
    for (const CPLJSONObject& p : s_sample->root().GetObj("parcels").GetChildren())
        if (p.GetString("status") == "short") {
            ++shorts;
            EXPECT_TRUE(contains(s_dom.out, p.GetName())) << p.GetName();
        }
    EXPECT_EQ(shorts, 4u);
    EXPECT_TRUE(contains(s_dom.out, "✗ short by ")) << "the shortfalls are shown";
}

TEST_F(ReportStandardLand, EachParksStarsAndTheParksPerBandAgainstTheTargetsAreShown) {
    const CPLJSONObject want = s_sample->root().GetObj("parks");
    // The first table: per band, the parks reaching it against the seed's 2026 target.
    const CPLJSONObject tally = s_sample->root().GetObj("star_tally"), targets = s_sample->root().GetObj("star_targets");
    const auto bands = table_after(s_dom.out, "星级园区", 0);
    ASSERT_EQ(bands.size(), 5u);  // 五星, 四星, 三星, none, NA
    for (const DomRow& row : bands) {
        ASSERT_GE(row.text.size(), 2u);
        const std::string band = row.text[1] == "未达最低星级" ? "none" : row.text[1] == "无法评定" ? "NA" : row.text[1];
        SCOPED_TRACE(band);
        ASSERT_FALSE(row.values.empty());
        EXPECT_EQ(row.values[0], tally.GetInteger(band, -1));
        if (targets.GetObj(band).IsValid()) {
            ASSERT_GE(row.values.size(), 3u);  // parks, target, year
            EXPECT_EQ(row.values[1], targets.GetInteger(band));
            EXPECT_EQ(row.values[2], 2026);
            EXPECT_EQ(row.text[5], "未达目标");
        }
    }
    const auto parks = table_after(s_dom.out, "星级园区", 1);
    ASSERT_EQ(parks.size(), static_cast<std::size_t>(want.GetChildren().size()));
    for (const DomRow& row : parks) {
        ASSERT_EQ(row.text.size(), 4u);
        SCOPED_TRACE(row.text[1]);
        ASSERT_TRUE(want.GetObj(row.text[1]).IsValid());
        ASSERT_EQ(row.values.size(), 1u);
        EXPECT_EQ(row.values[0], want.GetObj(row.text[1]).GetInteger("stars"));
        EXPECT_EQ(row.text[3], "guandu-2024-stars: below 三星");
    }
}

}  // namespace
