// Tests for the GeoPackage writer: schema, Chinese aliases, values, geometry promotion, CRS, and atomic replacement.
#include "io/write/gpkg_writer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "io/gdal_session.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

WkbGeometry wkb(const char* wkt) {
    OGRGeometry* g = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt, nullptr, &g), OGRERR_NONE) << wkt;
    std::unique_ptr<OGRGeometry> owned(g);
    WkbGeometry out;
    out.bytes.resize(owned->WkbSize());
    owned->exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
    return out;
}

// Overlap pieces: a MultiPolygon layer with Chinese aliases. Row 1 is a plain Polygon (the
// writer must promote it), row 2 a real MultiPolygon, row 3 has no geometry and null values.
OutputTable overlap_table() {
    OutputTable t;
    t.name = "redline_overlap";
    t.title = "宗地与生态保护红线重叠";
    t.geometry = OutputGeometry::MultiPolygon;
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("overlap_m2", FieldType::Real, "重叠面积（平方米）");
    t.add_field("pieces", FieldType::Integer, "");
    t.add_field("approved", FieldType::Date, "批准日期");
    // 10 m × 10 m square in zone 34: 100 m².
    t.rows.push_back({wkb("POLYGON ((34500000 2760000,34500010 2760000,34500010 2760010,34500000 2760010,34500000 2760000))"),
                      {std::string("530111001004GB00001"), 100.0, 1LL, std::string("2019-03-05")}});
    // Two 10 m × 5 m pieces: 2 × 50 = 100 m².
    t.rows.push_back({wkb("MULTIPOLYGON (((34500100 2760000,34500110 2760000,34500110 2760005,34500100 2760005,34500100 2760000)),"
                          "((34500120 2760000,34500130 2760000,34500130 2760005,34500120 2760005,34500120 2760000)))"),
                      {std::string("昆明经济技术开发区"), 100.0, 2LL, std::monostate{}}});
    t.rows.push_back({WkbGeometry{}, {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}}});
    return t;
}

// A summary without geometry.
OutputTable summary_table() {
    OutputTable t;
    t.name = "park_summary";
    t.title = "园区汇总";
    t.geometry = OutputGeometry::None;
    t.add_field("park", FieldType::String, "园区");
    t.add_field("area_mu", FieldType::Real, "面积（亩）");
    t.add_field("parcels", FieldType::Integer, "宗地数");
    // 10 000 m² = 10 000 / (2000/3) = 15 mu.
    t.rows.push_back({{}, {std::string("昆明经济技术开发区(示例)"), 15.0, 479LL}});
    t.rows.push_back({{}, {std::string("安宁产业园区(示例)"), std::monostate{}, 0LL}});
    return t;
}

class GpkgWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        ensure_gdal();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-gpkg-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    static GDALDatasetUniquePtr open(const fs::path& p) {
        return GDALDatasetUniquePtr(GDALDataset::Open(p.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    }

    // Every file below m_dir whose name holds ".partial-".
    std::vector<std::string> partial_files() const {
        std::vector<std::string> found;
        for (const auto& e : fs::recursive_directory_iterator(m_dir))
            if (e.path().filename().string().find(".partial-") != std::string::npos) found.push_back(e.path().string());
        return found;
    }

    static std::string bytes_of(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path m_dir;
};

TEST_F(GpkgWriterTest, WritesLayersFieldsAliasesValuesAndCrs) {
    const fs::path out = m_dir / "sub" / "audit.gpkg";  // the folder is created
    std::vector<double> fractions;
    write_geopackage({overlap_table(), summary_table()}, out.string(), "EPSG:4522", {},
                     [&](double f, std::string_view) {
                         fractions.push_back(f);
                         return true;
                     });
    EXPECT_EQ(fractions, (std::vector<double>{0.5, 1.0}));  // one step per table of two
    EXPECT_TRUE(partial_files().empty());

    auto ds = open(out);
    ASSERT_NE(ds, nullptr);
    ASSERT_EQ(ds->GetLayerCount(), 2);

    // --- redline_overlap
    OGRLayer* overlap = ds->GetLayerByName("redline_overlap");
    ASSERT_NE(overlap, nullptr);
    EXPECT_EQ(overlap->GetGeomType(), wkbMultiPolygon);
    EXPECT_STREQ(overlap->GetMetadataItem("DESCRIPTION"), "宗地与生态保护红线重叠");
    const OGRSpatialReference* srs = overlap->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityName(nullptr), "EPSG");
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4522");

    OGRFeatureDefn* defn = overlap->GetLayerDefn();
    ASSERT_EQ(defn->GetFieldCount(), 4);
    struct FieldExpect {
        const char* name;
        OGRFieldType type;
    };
    // Integer → Integer64; Date → ISO text (String). Aliases: see FieldAliasesSurviveTheRoundTrip.
    const FieldExpect fields[] = {
        {"parcel_id", OFTString}, {"overlap_m2", OFTReal}, {"pieces", OFTInteger64}, {"approved", OFTString}};
    for (int i = 0; i < 4; ++i) {
        SCOPED_TRACE(fields[i].name);
        OGRFieldDefn* fd = defn->GetFieldDefn(i);
        EXPECT_STREQ(fd->GetNameRef(), fields[i].name);
        EXPECT_EQ(fd->GetType(), fields[i].type);
    }

    ASSERT_EQ(overlap->GetFeatureCount(), 3);
    overlap->ResetReading();
    std::unique_ptr<OGRFeature> f1(overlap->GetNextFeature());
    ASSERT_NE(f1, nullptr);
    EXPECT_STREQ(f1->GetFieldAsString("parcel_id"), "530111001004GB00001");
    EXPECT_DOUBLE_EQ(f1->GetFieldAsDouble("overlap_m2"), 100.0);
    EXPECT_EQ(f1->GetFieldAsInteger64("pieces"), 1);
    EXPECT_STREQ(f1->GetFieldAsString("approved"), "2019-03-05");
    ASSERT_NE(f1->GetGeometryRef(), nullptr);
    // The Polygon row was promoted: MultiPolygon of one 10 × 10 = 100 m² part.
    EXPECT_EQ(wkbFlatten(f1->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
    EXPECT_EQ(f1->GetGeometryRef()->toMultiPolygon()->getNumGeometries(), 1);
    EXPECT_NEAR(f1->GetGeometryRef()->toMultiPolygon()->get_Area(), 100.0, 1e-9);

    std::unique_ptr<OGRFeature> f2(overlap->GetNextFeature());
    ASSERT_NE(f2, nullptr);
    EXPECT_STREQ(f2->GetFieldAsString("parcel_id"), "昆明经济技术开发区");
    EXPECT_EQ(f2->GetFieldAsInteger64("pieces"), 2);
    EXPECT_TRUE(f2->IsFieldNull(defn->GetFieldIndex("approved")));
    ASSERT_NE(f2->GetGeometryRef(), nullptr);
    EXPECT_EQ(f2->GetGeometryRef()->toMultiPolygon()->getNumGeometries(), 2);
    EXPECT_NEAR(f2->GetGeometryRef()->toMultiPolygon()->get_Area(), 100.0, 1e-9);  // 2 × 10 × 5

    std::unique_ptr<OGRFeature> f3(overlap->GetNextFeature());
    ASSERT_NE(f3, nullptr);
    EXPECT_EQ(f3->GetGeometryRef(), nullptr);
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(f3->IsFieldNull(i)) << i;

    // --- park_summary
    OGRLayer* summary = ds->GetLayerByName("park_summary");
    ASSERT_NE(summary, nullptr);
    EXPECT_EQ(summary->GetGeomType(), wkbNone);
    EXPECT_STREQ(summary->GetMetadataItem("DESCRIPTION"), "园区汇总");
    OGRFeatureDefn* sdefn = summary->GetLayerDefn();
    ASSERT_EQ(sdefn->GetFieldCount(), 3);
    EXPECT_STREQ(sdefn->GetFieldDefn(0)->GetNameRef(), "park");
    EXPECT_EQ(sdefn->GetFieldDefn(0)->GetType(), OFTString);
    EXPECT_STREQ(sdefn->GetFieldDefn(1)->GetNameRef(), "area_mu");
    EXPECT_EQ(sdefn->GetFieldDefn(1)->GetType(), OFTReal);
    EXPECT_STREQ(sdefn->GetFieldDefn(2)->GetNameRef(), "parcels");
    EXPECT_EQ(sdefn->GetFieldDefn(2)->GetType(), OFTInteger64);
    ASSERT_EQ(summary->GetFeatureCount(), 2);
    summary->ResetReading();
    std::unique_ptr<OGRFeature> s1(summary->GetNextFeature());
    EXPECT_STREQ(s1->GetFieldAsString("park"), "昆明经济技术开发区(示例)");
    EXPECT_DOUBLE_EQ(s1->GetFieldAsDouble("area_mu"), 15.0);
    EXPECT_EQ(s1->GetFieldAsInteger64("parcels"), 479);
    std::unique_ptr<OGRFeature> s2(summary->GetNextFeature());
    EXPECT_STREQ(s2->GetFieldAsString("park"), "安宁产业园区(示例)");
    EXPECT_TRUE(s2->IsFieldNull(1));
    EXPECT_FALSE(s2->IsFieldNull(2));
    EXPECT_EQ(s2->GetFieldAsInteger64("parcels"), 0);
}

// GDAL 3.6 drops OGRFieldDefn alternative names in GeoPackage (kept only from 3.7, OSGeo/gdal#7594,
// in gpkg_data_columns.name), so the writer fills gpkg_data_columns itself. Read the table directly:
// that is what GDAL ≥ 3.7 and QGIS read. A field without alias has no row.
TEST_F(GpkgWriterTest, FieldAliasesSurviveTheRoundTrip) {
    const fs::path out = m_dir / "aliases.gpkg";
    write_geopackage({overlap_table(), summary_table()}, out.string(), "EPSG:4522", {}, no_progress);
    auto ds = open(out);
    ASSERT_NE(ds, nullptr);
    struct AliasExpect {
        const char* layer;
        const char* field;
        const char* alias;
    };
    const AliasExpect expected[] = {
        {"redline_overlap", "parcel_id", "宗地代码"}, {"redline_overlap", "overlap_m2", "重叠面积（平方米）"},
        {"redline_overlap", "pieces", ""},            {"redline_overlap", "approved", "批准日期"},
        {"park_summary", "park", "园区"},             {"park_summary", "area_mu", "面积（亩）"},
        {"park_summary", "parcels", "宗地数"},
    };
    for (const auto& e : expected) {
        SCOPED_TRACE(std::string(e.layer) + "." + e.field);
        const std::string sql = std::string("SELECT name, title FROM gpkg_data_columns WHERE table_name = '") +
                                e.layer + "' AND column_name = '" + e.field + "'";
        OGRLayer* rows = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        ASSERT_NE(rows, nullptr);
        std::unique_ptr<OGRFeature> row(rows->GetNextFeature());
        if (std::string(e.alias).empty()) {
            EXPECT_EQ(row, nullptr);
        } else {
            ASSERT_NE(row, nullptr);
            EXPECT_STREQ(row->GetFieldAsString("name"), e.alias);
            EXPECT_STREQ(row->GetFieldAsString("title"), e.alias);
        }
        row.reset();
        ds->ReleaseResultSet(rows);
    }
    // Registered as the GeoPackage schema extension, as the standard requires.
    OGRLayer* ext = ds->ExecuteSQL(
        "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND extension_name = 'gpkg_schema'",
        nullptr, nullptr);
    ASSERT_NE(ext, nullptr);
    std::unique_ptr<OGRFeature> n(ext->GetNextFeature());
    EXPECT_EQ(n->GetFieldAsInteger64(0), 1);
    n.reset();
    ds->ReleaseResultSet(ext);
}

TEST_F(GpkgWriterTest, WktWorkingCrsIsWritten) {
    // A working CRS given as WKT (no code) still ends up as the layer's CRS.
    OGRSpatialReference tm;
    tm.SetProjCS("Park local grid");
    tm.SetGeogCS("CGCS2000-like", "China_2000", "CGCS2000", 6378137, 298.257222101);
    tm.SetTM(0, 102.123, 1, 12345, 0);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    tm.exportToWkt(&wkt, options);
    const std::string def = wkt;
    CPLFree(wkt);

    const fs::path out = m_dir / "wkt.gpkg";
    write_geopackage({overlap_table()}, out.string(), def, {}, no_progress);
    auto ds = open(out);
    ASSERT_NE(ds, nullptr);
    const OGRSpatialReference* srs = ds->GetLayer(0)->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_TRUE(srs->IsSame(&tm));
}

TEST_F(GpkgWriterTest, ExistingTargetIsReplacedOnSuccess) {
    const fs::path out = m_dir / "audit.gpkg";
    write_geopackage({overlap_table(), summary_table()}, out.string(), "EPSG:4522", {}, no_progress);
    write_geopackage({summary_table()}, out.string(), "EPSG:4522", {}, no_progress);
    auto ds = open(out);
    ASSERT_NE(ds, nullptr);
    ASSERT_EQ(ds->GetLayerCount(), 1);  // the second run's tables only, not appended to the first
    EXPECT_STREQ(ds->GetLayer(0)->GetName(), "park_summary");
    EXPECT_TRUE(partial_files().empty());
}

TEST_F(GpkgWriterTest, FailureLeavesAnExistingTargetUntouchedAndNoPartialFile) {
    const fs::path out = m_dir / "audit.gpkg";
    write_geopackage({summary_table()}, out.string(), "EPSG:4522", {}, no_progress);
    const std::string before = bytes_of(out);
    ASSERT_FALSE(before.empty());

    // A second table whose geometry bytes are not WKB: the write fails after the temporary
    // GeoPackage was created and the first table written.
    OutputTable broken = overlap_table();
    broken.rows[1].geometry.bytes = {0x01, 0x02, 0x03};
    try {
        write_geopackage({summary_table(), broken}, out.string(), "EPSG:4522", {}, no_progress);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        EXPECT_NE(std::string(e.what()).find("unreadable geometry for layer redline_overlap"), std::string::npos) << e.what();
    }
    EXPECT_EQ(bytes_of(out), before);
    EXPECT_TRUE(partial_files().empty());
}

TEST_F(GpkgWriterTest, CancelledWriteLeavesNothing) {
    const fs::path out = m_dir / "audit.gpkg";
    try {
        write_geopackage({overlap_table(), summary_table()}, out.string(), "EPSG:4522", {},
                         [](double, std::string_view) { return false; });
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Internal);
        EXPECT_STREQ(e.what(), "cancelled");
    }
    EXPECT_FALSE(fs::exists(out));
    EXPECT_TRUE(partial_files().empty());
}

TEST_F(GpkgWriterTest, FolderThatIsARegularFileIsAnOutputError) {
    const fs::path blocker = m_dir / "not_a_folder";
    std::ofstream(blocker) << "x";
    const fs::path out = blocker / "audit.gpkg";
    try {
        write_geopackage({overlap_table()}, out.string(), "EPSG:4522", {}, no_progress);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        EXPECT_NE(std::string(e.what()).find(blocker.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("cannot create the output folder"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(fs::is_regular_file(blocker));
    EXPECT_TRUE(partial_files().empty());
}

TEST_F(GpkgWriterTest, BadWorkingCrsLeavesNoPartialFile) {
    const fs::path out = m_dir / "audit.gpkg";
    EXPECT_THROW(write_geopackage({overlap_table()}, out.string(), "EPSG:99999999", {}, no_progress), AuditError);
    EXPECT_FALSE(fs::exists(out));
    EXPECT_TRUE(partial_files().empty());
}

TEST_F(GpkgWriterTest, RefusesToOverwriteAnInput) {
    const fs::path input = m_dir / "redline.gpkg";
    write_geopackage({summary_table()}, input.string(), "EPSG:4522", {}, no_progress);
    const std::string before = bytes_of(input);

    const fs::path elsewhere = m_dir / "other.gpkg";
    // The same file, spelled three ways.
    const std::string spellings[] = {input.string(), (m_dir / "." / "redline.gpkg").string(),
                                     (m_dir / "sub" / ".." / "redline.gpkg").string()};
    for (const auto& out : spellings) {
        SCOPED_TRACE(out);
        try {
            write_geopackage({overlap_table()}, out, "EPSG:4522", {elsewhere.string(), input.string()}, no_progress);
            ADD_FAILURE() << "expected AuditError";
        } catch (const AuditError& e) {
            EXPECT_EQ(e.kind(), AuditError::Kind::Config);
            EXPECT_NE(std::string(e.what()).find("would overwrite the input " + input.string()), std::string::npos) << e.what();
            EXPECT_NE(e.hint().find("--out"), std::string::npos);
        }
    }
    EXPECT_EQ(bytes_of(input), before);

    // An input that does not exist yet is still protected (compared by normalised path).
    const fs::path future = m_dir / "future.gpkg";
    EXPECT_THROW(write_geopackage({summary_table()}, future.string(), "EPSG:4522", {future.string()}, no_progress),
                 AuditError);
    EXPECT_FALSE(fs::exists(future));

    // Other inputs, connections among them, do not block the write.
    write_geopackage({summary_table()}, elsewhere.string(), "EPSG:4522", {input.string(), "PG:dbname=gis"}, no_progress);
    EXPECT_TRUE(fs::exists(elsewhere));
}

TEST_F(GpkgWriterTest, RefusesToOverwriteAnInputThroughASymlink) {
    const fs::path input = m_dir / "parcels.gpkg";
    write_geopackage({summary_table()}, input.string(), "EPSG:4522", {}, no_progress);
    const fs::path link = m_dir / "link.gpkg";
    fs::create_symlink(input, link);
    EXPECT_THROW(write_geopackage({overlap_table()}, link.string(), "EPSG:4522", {input.string()}, no_progress),
                 AuditError);
}

}  // namespace
}  // namespace landaudit
