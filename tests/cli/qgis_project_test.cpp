// End to end in real QGIS: `landaudit run` on a copy of sample_gis writes sample_audit.qgz beside the
// GeoPackage; tests/qgis/check_project.py opens it with PyQGIS (every layer valid, counts, renderers,
// aliases, relative paths after a move, each park's layout exported to PDF and PNG) and prints
// JSON, which is checked here against the GeoPackage read with plain GDAL. `landaudit report`
// writes the same project again.
#include <cpl_json.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

constexpr const char* kPython = "/usr/bin/python3";  // Debian's, with python3-qgis and osgeo

// Runs the check script (stderr to a file, shown on failure) and captures its JSON.
ScriptResult run_check(const fs::path& qgz, const fs::path& stderr_file) {
    const std::string cmd = std::string("QT_QPA_PLATFORM=offscreen ") + kPython + " '" + LANDAUDIT_SOURCE_DIR +
                            "/tests/qgis/check_project.py' '" + qgz.string() + "' 2>'" + stderr_file.string() + "'";
    return run_script(cmd);
}

std::string qgs_inside(const fs::path& qgz) {
    const std::string path = "/vsizip/{" + qgz.string() + "}/sample_audit.qgs";
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return {};
    std::string text;
    char buf[65536];
    std::size_t n;
    while ((n = VSIFReadL(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    VSIFCloseL(f);
    return text;
}

class QgisProjectE2E : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir("landaudit-qgis-project");
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir->path() / "sample", fs::copy_options::recursive);
        fs::remove_all(dir->path() / "sample" / "__pycache__");
        run = new RunResult(run_cli({"run", (dir->path() / "sample" / "audit.toml").string(), "--no-progress"}));
        check = new ScriptResult(run_check(qgz(), dir->path() / "check.err"));
        GDALAllRegister();
    }
    static void TearDownTestSuite() {
        delete check;
        delete run;
        delete dir;
    }
    static fs::path gpkg() { return dir->path() / "out" / "sample_audit.gpkg"; }
    static fs::path qgz() { return dir->path() / "out" / "sample_audit.qgz"; }
    static std::string check_stderr() { return read_bytes(dir->path() / "check.err"); }

    static TempDir* dir;
    static RunResult* run;
    static ScriptResult* check;
};

TempDir* QgisProjectE2E::dir = nullptr;
RunResult* QgisProjectE2E::run = nullptr;
ScriptResult* QgisProjectE2E::check = nullptr;

TEST_F(QgisProjectE2E, RunWritesTheProjectBesideTheGeoPackage) {
    ASSERT_EQ(run->exit_code, 0) << *run;
    EXPECT_TRUE(fs::is_regular_file(qgz())) << *run;
    EXPECT_TRUE(contains(run->out, "sample_audit.qgz")) << *run;
}

TEST_F(QgisProjectE2E, QgisOpensEveryLayerValidStyledAndCounted) {
    ASSERT_EQ(run->exit_code, 0) << *run;
    ASSERT_EQ(check->exit_code, 0) << check->out << "\n--- stderr ---\n" << check_stderr();
    CPLJSONDocument doc;
    ASSERT_TRUE(doc.LoadMemory(check->out)) << check->out;
    const CPLJSONObject report = doc.GetRoot();
    EXPECT_TRUE(report.GetBool("ok"));
    EXPECT_EQ(report.GetArray("problems").Size(), 0) << check->out;
    EXPECT_EQ(report.GetString("crs"), "EPSG:4522");

    std::vector<std::string> groups;
    for (const auto& g : report.GetArray("groups")) groups.push_back(g.GetString("name"));
    EXPECT_EQ(groups, (std::vector<std::string>{"园区", "合规检查", "闲置与批而未供", "亩均效益", "数据问题"}));

    // Every audit layer of the GeoPackage, as GDAL counts it, is in the project with that count.
    auto ds = open_vector(gpkg().string());
    ASSERT_TRUE(ds);
    std::set<std::string> tables_in_project;
    const CPLJSONObject layers = report.GetObj("layers");
    for (const auto& layer : layers.GetChildren()) {
        const std::string table = layer.GetString("table");
        tables_in_project.insert(table);
        EXPECT_TRUE(layer.GetBool("valid")) << layer.GetName();
        EXPECT_EQ(layer.GetString("datasource_in_file"), "./sample_audit.gpkg|layername=" + table);
        OGRLayer* gdal_layer = ds->GetLayerByName(table.c_str());
        ASSERT_NE(gdal_layer, nullptr) << table;
        EXPECT_EQ(layer.GetLong("features"), gdal_layer->GetFeatureCount()) << table;
        EXPECT_EQ(layer.GetArray("aliases_missing").Size(), 0) << table;
        // The renderer QGIS built is the one the embedded style names, and it classifies the data
        // (the park outline is one symbol by design; diagnostics has no geometry).
        const std::string renderer = layer.GetString("renderer");
        EXPECT_EQ(renderer, layer.GetString("style_renderer")) << table;
        if (table != "parks" && table != "diagnostics" && table != "star_targets")
            EXPECT_TRUE(renderer == "categorizedSymbol" || renderer == "graduatedSymbol" || renderer == "RuleRenderer")
                << table << ": " << renderer;
    }
    for (const char* table : {"parcels", "parks", "conflicts", "idle", "unsupplied", "batches", "candidates",
                              "diagnostics"})
        EXPECT_TRUE(tables_in_project.count(table)) << table;
    EXPECT_EQ(layers.GetObj("landaudit_parcels").GetString("renderer"), "categorizedSymbol");
    EXPECT_EQ(layers.GetObj("landaudit_batches").GetString("renderer"), "graduatedSymbol");
    EXPECT_EQ(layers.GetObj("landaudit_parcels_grade").GetString("table"), "parcels");

    // Moved to another folder, the project still finds its GeoPackage.
    EXPECT_EQ(report.GetInteger("moved_valid_layers"), static_cast<int>(layers.GetChildren().size()));
}

TEST_F(QgisProjectE2E, EveryParkHasAPrintedLayoutWithAColouredMap) {
    ASSERT_EQ(check->exit_code, 0) << check->out << "\n--- stderr ---\n" << check_stderr();
    CPLJSONDocument doc;
    ASSERT_TRUE(doc.LoadMemory(check->out));
    auto ds = open_vector(gpkg().string());
    ASSERT_TRUE(ds);
    const auto parks = read_layer(*ds, "parks");
    const CPLJSONArray layouts = doc.GetRoot().GetArray("layouts");
    ASSERT_EQ(layouts.Size(), static_cast<int>(parks.size()));
    for (int i = 0; i < layouts.Size(); ++i) {
        const CPLJSONObject layout = layouts[i];
        EXPECT_EQ(layout.GetString("name"), parks[static_cast<std::size_t>(i)].s("name"));
        EXPECT_EQ(layout.GetInteger("export"), 0) << layout.GetString("name");  // QgsLayoutExporter::Success
        EXPECT_GT(layout.GetLong("pdf_bytes"), 10000) << layout.GetString("name");
        EXPECT_GE(layout.GetInteger("map_chromatic_classes"), 4) << layout.GetString("name");
        EXPECT_GT(layout.GetDouble("page_non_white_pct"), 5.0) << layout.GetString("name");
        EXPECT_EQ(layout.GetArray("map_layers").Size(), 5) << layout.GetString("name");
    }
}

TEST_F(QgisProjectE2E, ReportWritesTheSameProjectAgain) {
    ASSERT_EQ(run->exit_code, 0) << *run;
    const std::string first = qgs_inside(qgz());
    ASSERT_FALSE(first.empty());
    fs::remove(qgz());
    const RunResult again = run_cli({"report", gpkg().string(), "--quiet"});
    ASSERT_EQ(again.exit_code, 0) << again;
    EXPECT_EQ(qgs_inside(qgz()), first);
    for (const auto& e : fs::directory_iterator(gpkg().parent_path()))
        EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();
}

}  // namespace
