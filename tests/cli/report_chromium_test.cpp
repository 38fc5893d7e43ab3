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

#include "chromium_page.h"
#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

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
    const std::map<std::string, double> shown = expect_totals_equal(dom.out, *ds);
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
