// `landaudit check` refuses a `[compare] earlier` exactly as `landaudit run` does (the same function,
// io/config/compare_config.h): a missing earlier file, one that is not a landaudit output, a PostGIS
// output, an earlier file that is the change target or the output; and prints what a run will
// compare when it is fine.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_runner.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

class CheckCompare : public ::testing::Test {
protected:
    void SetUp() override {
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
        fs::create_directories(dir.path() / "out");
        // check opens the earlier file and looks for a landaudit output's parcels and parks layers.
        GDALAllRegister();
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        GDALDatasetUniquePtr ds(gpkg->Create((dir.path() / "out" / "last_year.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        for (const char* layer : {"parcels", "parks"}) ASSERT_NE(ds->CreateLayer(layer, nullptr, wkbMultiPolygon), nullptr);
    }
    // The sample's config with [output] path and the [compare] section given.
    fs::path config_with(const std::string& output, const std::string& compare) {
        std::ifstream in(dir.path() / "sample" / "audit.toml");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string from = "path = \"../out/sample_audit.gpkg\"";
        text.replace(text.find(from), from.size(), "path = \"" + output + "\"");
        const fs::path config = dir.path() / "sample" / "audit_compare.toml";
        std::ofstream(config) << text << "\n[compare]\n" << compare << "\n";
        return config;
    }
    // check, then run, on the config: both refuse with exit 1 and the same message, before any work.
    void expect_both_refuse(const fs::path& config, const std::string& message) {
        const RunResult check = run_cli({"check", config.string()});
        const RunResult run = run_cli({"run", config.string(), "--no-progress"});
        EXPECT_EQ(check.exit_code, 1) << check;
        EXPECT_EQ(run.exit_code, 1) << run;
        EXPECT_TRUE(contains(check.err, message)) << check;
        EXPECT_TRUE(contains(check.err, "hint:")) << check;
        EXPECT_EQ(check.err, run.err) << "one validation for both commands";
        EXPECT_FALSE(contains(check.out, "is valid")) << check;
        EXPECT_FALSE(fs::exists(dir.path() / "out" / "later.gpkg")) << "nothing is audited";
    }
    TempDir dir{"landaudit-check-compare"};
};

TEST_F(CheckCompare, SaysWhatARunWillCompare) {
    const fs::path config = config_with("../out/later.gpkg", "earlier = \"../out/last_year.gpkg\"");
    const RunResult r = run_cli({"check", config.string()});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "is valid")) << r;
    const std::string line = "Compare: " + (dir.path() / "out" / "last_year.gpkg").string() + " (earlier) with this run's " +
                             (dir.path() / "out" / "later.gpkg").string() + " (later), written to " +
                             (dir.path() / "out" / "later_change.gpkg").string();
    EXPECT_TRUE(contains(r.out, line)) << r;
    const RunResult plain = run_cli({"check", (dir.path() / "sample" / "audit.toml").string()});
    ASSERT_EQ(plain.exit_code, 0) << plain;
    EXPECT_FALSE(contains(plain.out, "Compare:")) << "no [compare], no line";
}

TEST_F(CheckCompare, AMissingEarlierFileIsRefused) {
    expect_both_refuse(config_with("../out/later.gpkg", "earlier = \"../out/no_such_2023.gpkg\""),
                       "[compare] earlier = " + (dir.path() / "out" / "no_such_2023.gpkg").string() + " does not exist");
}

TEST_F(CheckCompare, AnEarlierFileThatIsNotALandauditOutputIsRefused) {
    fs::copy_file(dir.path() / "sample" / "redline.gpkg", dir.path() / "out" / "redline_2024.gpkg");
    expect_both_refuse(config_with("../out/later.gpkg", "earlier = \"../out/redline_2024.gpkg\""),
                       "redline_2024.gpkg is not a landaudit output (it has no parcels and parks layers)");
    fs::copy_file(dir.path() / "sample" / "parks.geojson", dir.path() / "out" / "parks_2024.gpkg");
    expect_both_refuse(config_with("../out/later.gpkg", "earlier = \"../out/parks_2024.gpkg\""),
                       "parks_2024.gpkg is not a landaudit output (not a GeoPackage)");
}

TEST_F(CheckCompare, APostgisOutputIsRefused) {
    expect_both_refuse(config_with("PG:dbname=nowhere schemas=audit_2025", "earlier = \"../out/last_year.gpkg\""),
                       "[compare] needs a GeoPackage output");
}

TEST_F(CheckCompare, AnEarlierFileThatIsTheChangeTargetIsRefused) {
    fs::copy_file(dir.path() / "out" / "last_year.gpkg", dir.path() / "out" / "later_change.gpkg");
    expect_both_refuse(config_with("../out/later.gpkg", "earlier = \"../out/later_change.gpkg\""),
                       "[compare] earlier is the file the change would be written to");
}

TEST_F(CheckCompare, AnEarlierFileThatIsTheOutputItselfIsRefused) {
    fs::copy_file(dir.path() / "out" / "last_year.gpkg", dir.path() / "out" / "later.gpkg");
    const fs::path config = config_with("../out/later.gpkg", "earlier = \"../out/later.gpkg\"");
    for (const std::vector<std::string>& args : {std::vector<std::string>{"check", config.string()},
                                                 std::vector<std::string>{"run", config.string(), "--no-progress"}}) {
        const RunResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 1) << r;
        EXPECT_TRUE(contains(r.err, "[compare] earlier is this run's own output")) << r;
    }
}

}  // namespace
