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

struct ScriptResult {
    int exit_code = -1;
    std::string out;
};

ScriptResult run_check_styles(const fs::path& gpkg, const fs::path& log) {
    std::string cmd = "QT_QPA_PLATFORM=offscreen /usr/bin/python3 '" LANDAUDIT_SOURCE_DIR
                      "/tests/qgis/check_styles.py' '" + gpkg.string() + "' 2>'" + log.string() + "'";
    ScriptResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
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
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample_gis", fs::copy_options::recursive);
        fs::remove_all(dir.path() / "sample_gis" / "out");
        RunResult r = run_cli({"run", "audit.toml", "--no-report", "--no-progress", "--out", gpkg.string()},
                              {dir.path() / "sample_gis", {}});
        ASSERT_EQ(r.exit_code, 0) << r;
        ASSERT_TRUE(fs::exists(gpkg));
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

}  // namespace
