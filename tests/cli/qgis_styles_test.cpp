// QGIS itself opens a fresh sample output and applies the default styles from layer_styles with no
// manual step (tests/qgis/check_styles.py under PyQGIS, headless): intended renderers and classes,
// labels, Chinese aliases, the extra parcels styles. And the script does fail without the styles.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>

#include "cli_runner.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// tests/qgis/<script> under headless PyQGIS; stderr goes to `log`.
ScriptResult run_qgis_script(const std::string& script, const std::string& args, const fs::path& log) {
    std::string cmd = "QT_QPA_PLATFORM=offscreen /usr/bin/python3 '" LANDAUDIT_SOURCE_DIR "/tests/qgis/" + script +
                      "' " + args + " 2>'" + log.string() + "'";
    return run_script(cmd);
}

ScriptResult run_check_styles(const fs::path& gpkg, const fs::path& log) {
    return run_qgis_script("check_styles.py", "'" + gpkg.string() + "'", log);
}

// The summary line of one layer ("  \"parcels\": {…}").
std::string layer_line(const std::string& summary, const std::string& layer) {
    std::size_t at = summary.find("\n  \"" + layer + "\": {");
    if (at == std::string::npos) return {};
    return summary.substr(at + 1, summary.find('\n', at + 1) - at - 1);
}

// Feature counts read with plain GDAL, independent of QGIS.
std::map<std::string, long long> feature_counts(const fs::path& gpkg) {
    GDALAllRegister();
    std::map<std::string, long long> counts;
    auto* ds = static_cast<GDALDataset*>(GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    if (!ds) return counts;
    for (OGRLayer* layer : ds->GetLayers()) counts[layer->GetName()] = layer->GetFeatureCount();
    GDALClose(ds);
    return counts;
}

class QgisStyles : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();  // each test may run alone (ctest runs one per process)
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample_gis", fs::copy_options::recursive);
        fs::remove_all(dir.path() / "sample_gis" / "out");
        run_sample(gpkg);
    }

    void run_sample(const fs::path& out) {
        RunResult r = run_cli({"run", "audit.toml", "--no-report", "--no-progress", "--out", out.string()},
                              {dir.path() / "sample_gis", {}});
        ASSERT_EQ(r.exit_code, 0) << r;
        ASSERT_TRUE(fs::exists(out));
    }

    TempDir dir{"landaudit-qgis-styles"};
    fs::path gpkg = dir.path() / "audit.gpkg";
    fs::path log = dir.path() / "check_styles.log";
};

TEST_F(QgisStyles, QgisAppliesTheDefaultStylesOnLoad) {
    ScriptResult r = run_check_styles(gpkg, log);
    ASSERT_EQ(r.exit_code, 0) << r.out << "\n--- stderr ---\n" << read_bytes(log);
    EXPECT_TRUE(contains(r.out, "\"failures\": []")) << r.out;
    EXPECT_TRUE(contains(r.out, "\"ok\": true")) << r.out;

    const std::map<std::string, std::string> renderer{
        {"parcels", "categorizedSymbol"}, {"conflicts", "RuleRenderer"},     {"unsupplied", "categorizedSymbol"},
        {"batches", "graduatedSymbol"},   {"idle", "categorizedSymbol"},     {"candidates", "categorizedSymbol"},
        {"parks", "singleSymbol"},        {"diagnostics", "null"}};
    const auto counts = feature_counts(gpkg);
    for (const auto& [layer, type] : renderer) {
        std::string line = layer_line(r.out, layer);
        ASSERT_FALSE(line.empty()) << layer << " missing from\n" << r.out;
        EXPECT_TRUE(contains(line, "\"renderer\": " + (type == "null" ? type : "\"" + type + "\""))) << line;
        ASSERT_TRUE(counts.count(layer)) << layer;
        EXPECT_TRUE(contains(line, "\"features\": " + std::to_string(counts.at(layer)) + ",")) << line;
    }
    EXPECT_TRUE(contains(layer_line(r.out, "parcels"),
                         "\"classes\": [\"redline\", \"farmland\", \"idle_2y\", \"idle_1y\", \"gov_delay\", "
                         "\"suspect\", \"low_eff\", \"outside\", \"compliant\"]"));
    EXPECT_TRUE(contains(layer_line(r.out, "parcels"), "\"产业地图\": [\"C13\""));
    EXPECT_TRUE(contains(layer_line(r.out, "parks"), "\"labels_enabled\": true"));
    EXPECT_TRUE(contains(layer_line(r.out, "candidates"), "\"label_field\": \"rank\""));
}

TEST_F(QgisStyles, TheCheckFailsWhenTheOutputHasNoDefaultStyles) {
    {
        auto* ds = static_cast<GDALDataset*>(
            GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
        ASSERT_NE(ds, nullptr);
        ds->ExecuteSQL("DELETE FROM layer_styles", nullptr, nullptr);
        GDALClose(ds);
    }
    ScriptResult r = run_check_styles(gpkg, log);
    EXPECT_EQ(r.exit_code, 1) << r.out << read_bytes(log);
    EXPECT_TRUE(contains(r.out, "parcels: not exactly one default style")) << r.out;
    EXPECT_TRUE(contains(r.out, "parcels: renderer singleSymbol, expected QgsCategorizedSymbolRenderer")) << r.out;
    EXPECT_TRUE(contains(r.out, "\"ok\": false")) << r.out;
}

// A GIS person restyles in QGIS and saves over the template: the next run uses the new colour,
// still with the aliases and the default flag, and QGIS still applies it.
TEST_F(QgisStyles, AStyleResavedFromQgisIsUsedOnTheNextRun) {
    const fs::path styles = dir.path() / "styles";
    fs::copy(LANDAUDIT_SOURCE_DIR "/styles", styles, fs::copy_options::recursive);
    const fs::path qml = styles / "qml" / "parcels_status.qml";
    ScriptResult saved =
        run_qgis_script("resave_style.py", "'" + gpkg.string() + "' parcels 1,2,3 '" + qml.string() + "'", log);
    ASSERT_EQ(saved.exit_code, 0) << saved.out << read_bytes(log);
    ASSERT_FALSE(contains(read_bytes(LANDAUDIT_SOURCE_DIR "/styles/qml/parcels_status.qml"), "1,2,3,255"));
    ASSERT_TRUE(contains(read_bytes(qml), "1,2,3,255"));

    const fs::path again = dir.path() / "again.gpkg";
    setenv("LANDAUDIT_STYLES_DIR", styles.c_str(), 1);
    run_sample(again);
    unsetenv("LANDAUDIT_STYLES_DIR");

    GDALAllRegister();
    auto* ds = static_cast<GDALDataset*>(GDALOpenEx(again.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    ASSERT_NE(ds, nullptr);
    OGRLayer* rows = ds->ExecuteSQL(
        "SELECT styleQML FROM layer_styles WHERE f_table_name = 'parcels' AND useAsDefault = 1", nullptr, nullptr);
    ASSERT_NE(rows, nullptr);
    std::vector<std::string> defaults;
    for (auto& f : *rows) defaults.push_back(f->GetFieldAsString(0));
    ds->ReleaseResultSet(rows);
    GDALClose(ds);
    ASSERT_EQ(defaults.size(), 1u);
    EXPECT_TRUE(contains(defaults[0], "1,2,3,255"));

    ScriptResult r = run_check_styles(again, log);
    EXPECT_EQ(r.exit_code, 0) << r.out << read_bytes(log);
}

}  // namespace
