// `export_audit` on a hand-made audit, each format read back with plain GDAL (and the workbook's
// XML through /vsizip/): names, order, headers, values, encodings, the .dbf limits and the warnings
// they give, RFC 7946 coordinates, atomic writes and the guards against replacing inputs.
#include "io/export/table_export.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "io/export/csv_export.h"
#include "io/export/dbf_text_export.h"
#include "io/gdal_session.h"
#include "io/export/xlsx_export.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

// 100 m × 100 m in CGCS2000 zone 34 (EPSG:4522, central meridian 102°E): 10 000 m² = 15 亩.
constexpr const char* kSquare =
    "MULTIPOLYGON (((34500000 2750000,34500100 2750000,34500100 2750100,34500000 2750100,34500000 2750000)))";
// Its western half: 5 000 m² = 7.5 亩.
constexpr const char* kHalf =
    "MULTIPOLYGON (((34500000 2750000,34500050 2750000,34500050 2750100,34500000 2750100,34500000 2750000)))";

WkbGeometry wkb(const char* wkt) {
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
    std::unique_ptr<OGRGeometry> owned(g);
    WkbGeometry out;
    out.bytes.resize(owned->WkbSize());
    owned->exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
    return out;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// 100 × 宗: 300 bytes in UTF-8 (over the .dbf's 254), 200 in GBK; ✓ (U+2713) is not in GBK.
const std::string kLongReason = repeat("宗", 100) + "✓";

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string zip_entry(const fs::path& zip, const std::string& entry) {
    const std::string path = "/vsizip/" + zip.string() + "/" + entry;
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return {};
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    VSIFCloseL(f);
    return out;
}

class TableExportTest : public ::testing::Test {
protected:
    void SetUp() override {
        ensure_gdal();
        std::string pattern = (fs::temp_directory_path() / "landaudit-export-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        root = pattern;
        dir = root / "exports" / "new";  // does not exist yet: the export creates it

        OGRSpatialReference srs;
        srs.importFromEPSG(4522);
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", nullptr};
        srs.exportToWkt(&wkt, options);
        output.crs_wkt = wkt;
        CPLFree(wkt);
        output.crs_authid = "EPSG:4522";
        output.path = (root / "my_audit.gpkg").string();

        OutputTable parcels{"parcels", "宗地合规", OutputGeometry::MultiPolygon, {}, {}};
        parcels.add_field("parcel_id", FieldType::String, "宗地代码");
        parcels.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
        parcels.add_field("area_mu", FieldType::Real, "面积(亩,平面)");
        parcels.add_field("red_pct", FieldType::Real, "占生态红线比例(%)");
        parcels.add_field("far", FieldType::Real, "容积率");
        parcels.add_field("year", FieldType::Integer, "数据年度");
        parcels.add_field("reasons", FieldType::String, "评价依据");
        parcels.add_field("QLR", FieldType::String, "");  // a source field without alias
        parcels.rows.push_back({wkb(kSquare), {std::string("P1"), 10000.0, 15.0, 12.5, 1.2, 2023LL, kLongReason,
                                               std::string("某公司, \"甲\"")}});
        parcels.rows.push_back({wkb(kHalf), {std::string("P2"), 5000.0, 7.5, FieldValue{}, FieldValue{}, FieldValue{},
                                             std::string("合规"), FieldValue{}}});
        OutputTable parks{"parks", "园区合规", OutputGeometry::MultiPolygon, {}, {}};
        parks.add_field("park_id", FieldType::String, "园区代码");
        parks.add_field("name", FieldType::String, "园区名称");
        parks.add_field("area_m2", FieldType::Real, "面积(平方米,平面)");
        parks.add_field("n_parcels", FieldType::Integer, "宗地数");
        parks.rows.push_back({wkb(kSquare), {std::string("G1"), std::string("示例园区"), 10000.0, 2LL}});
        OutputTable diagnostics{"diagnostics", "数据问题诊断", OutputGeometry::None, {}, {}};
        diagnostics.add_field("role", FieldType::String, "图层角色");
        diagnostics.add_field("problem", FieldType::String, "问题");
        diagnostics.rows.push_back({{}, {std::string("parcels"), std::string("missing_id")}});
        output.tables = {parcels, parks, diagnostics};

        output.run_info.engine_version = "9.9.9";
        output.run_info.audit_name = "测试审计";
        output.run_info.working_crs = "EPSG:4522";
        InputFileRecord input;
        input.role = "parcels";
        input.path = (root / "input" / "parcels.shp").string();
        input.sha256 = std::string(64, '0');
        output.run_info.inputs.push_back(input);

        LayerStyle style;
        style.table = "parcels";
        style.name = "宗地状态";
        style.qml = "<qgis version=\"3.22\"><renderer-v2 type=\"categorizedSymbol\"/></qgis>\n";
        style.is_default = true;
        LayerStyle other = style;
        other.name = "评价等级";
        other.qml = "<qgis>not the default</qgis>";
        other.is_default = false;
        styles = {other, style};
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(root, ec);
    }

    ExportResult run(ExportFormat format, const std::string& encoding = "UTF-8") {
        return export_audit(output, styles, ExportOptions{format, dir.string(), encoding}, no_progress);
    }

    // No hidden temporary is left behind.
    void expect_no_partial_files() const {
        for (const auto& e : fs::directory_iterator(dir))
            EXPECT_NE(e.path().filename().string().front(), '.') << "left behind: " << e.path();
    }

    fs::path root, dir;
    AuditOutput output;
    std::vector<LayerStyle> styles;
};

TEST(DbfTextEncoder, CutsUtf8AtCharacterBoundaryAndCountsBytes) {
    DbfTextEncoder utf8("UTF-8");
    DbfText t = utf8.fit(kLongReason);
    EXPECT_TRUE(t.truncated);
    EXPECT_FALSE(t.replaced);
    EXPECT_EQ(t.utf8, repeat("宗", 84));  // 84 × 3 = 252 ≤ 254 < 255 = 85 × 3
    EXPECT_EQ(t.bytes, 252u);
    DbfText short_text = utf8.fit("合规 ok");
    EXPECT_FALSE(short_text.truncated);
    EXPECT_EQ(short_text.bytes, 9u);
}

TEST(DbfTextEncoder, GbkCountsTwoBytesPerHanziAndReplacesWhatGbkLacks) {
    DbfTextEncoder gbk("CP936");
    DbfText t = gbk.fit(kLongReason);
    EXPECT_FALSE(t.truncated);  // 100 × 2 + 1 = 201 bytes
    EXPECT_TRUE(t.replaced);
    EXPECT_EQ(t.first_replaced, "✓");
    EXPECT_EQ(t.utf8, repeat("宗", 100) + "?");
    EXPECT_EQ(t.bytes, 201u);
    DbfText cut = gbk.fit(repeat("宗", 130));  // 260 bytes: 127 fit (254)
    EXPECT_TRUE(cut.truncated);
    EXPECT_EQ(cut.utf8, repeat("宗", 127));
}

TEST(XlsxLayout, UnitsFromHeadersAndWidths) {
    EXPECT_EQ(unit_of("面积(平方米,平面)"), "平方米");
    EXPECT_EQ(unit_of("面积(亩,平面)"), "亩");
    EXPECT_EQ(unit_of("亩均投资(万元/亩)"), "万元/亩");
    EXPECT_EQ(unit_of("供地率(%)"), "%");
    EXPECT_EQ(unit_of("面积（平方米）"), "平方米");
    EXPECT_EQ(unit_of("容积率"), "");
    EXPECT_EQ(display_width("宗地abc"), 7.0);
    const XlsxLayout layout = load_xlsx_layout();
    ASSERT_GE(layout.sheets.size(), 8u);
    EXPECT_EQ(layout.sheets[0].table, "parks");
    EXPECT_EQ(layout.sheets[0].name, "园区汇总");
    EXPECT_EQ(layout.unit_formats.at("平方米"), "#,##0.00");
}

TEST_F(TableExportTest, CsvHasBomFieldNamesAndExactValues) {
    const ExportResult r = run(ExportFormat::Csv);
    ASSERT_TRUE(fs::is_directory(dir));
    const std::vector<std::string> expected{(dir / "parcels.csv").string(), (dir / "parks.csv").string(),
                                            (dir / "diagnostics.csv").string(), (dir / "run_info.csv").string(),
                                            (dir / "run_inputs.csv").string()};
    EXPECT_EQ(r.paths, expected);
    EXPECT_TRUE(r.warnings.empty());
    const std::string csv = read_bytes(dir / "parcels.csv");
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3), "parcel_id,area_m2,area_mu,red_pct,far,year,reasons,QLR\r\n"
                             "P1,10000,15,12.5,1.2,2023," + kLongReason + ",\"某公司, \"\"甲\"\"\"\r\n"
                             "P2,5000,7.5,,,,合规,\r\n");
    // GDAL's CSV reader agrees (quoting, BOM).
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.csv").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    EXPECT_EQ(layer->GetFeatureCount(), 2);
    EXPECT_STREQ(layer->GetLayerDefn()->GetFieldDefn(0)->GetNameRef(), "parcel_id");
    auto f = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    EXPECT_EQ(std::string(f->GetFieldAsString("QLR")), "某公司, \"甲\"");
    expect_no_partial_files();
}

TEST_F(TableExportTest, XlsxSheetsInOrderWithChineseHeadersFrozenFilteredAndFormatted) {
    const ExportResult r = run(ExportFormat::Xlsx);
    const fs::path xlsx = dir / "my_audit.xlsx";
    ASSERT_EQ(r.paths, std::vector<std::string>{xlsx.string()});
    EXPECT_TRUE(r.warnings.empty());
    expect_no_partial_files();

    // Sheets of the layout's order that the output has: 园区汇总, 宗地, 数据问题, 运行信息, 输入数据.
    const std::string workbook = zip_entry(xlsx, "xl/workbook.xml");
    const std::vector<std::string> names{"园区汇总", "宗地", "数据问题", "运行信息", "输入数据"};
    std::size_t at = 0;
    for (const auto& n : names) {
        const std::size_t found = workbook.find("<sheet name=\"" + n + "\"");
        ASSERT_NE(found, std::string::npos) << n << "\n" << workbook;
        EXPECT_GT(found, at) << n << " out of order";
        at = found;
    }
    EXPECT_EQ(workbook.find("冲突图斑"), std::string::npos);  // the output has no conflicts layer

    // 宗地 is sheet2: header frozen, autofilter over the header and both rows, 8 columns A–H.
    const std::string sheet = zip_entry(xlsx, "xl/worksheets/sheet2.xml");
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos) << sheet.substr(0, 800);
    EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos);
    EXPECT_NE(sheet.find("<autoFilter ref=\"A1:H3\""), std::string::npos);
    const std::string styles_xml = zip_entry(xlsx, "xl/styles.xml");
    EXPECT_NE(styles_xml.find("formatCode=\"#,##0.00\""), std::string::npos);
    EXPECT_NE(styles_xml.find("formatCode=\"0.00\""), std::string::npos);

    // Values and headers read back with GDAL's XLSX driver.
    const char* oo[] = {"HEADERS=FORCE", "FIELD_TYPES=AUTO", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(xlsx.c_str(), GDAL_OF_VECTOR, nullptr, oo, nullptr));
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetLayerCount(), 5);
    OGRLayer* parcels = ds->GetLayerByName("宗地");
    ASSERT_TRUE(parcels);
    OGRFeatureDefn* defn = parcels->GetLayerDefn();
    const std::vector<std::string> headers{"宗地代码", "面积(平方米,平面)", "面积(亩,平面)", "占生态红线比例(%)",
                                           "容积率", "数据年度", "评价依据", "QLR"};
    ASSERT_EQ(defn->GetFieldCount(), 8);
    for (int i = 0; i < 8; ++i) EXPECT_EQ(defn->GetFieldDefn(i)->GetNameRef(), headers[i]);
    EXPECT_EQ(parcels->GetGeomType(), wkbNone);
    double area = 0, mu = 0;
    for (auto& f : *parcels) {
        area += f->GetFieldAsDouble(1);
        mu += f->GetFieldAsDouble(2);
    }
    EXPECT_DOUBLE_EQ(area, 15000.0);
    EXPECT_DOUBLE_EQ(mu, 22.5);
    parcels->ResetReading();
    auto first = std::unique_ptr<OGRFeature>(parcels->GetNextFeature());
    EXPECT_EQ(std::string(first->GetFieldAsString(6)), kLongReason);  // the workbook keeps the whole text
}

TEST_F(TableExportTest, XlsxCutsTextAtExcelsCellLimitAndSaysSo) {
    output.tables[2].rows[0].values[1] = std::string(kXlsxMaxCellChars + 10, 'x');
    const ExportResult r = run(ExportFormat::Xlsx);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("1 value(s) of problem cut to Excel's 32767 characters"), std::string::npos) << r.warnings[0];
    EXPECT_NE(r.warnings[0].find("my_audit.xlsx"), std::string::npos);
}

TEST_F(TableExportTest, ShapefileUtf8KeepsChineseCutsLongTextAndWritesTheDefaultStyle) {
    const ExportResult r = run(ExportFormat::Shapefile);
    for (const char* f : {"parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg", "parcels.qml",
                          "parks.shp", "parks.cpg", "diagnostics.dbf", "diagnostics.cpg"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    EXPECT_FALSE(fs::exists(dir / "diagnostics.shp"));
    EXPECT_FALSE(fs::exists(dir / "parks.qml"));  // no style given for parks
    EXPECT_EQ(read_bytes(dir / "parcels.qml"), styles[1].qml);
    EXPECT_EQ(read_bytes(dir / "parcels.cpg"), "UTF-8");
    expect_no_partial_files();
    ASSERT_EQ(r.warnings.size(), 1u) << r.warnings[0];
    EXPECT_EQ(r.warnings[0].rfind("parcels.shp: 1 value(s) of reasons cut to 254 bytes at a character boundary", 0), 0u)
        << r.warnings[0];

    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.shp").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_EQ(layer->GetFeatureCount(), 2);
    auto f = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    EXPECT_EQ(std::string(f->GetFieldAsString("reasons")), repeat("宗", 84));
    EXPECT_EQ(std::string(f->GetFieldAsString("QLR")), "某公司, \"甲\"");
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_mu"), 15.0);
    EXPECT_EQ(f->GetFieldAsInteger64("year"), 2023);
    EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(f->GetGeometryRef())), 10000.0, 1e-6);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    ASSERT_TRUE(srs);
    OGRSpatialReference expected;
    expected.importFromEPSG(4522);
    // The .prj is ESRI WKT, which has no axis order: the same CRS apart from that.
    const char* same[] = {"CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    EXPECT_TRUE(srs->IsSame(&expected, same)) << read_bytes(dir / "parcels.prj");

    GDALDatasetUniquePtr diag(GDALDataset::Open((dir / "diagnostics.dbf").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(diag);
    EXPECT_EQ(diag->GetLayer(0)->GetFeatureCount(), 1);
}

TEST_F(TableExportTest, ShapefileGbkReadsBackAsChineseAndReportsWhatGbkLacks) {
    const ExportResult r = run(ExportFormat::Shapefile, "GBK");
    EXPECT_EQ(read_bytes(dir / "parcels.cpg"), "936");
    const std::string dbf = read_bytes(dir / "parcels.dbf");
    ASSERT_GT(dbf.size(), 32u);
    EXPECT_EQ(static_cast<unsigned char>(dbf[29]), 0x4D) << "LDID of code page 936";
    EXPECT_NE(dbf.find("\xD7\xDA\xD7\xDA"), std::string::npos) << "宗宗 in GBK";
    EXPECT_EQ(dbf.find("宗"), std::string::npos) << "no UTF-8 left in a GBK .dbf";
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("parcels.shp: 1 value(s) of reasons had characters GBK cannot hold (first: ✓)"),
              std::string::npos) << r.warnings[0];

    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.shp").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    auto f = std::unique_ptr<OGRFeature>(ds->GetLayer(0)->GetNextFeature());
    EXPECT_EQ(std::string(f->GetFieldAsString("reasons")), repeat("宗", 100) + "?");
    EXPECT_EQ(std::string(f->GetFieldAsString("QLR")), "某公司, \"甲\"");
    GDALDatasetUniquePtr parks(GDALDataset::Open((dir / "parks.shp").c_str(), GDAL_OF_VECTOR));
    auto park = std::unique_ptr<OGRFeature>(parks->GetLayer(0)->GetNextFeature());
    EXPECT_EQ(std::string(park->GetFieldAsString("name")), "示例园区");
}

TEST_F(TableExportTest, ShapefileFitsChineseFieldNamesIntoTenBytesAndKeepsThemUnique) {
    OutputTable& parcels = output.tables[0];
    parcels.add_field("宗地面积甲", FieldType::Real, "");  // 15 bytes in UTF-8, 10 in GBK
    parcels.add_field("宗地面积乙", FieldType::Real, "");
    for (auto& row : parcels.rows) row.values.insert(row.values.end(), {1.0, 2.0});
    const ExportResult utf8 = run(ExportFormat::Shapefile);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.shp").c_str(), GDAL_OF_VECTOR));
        ASSERT_TRUE(ds);
        OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
        EXPECT_EQ(std::string(defn->GetFieldDefn(8)->GetNameRef()), "宗地面");    // 9 bytes, whole characters
        EXPECT_EQ(std::string(defn->GetFieldDefn(9)->GetNameRef()), "宗地_1");  // 8 bytes
        auto f = std::unique_ptr<OGRFeature>(ds->GetLayer(0)->GetNextFeature());
        EXPECT_DOUBLE_EQ(f->GetFieldAsDouble(9), 2.0);
    }
    std::string all;
    for (const auto& w : utf8.warnings) all += w + "\n";
    EXPECT_NE(all.find("parcels.shp: field 宗地面积甲 is named 宗地面 (a .dbf field name has at most 10 bytes"), std::string::npos) << all;
    EXPECT_NE(all.find("parcels.shp: field 宗地面积乙 is named 宗地_1"), std::string::npos) << all;

    const ExportResult gbk = run(ExportFormat::Shapefile, "GBK");
    for (const auto& w : gbk.warnings) EXPECT_EQ(w.find(" is named "), std::string::npos) << w;
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.shp").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    EXPECT_EQ(std::string(ds->GetLayer(0)->GetLayerDefn()->GetFieldDefn(9)->GetNameRef()), "宗地面积乙");
}

TEST_F(TableExportTest, ShapefileRefusesToReplaceAnInputOfTheRun) {
    dir = root / "input";
    fs::create_directories(dir);
    std::ofstream(dir / "parcels.shp") << "original";
    try {
        run(ExportFormat::Shapefile);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        EXPECT_NE(std::string(e.what()).find("parcels.shp: the export would replace an input of the audit"),
                  std::string::npos) << e.what();
        EXPECT_EQ(e.hint(), "export into another folder");
    }
    EXPECT_EQ(read_bytes(dir / "parcels.shp"), "original");
    EXPECT_FALSE(fs::exists(dir / "parks.shp")) << "nothing is written before the check";
}

TEST_F(TableExportTest, GeoJsonIsRfc7946InWgs84) {
    const ExportResult r = run(ExportFormat::GeoJson);
    const std::vector<std::string> expected{(dir / "parcels.geojson").string(), (dir / "parks.geojson").string(),
                                            (dir / "diagnostics.geojson").string()};
    EXPECT_EQ(r.paths, expected);
    EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
    expect_no_partial_files();
    const std::string text = read_bytes(dir / "parcels.geojson");
    EXPECT_EQ(text.find("\"crs\""), std::string::npos) << "RFC 7946 has no crs member";
    EXPECT_NE(text.find("\"name\": \"parcels\""), std::string::npos);

    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.geojson").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_EQ(layer->GetFeatureCount(), 2);
    OGREnvelope env;
    layer->GetExtent(&env);
    // x = 34 500 000 is the zone's central meridian 102°E; y = 2 750 000 m is about 24.85°N.
    EXPECT_NEAR(env.MinX, 102.0, 1e-6);
    EXPECT_GT(env.MinY, 24.8);
    EXPECT_LT(env.MaxY, 24.9);
    auto f = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_m2"), 10000.0);
    // Back in the working CRS the square keeps its area to 7 decimals of a degree (about 1 cm).
    OGRSpatialReference zone;
    zone.importFromEPSG(4522);
    zone.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
    ASSERT_EQ(g->transformTo(&zone), OGRERR_NONE);
    EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(g.get())), 10000.0, 2.0);

    GDALDatasetUniquePtr diag(GDALDataset::Open((dir / "diagnostics.geojson").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(diag);
    EXPECT_EQ(diag->GetLayer(0)->GetFeatureCount(), 1);
}

TEST_F(TableExportTest, FolderThatIsAFileIsAnErrorNamingIt) {
    fs::create_directories(root / "exports");
    std::ofstream(root / "exports" / "new") << "x";
    try {
        run(ExportFormat::Csv);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        EXPECT_NE(std::string(e.what()).find((root / "exports" / "new").string() + ": exists and is not a folder"),
                  std::string::npos) << e.what();
    }
}

TEST_F(TableExportTest, ReExportReplacesFilesWhole) {
    run(ExportFormat::Shapefile, "GBK");
    output.tables[0].rows.pop_back();
    run(ExportFormat::Shapefile, "UTF-8");
    EXPECT_EQ(read_bytes(dir / "parcels.cpg"), "UTF-8");
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "parcels.shp").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayer(0)->GetFeatureCount(), 1);
    expect_no_partial_files();
}

}  // namespace
}  // namespace landaudit
