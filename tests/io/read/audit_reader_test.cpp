// Round trip: what write_geopackage writes (layers, aliases, titles, provenance, styles),
// read_audit_output reads back unchanged; a GeoPackage that is not an audit is refused.
#include "io/read/audit_reader.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "io/gdal_session.h"
#include "io/write/gpkg_writer.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

WkbGeometry square_wkb() {
    // 100 m × 100 m in zone 34: 10 000 m² = 15 亩.
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(
        "MULTIPOLYGON (((34500000 2760000,34500100 2760000,34500100 2760100,34500000 2760100,34500000 2760000)))",
        nullptr, &g);
    std::unique_ptr<OGRGeometry> owned(g);
    WkbGeometry out;
    out.bytes.resize(owned->WkbSize());
    owned->exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
    return out;
}

std::vector<OutputTable> audit_tables() {
    OutputTable parcels{"parcels", "宗地合规", OutputGeometry::MultiPolygon, {}, {}};
    parcels.add_field("parcel_id", FieldType::String, "宗地代码");
    parcels.add_field("area_mu", FieldType::Real, "面积(亩,平面)");
    parcels.add_field("year", FieldType::Integer, "数据年度");
    parcels.add_field("QLR", FieldType::String, "");
    parcels.rows.push_back({square_wkb(), {std::string("P1"), 15.0, 2024LL, std::string("某公司")}});
    parcels.rows.push_back({square_wkb(), {std::string("P2"), FieldValue{}, FieldValue{}, FieldValue{}}});
    OutputTable parks{"parks", "园区合规", OutputGeometry::MultiPolygon, {}, {}};
    parks.add_field("park_id", FieldType::String, "园区代码");
    parks.rows.push_back({square_wkb(), {std::string("G1")}});
    OutputTable diagnostics{"diagnostics", "数据问题诊断", OutputGeometry::None, {}, {}};
    diagnostics.add_field("problem", FieldType::String, "问题");
    diagnostics.rows.push_back({{}, {std::string("missing_id")}});
    return {parcels, parks, diagnostics};
}

RunInfo run_info() {
    RunInfo i;
    i.engine_version = "9.9.9";
    i.audit_name = "测试审计";
    i.config_path = "/tmp/audit.toml";
    i.config_text = "[audit]\nname = \"测试审计\"\n";
    i.working_crs = "EPSG:4522";
    i.working_crs_name = "CGCS2000 / 3-degree Gauss-Kruger zone 34";
    i.area_method = "planar";
    i.as_of = "2025-12-31";
    i.min_overlap_m2 = 1.5;
    i.started = "2026-12-02T08:00:00+08:00";
    i.finished = "2026-12-02T08:00:05+08:00";
    i.inputs.push_back({"parcels", "zd", "/data/宗地.shp", "ab12", 1234, 479, "EPSG:4522", "GB18030"});
    i.inputs.push_back({"parcels", "zd", "/data/宗地.dbf", "cd34", 99, -1, "", ""});
    i.inputs.push_back({"rule_set", "kunming-2021", "/rules/kunming-2021.toml", "ef56", 10, -1, "", ""});
    return i;
}

class AuditReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("landaudit-reader-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                           "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        out = dir / "audit.gpkg";
    }
    void TearDown() override { fs::remove_all(dir); }
    fs::path dir, out;
};

TEST_F(AuditReaderTest, ReadsBackLayersAliasesTitlesValuesAndGeometry) {
    write_geopackage(audit_tables(), out.string(), "EPSG:4522", {}, GeopackageExtras{{}, run_info()}, no_progress);
    AuditOutput a = read_audit_output(out.string());
    ASSERT_EQ(a.tables.size(), 3u) << "run_info and run_inputs are provenance, not audit layers";
    EXPECT_EQ(a.tables[0].name, "parcels");
    EXPECT_EQ(a.tables[0].title, "宗地合规");
    EXPECT_EQ(a.crs_authid, "EPSG:4522");
    EXPECT_NE(a.crs_wkt.find("Gauss"), std::string::npos) << a.crs_wkt;
    const OutputTable* parcels = a.table("parcels");
    ASSERT_NE(parcels, nullptr);
    ASSERT_EQ(parcels->fields.size(), 4u);
    EXPECT_EQ(parcels->fields[1].alias, "面积(亩,平面)");
    EXPECT_EQ(parcels->fields[1].type, FieldType::Real);
    EXPECT_EQ(parcels->fields[2].type, FieldType::Integer);
    EXPECT_EQ(parcels->fields[3].alias, "") << "a field without alias stays without";
    ASSERT_EQ(parcels->rows.size(), 2u);
    EXPECT_EQ(std::get<std::string>(parcels->rows[0].values[0]), "P1");
    EXPECT_DOUBLE_EQ(std::get<double>(parcels->rows[0].values[1]), 15.0);
    EXPECT_EQ(std::get<long long>(parcels->rows[0].values[2]), 2024);
    EXPECT_EQ(std::get<std::string>(parcels->rows[0].values[3]), "某公司");
    EXPECT_TRUE(is_null(parcels->rows[1].values[1])) << "null stays null, not 0";
    // The geometry comes back as the same square: 10 000 m².
    OGRGeometry* g = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkb(parcels->rows[0].geometry.bytes.data(), nullptr, &g,
                                                parcels->rows[0].geometry.bytes.size()),
              OGRERR_NONE);
    std::unique_ptr<OGRGeometry> owned(g);
    EXPECT_NEAR(owned->toMultiPolygon()->get_Area(), 10000.0, 1e-6);
    const OutputTable* diagnostics = a.table("diagnostics");
    ASSERT_NE(diagnostics, nullptr);
    EXPECT_EQ(diagnostics->geometry, OutputGeometry::None);
    EXPECT_EQ(a.table("run_info"), nullptr);
}

TEST_F(AuditReaderTest, RunInfoRoundTrips) {
    const RunInfo written = run_info();
    write_geopackage(audit_tables(), out.string(), "EPSG:4522", {}, GeopackageExtras{{}, written}, no_progress);
    const RunInfo r = read_audit_output(out.string()).run_info;
    EXPECT_EQ(r.engine_version, "9.9.9");
    EXPECT_EQ(r.audit_name, "测试审计");
    EXPECT_EQ(r.config_text, written.config_text);
    EXPECT_EQ(r.as_of, "2025-12-31");
    EXPECT_DOUBLE_EQ(r.min_overlap_m2, 1.5);
    EXPECT_EQ(r.started, written.started);
    EXPECT_EQ(r.finished, written.finished);
    ASSERT_EQ(r.inputs.size(), 3u);
    EXPECT_EQ(r.inputs[0].path, "/data/宗地.shp");
    EXPECT_EQ(r.inputs[0].sha256, "ab12");
    EXPECT_EQ(r.inputs[0].features, 479);
    EXPECT_EQ(r.inputs[0].encoding, "GB18030");
    EXPECT_EQ(r.inputs[1].features, -1) << "a sidecar has no feature count";
    EXPECT_EQ(r.inputs[2].role, "rule_set");
    EXPECT_EQ(r.inputs[2].name, "kunming-2021");

    // The same facts are GDAL metadata (gpkg_metadata), for GDAL-based tools.
    ensure_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    const char* as_of = ds->GetMetadataItem("LANDAUDIT_as_of");
    ASSERT_NE(as_of, nullptr);
    EXPECT_STREQ(as_of, "2025-12-31");
}

TEST_F(AuditReaderTest, OutputWithoutRunInfoReadsWithEmptyRunInfo) {
    write_geopackage(audit_tables(), out.string(), "EPSG:4522", {}, no_progress);
    AuditOutput a = read_audit_output(out.string());
    EXPECT_TRUE(a.run_info.empty());
    EXPECT_EQ(a.tables.size(), 3u);
}

TEST_F(AuditReaderTest, StylesAreWrittenForQgisAndNotReadAsALayer) {
    LayerStyle s{"parcels", "geom", "parcels: 主要状态", "按主要状态分类", "<qgis version=\"3.22\"/>", true};
    write_geopackage(audit_tables(), out.string(), "EPSG:4522", {}, GeopackageExtras{{s}, {}}, no_progress);
    ensure_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    ASSERT_NE(styles, nullptr);
    ASSERT_EQ(styles->GetFeatureCount(), 1);
    auto f = std::unique_ptr<OGRFeature>(styles->GetNextFeature());
    EXPECT_STREQ(f->GetFieldAsString("f_table_name"), "parcels");
    EXPECT_STREQ(f->GetFieldAsString("f_table_schema"), "");
    EXPECT_STREQ(f->GetFieldAsString("f_geometry_column"), "geom");
    EXPECT_STREQ(f->GetFieldAsString("styleQML"), "<qgis version=\"3.22\"/>");
    EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
    EXPECT_EQ(read_audit_output(out.string()).table("layer_styles"), nullptr);
}

TEST_F(AuditReaderTest, NotAnAuditIsRefusedNamingTheFile) {
    OutputTable other{"roads", "", OutputGeometry::MultiPolygon, {}, {}};
    write_geopackage({other}, out.string(), "EPSG:4522", {}, no_progress);
    try {
        read_audit_output(out.string());
        FAIL() << "expected an error";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find(out.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not a landaudit output"), std::string::npos) << e.what();
        EXPECT_EQ(e.kind(), AuditError::Kind::Input);
    }
    EXPECT_THROW(read_audit_output((dir / "missing.gpkg").string()), AuditError);
}

}  // namespace
}  // namespace landaudit
