// The engine on real public data (../shared/realdata/va-rockbridge): US-feet CRS, messy geometry,
// empty ids. Expected counts come from the realdata README (SpatiaLite ST_IsValid) and from GDAL.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "cli_runner.h"
#include "test_config.h"

namespace {

using namespace cli_test;

const fs::path kConfig = fs::path(LANDAUDIT_SOURCE_DIR) / "tests/realdata/buena_vista.toml";
const fs::path kParcels = fs::path(LANDAUDIT_SHARED_DIR) / "realdata/va-rockbridge/buena-vista/bv_parcels.shp";

// (role, problem, action) → rows of the diagnostics layer.
std::map<std::string, int> diagnostic_counts(GDALDataset& ds) {
    std::map<std::string, int> counts;
    OGRLayer* layer = ds.GetLayerByName("diagnostics");
    for (auto& f : *layer)
        ++counts[std::string(f->GetFieldAsString("role")) + " " + f->GetFieldAsString("problem") + " " +
                 f->GetFieldAsString("action")];
    return counts;
}

TEST(RealData, BuenaVistaInUsFeetAuditsEveryParcel) {
    if (!fs::exists(kParcels)) GTEST_SKIP() << "shared/realdata is not beside the project";
    TempDir tmp("landaudit-realdata");
    const fs::path out = tmp.path() / "bv.gpkg";
    RunResult r = run_cli({"run", kConfig.string(), "--out", out.string(), "--no-progress"});
    ASSERT_EQ(r.exit_code, 0) << r;
    // The working CRS is metric although every input is in US survey feet (EPSG:2284).
    EXPECT_NE(r.out.find("EPSG:32147"), std::string::npos) << r;
    EXPECT_NE(r.out.find("EPSG:2284"), std::string::npos) << r;

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
    ASSERT_NE(ds, nullptr);
    // Every one of the 3671 parcels is audited: the one invalid parcel is repaired, not dropped.
    EXPECT_EQ(ds->GetLayerByName("parcels")->GetFeatureCount(), 3671);
    auto counts = diagnostic_counts(*ds);
    // realdata README: invalid per ST_IsValid — Buena Vista parcels 1, Land Use Program 7.
    EXPECT_EQ(counts["parcels invalid_geometry repaired"], 1);
    EXPECT_EQ(counts["farmland invalid_geometry repaired"], 7);

    // Parcels with an empty MAPNUM, counted by GDAL directly.
    GDALDatasetUniquePtr src(GDALDataset::Open(kParcels.c_str(), GDAL_OF_VECTOR));
    ASSERT_NE(src, nullptr);
    OGRLayer* empty = src->ExecuteSQL("SELECT * FROM bv_parcels WHERE MAPNUM IS NULL OR MAPNUM = ''", nullptr, nullptr);
    ASSERT_NE(empty, nullptr);
    const int empty_ids = static_cast<int>(empty->GetFeatureCount());
    src->ReleaseResultSet(empty);
    EXPECT_GT(empty_ids, 0);
    EXPECT_EQ(counts["parcels missing_id reported"], empty_ids);

    // Areas are square metres: the parcels' total equals the source's (US survey feet²) converted.
    double engine_m2 = 0;
    for (auto& f : *ds->GetLayerByName("parcels")) engine_m2 += f->GetFieldAsDouble("area_m2");
    double source_ft2 = 0;
    for (auto& f : *src->GetLayer(0))
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::unique_ptr<OGRGeometry> valid(g->MakeValid());
            if (valid) source_ft2 += OGR_G_Area(OGRGeometry::ToHandle(valid.get()));
        }
    const double us_foot_m = 1200.0 / 3937.0;
    // Two projections of the same ellipsoid (Virginia South in feet vs metres) differ only by the
    // unit, so the totals agree closely; GEOS and GDAL MakeValid may differ on the one bad parcel.
    EXPECT_NEAR(engine_m2 / (source_ft2 * us_foot_m * us_foot_m), 1.0, 1e-4);
}

}  // namespace
