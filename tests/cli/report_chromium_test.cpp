// Headless Chromium opens the report.html that `landaudit run` writes for a copy of sample_gis:
// offline (every host unresolvable), no console message at all, every chart drawn by Chart.js, and
// every total of the report's tables equal to the same sum computed here from the GeoPackage
// with plain GDAL. A page with a console error makes the same check fail (it can fail).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

constexpr const char* kChromium = "/usr/bin/chromium";

struct Browser {
    int exit_code = -1;
    std::string out;  // stdout: the DOM for --dump-dom
    std::string err;  // stderr: Chromium's log, with the page's console messages
};

// Chromium headless with nothing but the page: no network (every name maps to nothing), no
// profile, no background services; the page's console goes to stderr (--enable-logging=stderr).
Browser chromium(const fs::path& page, const std::string& mode, const fs::path& work) {
    const fs::path profile = work / "chromium-profile", out = work / "chromium.out", err = work / "chromium.err";
    fs::create_directories(profile);
    const std::string cmd = std::string("timeout 180 ") + kChromium +
                            " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                            " --disable-background-networking --disable-component-update --disable-sync"
                            " --hide-scrollbars --user-data-dir='" + profile.string() + "'"
                            " --host-resolver-rules='MAP * ~NOTFOUND' --enable-logging=stderr --v=0"
                            " --virtual-time-budget=5000 --window-size=1280,4000 " + mode + " 'file://" +
                            page.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
    Browser b;
    const int status = std::system(cmd.c_str());
    b.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    b.out = read_bytes(out);
    b.err = read_bytes(err);
    return b;
}

// The page's console lines in Chromium's log ("…:INFO:CONSOLE:12] \"msg\", source: …", or
// "CONSOLE(12)" in older builds), and any uncaught exception.
std::vector<std::string> console_lines(const std::string& log) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < log.size()) {
        std::size_t end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        const std::string line = log.substr(start, end - start);
        if (contains(line, ":CONSOLE") || contains(line, "CONSOLE(") || contains(line, "Uncaught")) lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::string unescape_attribute(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&gt;", ">"}, {"&lt;", "<"}, {"&quot;", "\""}, {"&amp;", "&"}})
        for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1)) s.replace(pos, from.size(), to);
    return s;
}

// A totals key of the report (engine/deliverables/report_table.h), computed from the rows:
// "table.field" or "table.count", optionally "[field=value]", optionally "@mu" (m² → 亩).
double evaluate(const std::string& key, GDALDataset& ds) {
    static const std::regex grammar("([a-z_]+)\\.([a-z_0-9]+)(?:\\[([a-z_]+)=([^\\]]*)\\])?(@mu)?");
    std::smatch m;
    if (!std::regex_match(key, m, grammar)) throw std::runtime_error("unknown totals key " + key);
    double sum = 0;
    for (const Row& row : read_layer(ds, m[1].str().c_str())) {
        if (m[3].matched && row.s(m[3]) != m[4].str()) continue;
        sum += m[2] == "count" ? 1 : row.opt(m[2]).value_or(0);
    }
    return m[5].matched ? sum / (2000.0 / 3.0) : sum;
}

class ReportInChromium : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(kChromium)) << "chromium is not installed: tools/setup.sh installs it (apt-get install chromium)";
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample_gis", fs::copy_options::recursive);
        fs::remove_all(dir.path() / "sample_gis" / "out");
        const RunResult r = run_cli({"run", "audit.toml", "--no-progress", "--out", gpkg.string()}, {dir.path() / "sample_gis", {}});
        ASSERT_EQ(r.exit_code, 0) << r;
        ASSERT_TRUE(fs::exists(report)) << "run writes report.html beside the GeoPackage" << r;
    }

    TempDir dir{"landaudit-report"};
    fs::path gpkg = dir.path() / "out" / "audit.gpkg";
    fs::path report = dir.path() / "out" / "report.html";
};

TEST_F(ReportInChromium, OpensOfflineWithEveryChartDrawnAndTotalsEqualToTheGeoPackage) {
    // The file names no address outside the licence comments of the inlined Chart.js.
    const std::string html = read_bytes(report);
    for (std::size_t at = html.find("http"); at != std::string::npos; at = html.find("http", at + 1)) {
        const std::size_t comment = html.rfind("/*!", at), closed = html.rfind("*/", at);
        EXPECT_TRUE(comment != std::string::npos && (closed == std::string::npos || closed < comment))
            << "an address outside a licence comment: " << html.substr(at, 80);
    }

    const Browser dom = chromium(report, "--dump-dom", dir.path());
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{}) << "no console message, no uncaught error";
    EXPECT_FALSE(std::regex_search(dom.out, std::regex("(src|href)=\"[a-z]+:"))) << "nothing loaded from anywhere";

    // Every chart drawn: 2 parks × (grade, idle, unsupplied, 4 per-mu indicators) in the sample.
    const std::regex canvas("<canvas[^>]*data-chart=\"chart-[^\"]+\"[^>]*>");  // not the script comment naming them
    std::size_t canvases = 0, rendered = 0;
    for (auto it = std::sregex_iterator(dom.out.begin(), dom.out.end(), canvas); it != std::sregex_iterator(); ++it) {
        ++canvases;
        if (contains(it->str(), "data-rendered=\"1\"")) ++rendered;
        else ADD_FAILURE() << "not drawn: " << it->str();
    }
    EXPECT_EQ(canvases, 14u);
    EXPECT_EQ(rendered, canvases);
    EXPECT_TRUE(contains(dom.out, "data-charts=\"" + std::to_string(canvases) + "\""));
    EXPECT_TRUE(contains(dom.out, "<path class=\"parcels status-"));

    // The totals rows against sums computed here from the GeoPackage.
    GDALAllRegister();
    auto ds = open_vector(gpkg.string());
    ASSERT_TRUE(ds);
    const std::regex total("data-value=\"([^\"]+)\" data-(total|ratio)=\"([^\"]+)\"");
    std::map<std::string, double> shown;
    for (auto it = std::sregex_iterator(dom.out.begin(), dom.out.end(), total); it != std::sregex_iterator(); ++it) {
        const std::string key = unescape_attribute((*it)[3]);
        const double value = std::stod((*it)[1]);
        shown[key] = value;
        double expected = 0;
        if ((*it)[2] == "total") {
            expected = evaluate(key, *ds);
        } else {
            const std::size_t slash = key.find('/');
            expected = evaluate(key.substr(0, slash), *ds) / evaluate(key.substr(slash + 1), *ds) * 100;
        }
        EXPECT_NEAR(value, expected, 1e-9 * std::max(1.0, std::abs(expected))) << key;
    }
    for (const char* key : {"parks.area_m2", "parks.area_m2@mu", "parks.red_m2", "parks.red_m2/parks.area_m2",
                            "parks.farm_m2", "parks.n_parcels", "parks.n_conflict", "parks.n_a", "parks.n_na",
                            "parks.idle_m2", "idle.count[idle=idle_1y]", "idle.idle_fee", "parks.appr_m2",
                            "parks.supp_m2/parks.appr_m2", "parks.unsup_m2", "unsupplied.area_m2[bucket=>5y]@mu",
                            "candidates.count", "candidates.count[kind=idle]", "diagnostics.count"})
        EXPECT_TRUE(shown.count(key)) << "the report totals " << key;
    // compliance 8, 亩均 5, idle 7, 批而未供 8, candidates 7, data problems 1
    EXPECT_EQ(shown.size(), 36u) << "every totals cell was compared";

    const fs::path png = dir.path() / "report.png";
    const Browser shot = chromium(report, "--screenshot='" + png.string() + "'", dir.path());
    ASSERT_EQ(shot.exit_code, 0) << shot.err;
    EXPECT_EQ(console_lines(shot.err), std::vector<std::string>{});
    ASSERT_TRUE(fs::exists(png));
    const std::string bytes = read_bytes(png);
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_GT(bytes.size(), 100u * 1024) << "a 1280 × 4000 screenshot of tables, a map and charts is not blank";
}

TEST_F(ReportInChromium, TheConsoleCheckCatchesAnError) {
    const fs::path page = dir.path() / "broken.html";
    write_bytes(page, "<!DOCTYPE html><html><body><script>console.error('boom'); missing_fn();</script></body></html>");
    const Browser b = chromium(page, "--dump-dom", dir.path());
    ASSERT_EQ(b.exit_code, 0) << b.err;
    const auto lines = console_lines(b.err);
    ASSERT_EQ(lines.size(), 2u) << b.err;
    EXPECT_TRUE(contains(lines[0], "boom"));
    EXPECT_TRUE(contains(lines[1], "Uncaught ReferenceError"));
}

}  // namespace
