// QGIS itself opens a `landaudit compare` output and applies the default styles from layer_styles
// with no manual step (tests/qgis/check_compare_styles.py under headless PyQGIS): the intended
// renderer and field on park_change, parcel_change, disposal and conflict_change, a class for every
// value present. And the script fails once the styles are gone.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

TEST(CompareQgis, OpensStyledInQgis) {
    GDALAllRegister();
    TempDir dir("landaudit-compare-qgis");
    fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
    fs::create_directories(dir.path() / "out");
    const RunOptions here{dir.path(), std::nullopt};
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"run", "sample/2024/audit.toml", "--no-report", "--no-progress", "-q"},
             {"run", "sample/audit.toml", "--no-report", "--no-progress", "-q"},
             {"compare", "out/sample_audit_2024.gpkg", "out/sample_audit.gpkg", "--out", "out/change.gpkg", "-q"}}) {
        RunResult r = run_cli(args, here);
        ASSERT_EQ(r.exit_code, 0) << r;
    }
    const fs::path gpkg = dir.path() / "out" / "change.gpkg";
    const std::string check = "QT_QPA_PLATFORM=offscreen /usr/bin/python3 '" LANDAUDIT_SOURCE_DIR
                              "/tests/qgis/check_compare_styles.py' '" + gpkg.string() + "' '" +
                              (dir.path() / "change.png").string() + "' 2>'" + (dir.path() / "qgis.log").string() + "'";
    ScriptResult styled = run_script(check);
    ASSERT_EQ(styled.exit_code, 0) << styled.out << read_bytes(dir.path() / "qgis.log");
    EXPECT_TRUE(contains(styled.out, "\"failures\": []")) << styled.out;
    EXPECT_TRUE(contains(styled.out, "\"new_conflict\"")) << styled.out;  // parcel_change has its planted change
    EXPECT_TRUE(contains(styled.out, "\"supplied\"")) << styled.out;      // disposal too
    EXPECT_GT(fs::file_size(dir.path() / "change.png"), 1000u);

    {  // without the styles, QGIS draws its single-symbol default and the check fails
        auto ds = open_vector(gpkg.string(), {}, true);
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("DELETE FROM layer_styles", nullptr, nullptr);
    }
    ScriptResult bare = run_script(check);
    EXPECT_EQ(bare.exit_code, 1) << bare.out;
}

}  // namespace
