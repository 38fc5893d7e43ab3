// End to end: the run's provenance (run_info, run_inputs) checked against sha256sum and the files
// themselves; the parcels' main status re-derived from their own flags, idle status and grade;
// --quiet, the summary's closing paths, and `report` on a file that is not an audit.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// coreutils' sha256sum: an implementation independent of the engine's.
std::string sha256sum(const fs::path& file) {
    return run_script("sha256sum '" + file.string() + "'").out.substr(0, 64);
}

// The documented precedence (docs/outputs.md, parcels.status), written out again from the spec.
std::string expected_status(const std::string& flags, const std::string& idle, const std::string& grade) {
    std::set<std::string> f;
    std::stringstream ss(flags);
    for (std::string item; std::getline(ss, item, ',');) f.insert(item);
    if (f.count("REDLINE")) return "redline";
    if (f.count("FARMLAND")) return "farmland";
    if (idle == "idle_2y" || idle == "idle_1y" || idle == "gov_delay" || idle == "suspect") return idle;
    if (grade == "C" || grade == "D") return "low_eff";
    if (f.count("OUTSIDE_PARK")) return "outside";
    return "compliant";
}

class E2EProvenance : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir("landaudit-provenance");
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir->path() / "sample", fs::copy_options::recursive);
        fs::remove_all(dir->path() / "sample" / "__pycache__");
        run = new RunResult(run_cli({"run", (dir->path() / "sample" / "audit.toml").string(), "--no-progress", "--no-report"}));
        GDALAllRegister();
        ds = GDALDataset::Open((dir->path() / "out" / "sample_audit.gpkg").c_str(), GDAL_OF_VECTOR);
    }
    static void TearDownTestSuite() {
        GDALClose(ds);
        delete run;
        delete dir;
    }
    static TempDir* dir;
    static RunResult* run;
    static GDALDataset* ds;
};
TempDir* E2EProvenance::dir = nullptr;
RunResult* E2EProvenance::run = nullptr;
GDALDataset* E2EProvenance::ds = nullptr;

TEST_F(E2EProvenance, EveryInputFileIsRecordedWithItsDigest) {
    ASSERT_EQ(run->exit_code, 0) << *run;
    ASSERT_NE(ds, nullptr);
    auto inputs = read_layer(*ds, "run_inputs");
    std::map<std::string, const Row*> by_path;
    for (const auto& r : inputs) by_path[fs::path(r.s("path")).filename().string()] = &r;
    // Every sample file the config names, and every Shapefile sidecar, with its digest and size.
    for (const char* name : {"audit.toml", "parks.geojson", "parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj",
                             "redline.gpkg", "farmland.shp", "farmland.dbf", "farmland.cpg", "buildings.gpkg",
                             "economics.csv", "approved.gpkg", "supplied.gpkg"}) {
        ASSERT_TRUE(by_path.count(name)) << name;
        const fs::path file = dir->path() / "sample" / name;
        EXPECT_EQ(by_path[name]->s("sha256"), sha256sum(file)) << name;
        EXPECT_EQ(by_path[name]->d("bytes"), static_cast<double>(fs::file_size(file))) << name;
    }
    EXPECT_EQ(by_path["parcels.shp"]->s("role"), "parcels");
    EXPECT_EQ(by_path["parcels.shp"]->d("features"), 479) << "the sample has 479 parcel features";
    EXPECT_NE(by_path["parcels.shp"]->s("encoding").find("GB18030"), std::string::npos);
    EXPECT_NE(by_path["farmland.shp"]->s("crs").find("4543"), std::string::npos);
    // Each configured rule set is recorded with its file's digest.
    std::set<std::string> rule_sets;
    for (const auto& r : inputs)
        if (r.s("role") == "rule_set") {
            rule_sets.insert(r.s("name"));
            EXPECT_EQ(r.s("sha256"), sha256sum(r.s("path"))) << r.s("path");
        }
    EXPECT_EQ(rule_sets,
              (std::set<std::string>{"kunming-2021", "national-control-2008", "yaan-2021", "guandu-2024-stars"}));
}

TEST_F(E2EProvenance, RunInfoHoldsTheConfigVerbatimAndTheRunsFacts) {
    ASSERT_NE(ds, nullptr);
    std::map<std::string, std::string> kv;
    for (const auto& r : read_layer(*ds, "run_info")) kv[r.s("key")] = r.s("value");
    EXPECT_EQ(kv["config_text"], read_bytes(dir->path() / "sample" / "audit.toml"));
    EXPECT_EQ(kv["as_of"], "2025-12-31");
    EXPECT_EQ(kv["working_crs"], "EPSG:4522");
    EXPECT_EQ(kv["audit_name"], "昆明示例园区土地合规审计 2025");
    EXPECT_FALSE(kv["engine_version"].empty());
    EXPECT_FALSE(kv["started"].empty());
    EXPECT_LE(kv["started"], kv["finished"]);
    EXPECT_NE(kv["area_method"].find("ellipsoidal"), std::string::npos);
}

TEST_F(E2EProvenance, StatusFollowsThePrecedenceOfEachParcelsFindings) {
    ASSERT_NE(ds, nullptr);
    std::map<std::string, int> counts;
    for (const auto& r : read_layer(*ds, "parcels")) {
        EXPECT_EQ(r.s("status"), expected_status(r.s("flags"), r.s("idle"), r.s("grade"))) << r.s("parcel_id");
        ++counts[r.s("status")];
    }
    // The sample exercises every rung of the ladder.
    for (const char* s : {"redline", "farmland", "idle_2y", "idle_1y", "gov_delay", "suspect", "low_eff", "compliant"})
        EXPECT_GT(counts[s], 0) << s;
}

TEST_F(E2EProvenance, SummaryEndsWithTheFilesWritten) {
    ASSERT_EQ(run->exit_code, 0) << *run;
    const std::string gpkg = (dir->path() / "out" / "sample_audit.gpkg").string();
    const auto at = run->out.rfind("GeoPackage:   " + gpkg);
    ASSERT_NE(at, std::string::npos) << *run;
    EXPECT_EQ(run->out.find("QGIS project:"), std::string::npos) << "--no-report writes no project";
}

TEST(CliQuiet, QuietPrintsNothingOnSuccessAndErrorsStill) {
    TempDir dir("landaudit-quiet");
    fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
    RunResult r = run_cli({"run", (dir.path() / "sample" / "audit.toml").string(), "--quiet", "--no-report"});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(fs::exists(dir.path() / "out" / "sample_audit.gpkg"));
    r = run_cli({"run", (dir.path() / "sample" / "missing.toml").string(), "--quiet"});
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "missing.toml")) << r;
}

TEST(CliReport, ReportOnAFileThatIsNotAnAuditNamesIt) {
    TempDir dir("landaudit-report-bad");
    const fs::path other = dir.path() / "roads.gpkg";
    fs::copy_file(fs::path(LANDAUDIT_SAMPLE_DIR) / "redline.gpkg", other);
    RunResult r = run_cli({"report", other.string()});
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, other.string())) << r;
    EXPECT_TRUE(contains(r.err, "not a landaudit output")) << r;
    EXPECT_FALSE(fs::exists(dir.path() / "report.html"));
    r = run_cli({"export", other.string(), (dir.path() / "x").string(), "--format", "pdf"});
    EXPECT_EQ(r.exit_code, 2) << r;
}

}  // namespace

namespace {

// Issue 9: a run removes the temporaries a killed run left beside its output, and says so.
TEST(CliInterrupted, NextRunRemovesAndListsTheTemporariesOfAKilledRun) {
    TempDir dir("landaudit-stale");
    fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
    fs::create_directories(dir.path() / "out");
    // 4194305 is above Linux's largest pid_max: that process is certainly gone (as after SIGKILL).
    const fs::path stale = dir.path() / "out" / ".sample_audit.partial-4194305.gpkg";
    write_bytes(stale, "half a GeoPackage");
    write_bytes(stale.string() + "-journal", "journal");
    RunResult r = run_cli({"run", (dir.path() / "sample" / "audit.toml").string(), "--no-progress", "--no-report"});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(stale.string() + "-journal"));
    EXPECT_TRUE(contains(r.out, "Removed " + stale.string() + ", left by an interrupted run")) << r;
}

}  // namespace
