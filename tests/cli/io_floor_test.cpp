// `landaudit run --no-analysis`: the I/O floor the bench compares the audit with (issue 8). It must
// write the parcels exactly as read — every feature, every source field, the geometry and a
// spatial index — and nothing else; checked against the sample's shapefile read with plain GDAL.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// The area of a Polygon or MultiPolygon (the sample's shapefile holds both).
double polygonal_area(const OGRGeometry* g) {
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) return g->toPolygon()->get_Area();
    if (type == wkbMultiPolygon) return g->toMultiPolygon()->get_Area();
    ADD_FAILURE() << "not polygonal: " << g->getGeometryName();
    return 0.0;
}

TEST(IoFloor, WritesTheParcelsAsReadAndNothingElse) {
    TempDir dir("landaudit-floor");
    fs::copy(LANDAUDIT_SAMPLE_DIR, dir.path() / "sample", fs::copy_options::recursive);
    const fs::path out = dir.path() / "floor.gpkg";
    RunResult r = run_cli({"run", (dir.path() / "sample" / "audit.toml").string(), "--no-analysis", "--no-progress",
                           "--out", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "No analysis")) << r;

    GDALAllRegister();
    auto shp = open_vector((dir.path() / "sample" / "parcels.shp").string(), {"ENCODING=CP936"});
    auto gpkg = open_vector(out.string());
    ASSERT_TRUE(shp && gpkg);
    ASSERT_EQ(gpkg->GetLayerCount(), 1);  // no analysis layers, no diagnostics
    OGRLayer* in = shp->GetLayer(0);
    OGRLayer* written = gpkg->GetLayerByName("parcels");
    ASSERT_NE(written, nullptr);
    EXPECT_EQ(written->GetFeatureCount(), in->GetFeatureCount());

    // Every source field is carried, after parcel_id.
    std::set<std::string> fields;
    for (int i = 0; i < written->GetLayerDefn()->GetFieldCount(); ++i)
        fields.insert(written->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    EXPECT_TRUE(fields.count("parcel_id"));
    for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i)
        EXPECT_TRUE(fields.count(in->GetLayerDefn()->GetFieldDefn(i)->GetNameRef()))
            << in->GetLayerDefn()->GetFieldDefn(i)->GetNameRef();

    // Same ids, same areas (the sample's parcels are already in the working CRS, EPSG:4522).
    std::map<std::string, double> area_in;
    for (auto& f : *in) area_in[f->GetFieldAsString("ZDDM")] = polygonal_area(f->GetGeometryRef());
    std::size_t compared = 0;
    for (auto& f : *written) {
        auto it = area_in.find(f->GetFieldAsString("parcel_id"));
        ASSERT_NE(it, area_in.end()) << f->GetFieldAsString("parcel_id");
        EXPECT_EQ(std::string(f->GetFieldAsString("ZDDM")), it->first);
        EXPECT_NEAR(polygonal_area(f->GetGeometryRef()), it->second, 1e-6);
        ++compared;
    }
    EXPECT_EQ(compared, area_in.size());

    // The spatial index a GIS needs is there.
    OGRLayer* rtree = gpkg->ExecuteSQL(
        "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'parcels' AND extension_name = 'gpkg_rtree_index'",
        nullptr, nullptr);
    ASSERT_NE(rtree, nullptr);
    OGRFeatureUniquePtr row(rtree->GetNextFeature());
    EXPECT_EQ(row->GetFieldAsInteger(0), 1);
    gpkg->ReleaseResultSet(rtree);
}

}  // namespace
