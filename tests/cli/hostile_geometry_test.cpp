// Hostile geometry (issue 9): unreadable records are skipped and listed per feature in Shapefile
// and GeoPackage alike; a layer lying away from the parks is a warning and a diagnostics row; odd
// geometries (huge, degenerate, self-intersecting, not polygons, 3D, null) are each listed.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include "hostile_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

using HostileGeometry = HostileFixture;

// Big-endian int32 at `offset` of a byte string (the .shx/.shp header convention).
void put_big_endian(std::string& bytes, std::size_t offset, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (24 - 8 * i)) & 0xFF);
}

std::string feature_field(const fs::path& file, long long fid, const char* field) {
    GDALDatasetUniquePtr ds = open_vector(file.string());
    std::unique_ptr<OGRFeature> f(ds->GetLayer(0)->GetFeature(fid));
    return f ? f->GetFieldAsString(field) : "";
}

std::set<std::string> parcel_ids(const std::vector<Row>& parcels) {
    std::set<std::string> ids;
    for (const auto& p : parcels) ids.insert(p.s("parcel_id"));
    return ids;
}

// The .shx entry of record 6 points 200 MB past the end of the .shp: GDAL fails that one record.
// It is skipped and listed with its fid and parcel id; the other 478 are audited.
TEST_F(HostileGeometry, ShxOffsetPastTheShpSkipsThatParcelOnly) {
    const std::string id = feature_field(sample / "parcels.shp", 5, "ZDDM");
    std::string shx = read_bytes(sample / "parcels.shx");
    put_big_endian(shx, 100 + 5 * 8, 100000000);
    write_bytes(sample / "parcels.shx", shx);
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "unreadable_geometry", "skipped", "outside the .shp");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].d("src_fid"), 5);
    EXPECT_EQ(rows[0].s("feature_id"), id);
    const auto parcels = rows_of("parcels");
    EXPECT_EQ(parcels.size(), 478u);
    EXPECT_FALSE(parcel_ids(parcels).count(id));
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 0) << c;
    EXPECT_TRUE(contains(c.out, "feature 5 (" + id + "): unreadable_geometry, skipped")) << c;
}

// The .shx entry of record 8 points into the middle of record 1: GDAL returns no shape and says
// nothing. The index check finds that the bytes there are no record header and lists it.
TEST_F(HostileGeometry, ShxOffsetIntoAnotherRecordSkipsThatParcel) {
    const std::string id = feature_field(sample / "parcels.shp", 7, "ZDDM");
    std::string shx = read_bytes(sample / "parcels.shx");
    put_big_endian(shx, 100 + 7 * 8, 60);  // 120 bytes: inside the first record's content
    write_bytes(sample / "parcels.shx", shx);
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "unreadable_geometry", "skipped", "the .shx gives record 8");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].s("feature_id"), id);
    EXPECT_TRUE(diagnostics("parcels", "null_geometry", "skipped").empty()) << "not a null shape: an unreadable one";
    EXPECT_EQ(rows_of("parcels").size(), 478u);
}

// A .shp cut off after its header (an interrupted copy) loses every later record: an error that
// says the file is cut off, not 200 unreadable parcels.
TEST_F(HostileGeometry, ShpCutOffIsAnErrorNamingTheCut) {
    fs::resize_file(sample / "parcels.shp", 40000);
    RunResult r = run();
    expect_error(r, "parcels.shp", {"the .shp is cut off", "40000"});
    EXPECT_EQ(check().exit_code, 1);
}

// One GeoPackage row whose geometry blob is garbage: that red-line feature is skipped and listed
// with its fid and BSM; the others still count.
TEST_F(HostileGeometry, CorruptGeoPackageBlobSkipsThatFeatureOnly) {
    const std::string bsm = feature_field(sample / "redline.gpkg", 2, "BSM");
    execute_sql("redline.gpkg", "UPDATE redline SET geom = X'4750000300000000DEADBEEFDEADBEEF01' WHERE fid = 2");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("redline", "unreadable_geometry", "skipped");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].d("src_fid"), 2);
    EXPECT_EQ(rows[0].s("feature_id"), bsm);
    int red = 0;
    for (const auto& c : rows_of("conflicts")) {
        EXPECT_FALSE(contains(c.s("feat_ids"), bsm)) << "an unreadable feature cannot overlap anything";
        red += c.s("layer") == "redline";
    }
    EXPECT_GT(red, 0) << "the other red-line features still count";
}

// The same in a parcels GeoPackage: the parcel with the broken blob is the only one missing.
TEST_F(HostileGeometry, CorruptParcelBlobInAGeoPackageSkipsThatParcel) {
    translate("parcels.shp", "parcels.gpkg", {"-f", "GPKG", "-nln", "parcels"}, {"ENCODING=GB18030"});
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) fs::remove(sample / (std::string("parcels") + ext));
    edit_config("path = \"parcels.shp\"", "path = \"parcels.gpkg\"");
    const std::string id = feature_field(sample / "parcels.gpkg", 10, "ZDDM");
    execute_sql("parcels.gpkg", "UPDATE parcels SET geom = X'47500003E6100000FFFF' WHERE fid = 10");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "unreadable_geometry", "skipped");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].s("feature_id"), id);
    const auto parcels = rows_of("parcels");
    EXPECT_EQ(parcels.size(), 478u);
    EXPECT_FALSE(parcel_ids(parcels).count(id));
}

// Every geometry blob of the parks unreadable: nothing to audit, an error naming the skips.
TEST_F(HostileGeometry, ParksWithOnlyUnreadableGeometryAreAnError) {
    translate("parks.geojson", "parks.gpkg", {"-f", "GPKG", "-nln", "parks"});
    edit_config("path = \"parks.geojson\"", "path = \"parks.gpkg\"");
    execute_sql("parks.gpkg", "UPDATE parks SET geom = X'4750000300000000DEADBEEF'");
    RunResult r = run();
    expect_error(r, "parks.gpkg");
    EXPECT_TRUE(contains(r.err, "has no features")) << r;
}

// Farmland declared in the neighbouring CM's CRS (EPSG:4544 instead of 4543) lands 300 km east:
// a warning and a layer_outside_parks row with both bounds and a hint, not 0 m² of farmland in silence.
TEST_F(HostileGeometry, ConstraintLayerAwayFromTheParksIsWarnedAndListed) {
    insert_before("[farmland.fields]", "crs = \"EPSG:4544\"\n");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("farmland", "layer_outside_parks", "reported", "overlaps no park");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_TRUE(contains(rows[0].s("detail"), "the parks lie within (")) << rows[0].s("detail");
    EXPECT_TRUE(contains(rows[0].s("detail"), "another CRS")) << rows[0].s("detail");
    EXPECT_TRUE(contains(rows[0].s("source"), "farmland.shp"));
    EXPECT_EQ(diagnostics("redline", "layer_outside_parks", "reported").size(), 0u) << "only the moved layer";
    EXPECT_EQ(diagnostics("parcels", "layer_outside_parks", "reported").size(), 0u);
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 0) << c;
    EXPECT_TRUE(contains(c.err, "landaudit: warning: [farmland]")) << c;
    EXPECT_TRUE(contains(c.err, "overlaps no park")) << c;
}

// Parcels moved 30 km east (another town's file, or wrong false easting): all in no park. Listed.
TEST_F(HostileGeometry, ParcelsAwayFromTheParksAreListed) {
    translate("parcels.shp", "moved.shp",
              {"-s_srs", "EPSG:4522", "-t_srs", "EPSG:4522", "-ct", "+proj=affine +xoff=30000"},
              {"ENCODING=GB18030"});
    edit_config("path = \"parcels.shp\"", "path = \"moved.shp\"");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(diagnostics("parcels", "layer_outside_parks", "reported", "overlaps no park").size(), 1u);
    for (const auto& p : rows_of("parcels")) EXPECT_EQ(p.s("park_id"), "") << p.s("parcel_id");
}

// A red line from another place (1° east, degrees): listed; the parks' red-line figures are 0.
TEST_F(HostileGeometry, RedlineFromAnotherPlaceIsListed) {
    translate("redline.gpkg", "far_redline.gpkg",
              {"-f", "GPKG", "-nln", "redline", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4490", "-ct",
               "+proj=affine +xoff=1.0"});
    edit_config("path = \"redline.gpkg\"", "path = \"far_redline.gpkg\"");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(diagnostics("redline", "layer_outside_parks", "reported").size(), 1u);
    for (const auto& p : rows_of("parks")) EXPECT_EQ(p.d("red_m2"), 0.0) << p.s("park_id");
}

// A vertex at 1e300 in a projected layer: outside the CRS's area of use, skipped and listed, not
// "repaired" into a parcel of 1e301 m².
TEST_F(HostileGeometry, HugeCoordinateIsSkippedNotAudited) {
    std::string id;
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i != 3) return false;
        id = f.GetFieldAsString("ZDDM");
        OGRPolygon* poly = f.GetGeometryRef()->toPolygon();
        poly->getExteriorRing()->setPoint(1, 1e300, 2760000.0);
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "outside_crs_area", "skipped");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].s("feature_id"), id);
    for (const auto& p : rows_of("parcels")) EXPECT_LT(p.d("area_m2"), 1e7) << p.s("parcel_id");
}

// A parcel whose ring is a line there and back (zero area): listed as invalid, left out, never
// a parcel of 0 m² with per-mu figures divided by zero.
TEST_F(HostileGeometry, ZeroAreaParcelIsListedAndLeftOut) {
    std::string id;
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i != 4) return false;
        id = f.GetFieldAsString("ZDDM");
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(
            "POLYGON ((34560000 2760000, 34560100 2760000, 34560200 2760000, 34560000 2760000))", nullptr, &g);
        f.SetGeometryDirectly(g);
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    bool listed = false;
    for (const auto& d : rows_of("diagnostics"))
        listed = listed || (d.s("feature_id") == id && d.s("action") == "skipped");
    EXPECT_TRUE(listed) << id;
    for (const auto& p : rows_of("parcels")) {
        EXPECT_NE(p.s("parcel_id"), id);
        EXPECT_GT(p.d("area_m2"), 0.0) << p.s("parcel_id");
    }
}

// A bow-tie parcel: repaired with MakeValid and listed with its area before and after; with
// invalid_geometry = "skip" it is left out and listed instead.
TEST_F(HostileGeometry, SelfIntersectingParcelIsRepairedOrSkippedAsConfigured) {
    std::string id;
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i != 6) return false;
        id = f.GetFieldAsString("ZDDM");
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(
            "POLYGON ((34560000 2760000, 34560100 2760100, 34560100 2760000, 34560000 2760100, 34560000 2760000))",
            nullptr, &g);
        f.SetGeometryDirectly(g);
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    bool repaired = false;
    for (const auto& d : diagnostics("parcels", "invalid_geometry", "repaired", "Self-intersection"))
        repaired = repaired || d.s("feature_id") == id;
    EXPECT_TRUE(repaired);
    for (const auto& p : rows_of("parcels"))
        if (p.s("parcel_id") == id) EXPECT_NEAR(p.d("area_m2"), 5000.0, 0.01) << "two triangles of 50 × 100 m / 2";

    edit_config("invalid_geometry = \"repair\"", "invalid_geometry = \"skip\"");
    r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    bool skipped = false;
    for (const auto& d : diagnostics("parcels", "invalid_geometry", "skipped")) skipped = skipped || d.s("feature_id") == id;
    EXPECT_TRUE(skipped);
    EXPECT_FALSE(parcel_ids(rows_of("parcels")).count(id));
}

// Mixed geometry types in a parcels GeoPackage: a point is not a polygon (skipped), a collection
// of a polygon and a line keeps its polygon (repaired), an empty polygon is skipped; each listed.
TEST_F(HostileGeometry, MixedGeometryTypesAreEachListed) {
    translate("parcels.shp", "parcels.gpkg", {"-f", "GPKG", "-nln", "parcels", "-nlt", "GEOMETRY"}, {"ENCODING=GB18030"});
    edit_config("path = \"parcels.shp\"", "path = \"parcels.gpkg\"");
    std::vector<std::string> ids;
    update_features("parcels.gpkg", [&](OGRFeature& f, int i) {
        const char* wkt = i == 1   ? "POINT (34560000 2760000)"
                          : i == 2 ? "GEOMETRYCOLLECTION (POLYGON ((34560000 2760000, 34560100 2760000, 34560100 "
                                     "2760100, 34560000 2760000)), LINESTRING (34560000 2760000, 34560500 2760500))"
                          : i == 3 ? "POLYGON EMPTY"
                                   : nullptr;
        if (!wkt) return false;
        ids.push_back(f.GetFieldAsString("ZDDM"));
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
        f.SetGeometryDirectly(g);
        return true;
    });
    ASSERT_EQ(ids.size(), 3u);
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto has = [&](const char* problem, const char* action, const std::string& id) {
        for (const auto& d : diagnostics("parcels", problem, action))
            if (d.s("feature_id") == id) return true;
        return false;
    };
    EXPECT_TRUE(has("not_polygon", "skipped", ids[0]));
    EXPECT_TRUE(has("mixed_geometry", "repaired", ids[1]));
    EXPECT_TRUE(has("empty_geometry", "skipped", ids[2]));
    const auto parcels = rows_of("parcels");
    EXPECT_EQ(parcels.size(), 477u);
    for (const auto& p : parcels)
        if (p.s("parcel_id") == ids[1]) EXPECT_NEAR(p.d("area_m2"), 5000.0, 0.01);
}

// Some null geometries among good ones: each skipped and listed, the rest audited.
TEST_F(HostileGeometry, SomeNullGeometriesAreSkippedAndListed) {
    std::set<std::string> nulled;
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i % 100 != 0) return false;
        nulled.insert(f.GetFieldAsString("ZDDM"));
        f.SetGeometryDirectly(nullptr);
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    std::set<std::string> listed;
    for (const auto& d : diagnostics("parcels", "null_geometry", "skipped")) listed.insert(d.s("feature_id"));
    EXPECT_EQ(listed, nulled);
    EXPECT_EQ(rows_of("parcels").size(), 479u - nulled.size());
}

// 3D parcels (Z from a survey): audited in 2D with one z_or_m_dropped row, areas as in 2D.
TEST_F(HostileGeometry, ThreeDimensionalParcelsAreFlattenedAndListed) {
    translate("parcels.shp", "parcels3d.gpkg", {"-f", "GPKG", "-nln", "parcels", "-dim", "XYZ"}, {"ENCODING=GB18030"});
    edit_config("path = \"parcels.shp\"", "path = \"parcels3d.gpkg\"");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(diagnostics("parcels", "z_or_m_dropped", "repaired", "479 feature(s)").size(), 1u);
    EXPECT_EQ(rows_of("parcels").size(), 479u);
}

// Two parcels sharing one id: both audited and the second listed as duplicate_id.
TEST_F(HostileGeometry, DuplicateParcelIdsAreKeptAndListed) {
    std::string first;
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i == 0) first = f.GetFieldAsString("ZDDM");
        if (i != 1) return false;
        f.SetField("ZDDM", first.c_str());
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "duplicate_id", "reported", "feature 0");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].s("feature_id"), first);
    int n = 0;
    for (const auto& p : rows_of("parcels")) n += p.s("parcel_id") == first;
    EXPECT_EQ(n, 2);
}

// An empty parcel id: the parcel is audited as fid:N and listed.
TEST_F(HostileGeometry, EmptyParcelIdBecomesFidAndIsListed) {
    update_features("parcels.shp", [&](OGRFeature& f, int i) {
        if (i != 12) return false;
        f.SetField("ZDDM", "");
        return true;
    });
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    auto rows = diagnostics("parcels", "missing_id", "reported", "'ZDDM' is empty");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].s("feature_id"), "fid:12");
    EXPECT_TRUE(parcel_ids(rows_of("parcels")).count("fid:12"));
}

}  // namespace
