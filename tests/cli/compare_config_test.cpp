// `[compare] earlier` (issue 10): a run that names last year's output compares itself with it and
// writes NAME_change.gpkg beside its output — the same layers, value for value, as
// `landaudit compare EARLIER LATER` gives on the same two files (read with plain GDAL).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;


class CompareConfig : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
        RunResult earlier = run_cli({"run", "sample/2024/audit.toml", "--no-report", "--no-progress", "-q"}, in_dir());
        ASSERT_EQ(earlier.exit_code, 0) << earlier;
        ASSERT_TRUE(fs::exists(dir.path() / "out" / "sample_audit_2024.gpkg"));
    }
    RunOptions in_dir() const { return {dir.path(), std::nullopt}; }
    // The sample's 2025 config with an [output] of its own and the given [compare] section.
    fs::path config_with(const std::string& compare) {
        std::ifstream in(dir.path() / "sample" / "audit.toml");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string from = "path = \"../out/sample_audit.gpkg\"";
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos);
        if (at != std::string::npos) text.replace(at, from.size(), "path = \"../out/later.gpkg\"");
        const fs::path config = dir.path() / "sample" / "audit_compare.toml";
        std::ofstream(config) << text << "\n" << compare;
        return config;
    }
    TempDir dir{"landaudit-compare-config"};
};

TEST_F(CompareConfig, ARunComparesItselfWithLastYearsOutput) {
    const fs::path config = config_with("[compare]\nearlier = \"../out/sample_audit_2024.gpkg\"\n");
    RunResult r = run_cli({"run", config.string(), "--no-report", "--no-progress"}, in_dir());
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path change = dir.path() / "out" / "later_change.gpkg";
    ASSERT_TRUE(fs::exists(change)) << r;
    EXPECT_TRUE(contains(r.out, "later_change.gpkg")) << r;
    EXPECT_TRUE(contains(r.out, "disposal of the earlier stock")) << r;

    RunResult direct = run_cli({"compare", "out/sample_audit_2024.gpkg", "out/later.gpkg", "--out", "out/direct.gpkg", "-q"},
                               in_dir());
    ASSERT_EQ(direct.exit_code, 0) << direct;
    auto a = open_vector(change.string()), b = open_vector((dir.path() / "out" / "direct.gpkg").string());
    ASSERT_TRUE(a && b);
    std::size_t rows = 0;
    for (const char* layer : {"park_change", "parcel_change", "disposal", "conflict_change"}) {
        OGRLayer* la = a->GetLayerByName(layer);
        OGRLayer* lb = b->GetLayerByName(layer);
        ASSERT_TRUE(la && lb) << layer;
        const auto da = dump_layer(*la), db = dump_layer(*lb);
        EXPECT_EQ(da, db) << layer;
        rows += da.size();
    }
    EXPECT_GT(rows, 400u);  // the sample's 479 parcels at least: there was something to compare
}

TEST_F(CompareConfig, AMissingEarlierOutputIsAConfigErrorBeforeAnyWork) {
    const fs::path config = config_with("[compare]\nearlier = \"../out/no_such_2023.gpkg\"\n");
    RunResult r = run_cli({"run", config.string(), "--no-report", "--no-progress"}, in_dir());
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "[compare] earlier")) << r;
    EXPECT_TRUE(contains(r.err, "no_such_2023.gpkg")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(fs::exists(dir.path() / "out" / "later.gpkg")) << "nothing is audited";
}

TEST_F(CompareConfig, AnUnknownKeyInCompareIsRefused) {
    const fs::path config = config_with("[compare]\nearler = \"../out/sample_audit_2024.gpkg\"\n");
    RunResult r = run_cli({"run", config.string(), "--no-report", "--no-progress"}, in_dir());
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "earler")) << r;
}

}  // namespace
