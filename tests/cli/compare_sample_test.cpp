// End-to-end test of `landaudit compare` on the sample's two years: both audits are run in a copy of
// sample_gis (sample_gis/2024/audit.toml, as_of 2024-12-31, and sample_gis/audit.toml, as_of
// 2025-12-31), then compared. Every figure is checked against sample_gis/2024/expected_compare.json,
// which sample_gis/generate_sample.py computes from the two years' input files alone (OGR/GEOS,
// planar EPSG:4522), and the CHANGE.gpkg is read with plain GDAL. The transitions are also checked
// against the two audits' own parcels layers, read with GDAL. No landaudit code is used here.
//
// Tolerances: areas 0.01 m² (the same GEOS computes both sides; inputs in EPSG:4490 are reprojected by
// the same PROJ), percentages 1e-6.

#include <cpl_json.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

using namespace cli_test;
namespace fs = std::filesystem;

constexpr double kAreaTolerance = 0.01;

class CompareSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        s_dir = new TempDir("landaudit-compare");
        const fs::path sample = s_dir->path() / "sample";
        fs::copy(LANDAUDIT_SAMPLE_DIR, sample, fs::copy_options::recursive);
        fs::create_directories(s_dir->path() / "out");
        RunOptions in_dir{s_dir->path(), std::nullopt};
        s_runs[0] = run_cli({"run", "sample/2024/audit.toml", "--no-report", "--no-progress", "-q"}, in_dir);
        s_runs[1] = run_cli({"run", "sample/audit.toml", "--no-report", "--no-progress", "-q"}, in_dir);
        s_runs[2] = run_cli({"compare", "out/sample_audit_2024.gpkg", "out/sample_audit.gpkg", "--out", "out/change.gpkg"},
                            in_dir);
        s_expected = new CPLJSONDocument;
        s_loaded = s_expected->Load((sample / "2024" / "expected_compare.json").string());
    }
    static void TearDownTestSuite() {
        delete s_expected;
        delete s_dir;
    }
    void SetUp() override {
        for (const auto& r : s_runs) ASSERT_EQ(r.exit_code, 0) << r;
        ASSERT_TRUE(s_loaded);
        change = open_vector(path("out/change.gpkg"));
        ASSERT_TRUE(change);
    }
    static std::string path(const std::string& relative) { return (s_dir->path() / relative).string(); }
    static CPLJSONObject expected() { return s_expected->GetRoot(); }
    std::vector<Row> rows(const char* layer) { return read_layer(*change, layer); }

    static TempDir* s_dir;
    static RunResult s_runs[3];
    static CPLJSONDocument* s_expected;
    static bool s_loaded;
    GDALDatasetUniquePtr change;
};

TempDir* CompareSample::s_dir = nullptr;
RunResult CompareSample::s_runs[3];
CPLJSONDocument* CompareSample::s_expected = nullptr;
bool CompareSample::s_loaded = false;

TEST_F(CompareSample, ParkDisposalEqualsTheGenerators) {
    const std::vector<Row> park_rows = rows("park_change");
    const auto parks = index_by(park_rows, "park_id");
    const CPLJSONObject want = expected().GetObj("parks");
    ASSERT_EQ(parks.size(), static_cast<std::size_t>(want.GetChildren().size()));
    for (const CPLJSONObject& park : want.GetChildren()) {
        SCOPED_TRACE(park.GetName());
        ASSERT_TRUE(parks.count(park.GetName()));
        const Row& r = *parks.at(park.GetName());
        EXPECT_EQ(r.s("match"), "id");
        EXPECT_EQ(r.d("years"), 1.0);
        for (const char* kind : {"unsupplied", "idle"}) {
            const std::string stem = std::string(kind) == "unsupplied" ? "unsup" : "idle";
            EXPECT_NEAR(r.d(stem + "_stk"), park.GetDouble(std::string(kind) + "_stock_m2"), kAreaTolerance) << kind;
            EXPECT_NEAR(r.d(stem + "_dsp"), park.GetDouble(std::string(kind) + "_disposed_m2"), kAreaTolerance) << kind;
            EXPECT_NEAR(r.d(stem + "_rat"), park.GetDouble(std::string(kind) + "_ratio_pct"), 1e-6) << kind;
            // The shipped targets set no 处置率 (no seed does): reported, not judged.
            EXPECT_TRUE(r.null(stem + "_tgt"));
            EXPECT_TRUE(r.null(stem + "_ok"));
        }
    }
}

TEST_F(CompareSample, DisposalPiecesEqualTheGenerators) {
    const std::vector<Row> d = rows("disposal");
    // 批而未供 per batch: stock and disposed; idle per parcel: outcome and area.
    std::map<std::string, std::pair<double, double>> batches, want_batches;
    std::map<std::string, std::pair<std::string, double>> idle, want_idle;
    for (const Row& r : d) {
        if (r.s("kind") == "unsupplied") {
            auto& b = batches[r.s("source_id")];
            b.first += r.d("area_m2");
            if (r.d("disposed") == 1) b.second += r.d("area_m2");
            EXPECT_TRUE(r.s("outcome") == "supplied" || r.s("outcome") == "still_unsupplied") << r.s("outcome");
        } else {
            ASSERT_EQ(r.s("kind"), "idle");
            auto& p = idle[r.s("source_id")];
            EXPECT_TRUE(p.first.empty()) << "no idle parcel of the sample was split: " << r.s("source_id");
            p = {r.s("outcome"), r.d("area_m2")};
        }
        EXPECT_NEAR(r.d("area_mu"), r.d("area_m2") * 3.0 / 2000.0, 1e-9);
    }
    for (const CPLJSONObject& piece : expected().GetArray("unsupplied_pieces")) {
        auto& b = want_batches[piece.GetString("source_id")];
        b.first += piece.GetDouble("area_m2");
        b.second += piece.GetDouble("disposed_m2");
    }
    for (const CPLJSONObject& p : expected().GetArray("idle_parcels"))
        want_idle[p.GetString("parcel_id")] = {p.GetString("outcome"), p.GetDouble("area_m2")};
    ASSERT_EQ(batches.size(), want_batches.size());
    for (const auto& [id, want] : want_batches) {
        SCOPED_TRACE(id);
        EXPECT_NEAR(batches[id].first, want.first, kAreaTolerance);
        EXPECT_NEAR(batches[id].second, want.second, kAreaTolerance);
    }
    ASSERT_EQ(idle.size(), want_idle.size());
    for (const auto& [id, want] : want_idle) {
        SCOPED_TRACE(id);
        EXPECT_EQ(idle[id].first, want.first);
        EXPECT_NEAR(idle[id].second, want.second, kAreaTolerance);
    }
    // Each piece's geometry is the land its area describes.
    OGRLayer* layer = change->GetLayerByName("disposal");
    for (auto& f : *layer) {
        ASSERT_NE(f->GetGeometryRef(), nullptr);
        EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(f->GetGeometryRef())), f->GetFieldAsDouble("area_m2"), kAreaTolerance);
    }
}

TEST_F(CompareSample, SplitParcelWasMatchedByGeometry) {
    const std::vector<Row> pc = rows("parcel_change");
    std::set<std::string> parts, want;
    std::map<std::string, std::size_t> per_match;
    for (const Row& r : pc) ++per_match[r.s("match")];
    for (const CPLJSONObject& s : expected().GetArray("split")) {
        want.insert(s.GetString("parcel_id"));
        for (const Row& r : pc)
            if (r.s("parcel_id") == s.GetString("parcel_id")) {
                EXPECT_EQ(r.s("match"), "geometry");
                EXPECT_EQ(r.s("prev_id"), s.GetString("prev_id"));
                EXPECT_NEAR(r.d("match_pct"), s.GetDouble("share_of_part_pct"), 1e-6);
                parts.insert(r.s("parcel_id"));
            }
    }
    EXPECT_EQ(parts, want);
    EXPECT_EQ(per_match["geometry"], static_cast<std::size_t>(expected().GetInteger("parcels_by_geometry")));
    EXPECT_EQ(per_match["id"], static_cast<std::size_t>(expected().GetInteger("parcels_by_id")));
    EXPECT_EQ(per_match["new"], 0u);
    EXPECT_EQ(per_match["gone"], 0u);
    // The diagnostics layer reports the matches that needed geometry, and nothing else about parcels.
    std::set<std::string> reported;
    for (const Row& r : rows("diagnostics"))
        if (r.s("layer") == "parcels") {
            EXPECT_EQ(r.s("problem"), "matched_by_geometry");
            reported.insert(r.s("feature_id"));
        }
    EXPECT_EQ(reported, want);
    EXPECT_TRUE(contains(s_runs[2].out, "2 by geometry")) << s_runs[2];
}

TEST_F(CompareSample, PlantedTransitionsAndNewConflict) {
    const std::vector<Row> pc_rows = rows("parcel_change");
    const auto pc = index_by(pc_rows, "parcel_id");
    const CPLJSONObject grade = expected().GetObj("grade_change");
    const Row& g = *pc.at(grade.GetString("parcel_id"));
    EXPECT_EQ(g.s("grade0"), grade.GetString("grade0"));
    EXPECT_EQ(g.s("grade1"), grade.GetString("grade1"));
    EXPECT_EQ(g.s("change"), "grade_up");
    for (const CPLJSONObject& id : expected().GetArray("idle_started")) {
        const Row& r = *pc.at(id.ToString());
        SCOPED_TRACE(id.ToString());
        EXPECT_EQ(r.s("change"), "idle_started");
        EXPECT_TRUE(r.s("idle0") == "idle_1y" || r.s("idle0") == "idle_2y") << r.s("idle0");
        EXPECT_EQ(r.s("idle1"), "not_idle");
    }
    const CPLJSONObject conflict = expected().GetObj("new_conflict");
    const Row& c = *pc.at(conflict.GetString("parcel_id"));
    EXPECT_EQ(c.s("change"), "new_conflict");
    EXPECT_TRUE(contains(c.s("flags_new"), "REDLINE")) << c.s("flags_new");
    EXPECT_NEAR(conflict.GetDouble("earlier_overlap_m2"), 0.0, 1e-6);
    const std::vector<Row> cc = rows("conflict_change");
    ASSERT_EQ(cc.size(), 1u);  // the one red line that changed; nothing left a constraint
    EXPECT_EQ(cc[0].s("change"), "new");
    EXPECT_EQ(cc[0].s("layer"), conflict.GetString("layer"));
    EXPECT_EQ(cc[0].s("parcel_id"), conflict.GetString("parcel_id"));
    EXPECT_TRUE(contains(cc[0].s("feat_ids"), conflict.GetString("feature")));
    EXPECT_NEAR(cc[0].d("area_m2"), conflict.GetDouble("area_m2"), kAreaTolerance);
}

TEST_F(CompareSample, TransitionsAreTheTwoAuditsOwnValues) {
    auto earlier_ds = open_vector(path("out/sample_audit_2024.gpkg"));
    auto later_ds = open_vector(path("out/sample_audit.gpkg"));
    const std::vector<Row> e_rows = read_layer(*earlier_ds, "parcels"), l_rows = read_layer(*later_ds, "parcels");
    const auto e = index_by(e_rows, "parcel_id"), l = index_by(l_rows, "parcel_id");
    std::size_t grade_changes = 0;
    for (const Row& r : rows("parcel_change")) {
        ASSERT_TRUE(l.count(r.s("parcel_id"))) << r.s("parcel_id");
        ASSERT_TRUE(e.count(r.s("prev_id"))) << r.s("prev_id");
        const Row& a = *e.at(r.s("prev_id"));
        const Row& b = *l.at(r.s("parcel_id"));
        for (const char* f : {"grade", "idle", "status"}) {
            EXPECT_EQ(r.s(std::string(f) + "0"), a.s(f)) << r.s("parcel_id") << " " << f;
            EXPECT_EQ(r.s(std::string(f) + "1"), b.s(f)) << r.s("parcel_id") << " " << f;
        }
        if (!a.null("rev_mu") && !b.null("rev_mu") && a.d("rev_mu") > 0)  // one economics year apart
            EXPECT_NEAR(r.d("rev_g"), (b.d("rev_mu") / a.d("rev_mu") - 1) * 100, 1e-9) << r.s("parcel_id");
        grade_changes += a.s("grade") != b.s("grade");
    }
    EXPECT_GE(grade_changes, 1u);
}

TEST_F(CompareSample, ParkFiguresAreTheTwoAuditsOwn) {
    auto earlier_ds = open_vector(path("out/sample_audit_2024.gpkg"));
    auto later_ds = open_vector(path("out/sample_audit.gpkg"));
    const std::vector<Row> e_rows = read_layer(*earlier_ds, "parks"), l_rows = read_layer(*later_ds, "parks");
    const auto e = index_by(e_rows, "park_id"), l = index_by(l_rows, "park_id");
    for (const Row& r : rows("park_change")) {
        SCOPED_TRACE(r.s("park_id"));
        const Row& a = *e.at(r.s("park_id"));
        const Row& b = *l.at(r.s("park_id"));
        for (const auto& [stem, field] : std::vector<std::pair<std::string, std::string>>{
                 {"red", "red_m2"}, {"farm", "farm_m2"}, {"unsup", "unsup_m2"}, {"idle", "idle_m2"},
                 {"supply", "supply_pct"}, {"n_c", "n_c"}, {"rev", "rev_mu"}, {"tax", "tax_mu"}}) {
            EXPECT_EQ(r.opt(stem + "_0"), a.opt(field)) << stem;
            EXPECT_EQ(r.opt(stem + "_1"), b.opt(field)) << stem;
            if (!a.null(field) && !b.null(field)) EXPECT_NEAR(r.d(stem + "_d"), b.d(field) - a.d(field), 1e-9) << stem;
        }
        // The earlier audit's idle_m2 is the idle stock the disposal starts from.
        EXPECT_NEAR(r.d("idle_stk"), a.d("idle_m2"), kAreaTolerance);
    }
}

TEST_F(CompareSample, OpensStyled) {
    std::map<std::string, int> defaults;
    OGRLayer* styles = change->GetLayerByName("layer_styles");
    ASSERT_NE(styles, nullptr);
    for (auto& f : *styles)
        if (f->GetFieldAsInteger("useAsDefault") == 1) ++defaults[f->GetFieldAsString("f_table_name")];
    for (const char* layer : {"park_change", "parcel_change", "disposal", "conflict_change"})
        EXPECT_EQ(defaults[layer], 1) << layer;
}

TEST_F(CompareSample, NeverOverwritesAnInput) {
    const std::string before = read_bytes(path("out/sample_audit.gpkg"));
    RunResult r = run_cli({"compare", "out/sample_audit_2024.gpkg", "out/sample_audit.gpkg", "--out", "out/sample_audit.gpkg"},
                          {s_dir->path(), std::nullopt});
    EXPECT_NE(r.exit_code, 0) << r;
    EXPECT_EQ(read_bytes(path("out/sample_audit.gpkg")), before);
    for (const auto& entry : fs::directory_iterator(s_dir->path() / "out"))
        EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
}

}  // namespace
