// Hostile input (issue 9): each case derived at test time from a copy of sample_gis must give a
// clear error or a diagnostics row, never a silently wrong number, and must leave the inputs
// unchanged and nothing beside the output.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "hostile_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

using HostileInput = HostileFixture;

// The .dbf header claims fewer records than the .shx has shapes (a truncated or mismatched save):
// GDAL would drop those parcels' attributes without a word.
TEST_F(HostileInput, DbfWithFewerRecordsThanShapesIsAnError) {
    std::string dbf = read_bytes(sample / "parcels.dbf");
    const unsigned records = static_cast<unsigned char>(dbf[4]) | static_cast<unsigned char>(dbf[5]) << 8;
    ASSERT_EQ(records, 479u) << "the sample has 479 parcels";
    const unsigned fewer = records - 9;
    dbf[4] = static_cast<char>(fewer & 0xFF);
    dbf[5] = static_cast<char>((fewer >> 8) & 0xFF);
    write_bytes(sample / "parcels.dbf", dbf);
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp")) << r;
    EXPECT_TRUE(contains(r.err, "470 records")) << r;
    EXPECT_TRUE(contains(r.err, "479 shapes")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(fs::exists(dir->path() / "out" / "sample_audit.gpkg"));
}

// Floor areas of -5, 1e999 and nan in the .dbf are missing values with a diagnostics row each,
// not a negative FAR or an Inf per-mu figure.
TEST_F(HostileInput, NonNumbersInNumericFieldsAreMissingAndListed) {
    GDALAllRegister();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((sample / "parcels.shp").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* l = ds->GetLayer(0);
        const char* bad[] = {"-5", "1e999", "nan"};
        int i = 0;
        for (auto& f : *l) {
            if (i >= 3) break;
            if (!f->IsFieldSetAndNotNull(f->GetFieldIndex("JZMJ"))) continue;
            f->SetField(f->GetFieldIndex("JZMJ"), bad[i++]);
            ASSERT_EQ(l->SetFeature(f.get()), OGRERR_NONE);
        }
        ASSERT_EQ(i, 3);
    }
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    GDALDatasetUniquePtr out(GDALDataset::Open((dir->path() / "out" / "sample_audit.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(out);
    for (const auto& p : read_layer(*out, "parcels"))
        if (!p.null("far")) {
            EXPECT_GE(p.d("far"), 0.0) << p.s("parcel_id");
            EXPECT_TRUE(std::isfinite(p.d("far"))) << p.s("parcel_id");
        }
    for (const auto& p : read_layer(*out, "parks"))
        for (const char* f : {"far", "inv_mu", "out_mu", "tax_mu"})
            if (!p.null(f)) EXPECT_TRUE(std::isfinite(p.d(f))) << p.s("park_id") << " " << f;
    int listed = 0;
    for (const auto& d : read_layer(*out, "diagnostics"))
        if (d.s("role") == "parcels" && (d.s("problem") == "implausible_value" || d.s("problem") == "unreadable_value") &&
            d.s("detail").find("'JZMJ'") != std::string::npos)
            ++listed;
    EXPECT_EQ(listed, 3);
}

// One problem is reported on the first line, naming the file and line; an unreadable as_of is
// reported once as unreadable, not also as missing.
TEST_F(HostileInput, OneConfigProblemNamesTheFileOnTheFirstLine) {
    std::string config = read_bytes(sample / "audit.toml");
    const auto at = config.find("as_of = 2025-12-31");
    ASSERT_NE(at, std::string::npos);
    config.replace(at, std::string("as_of = 2025-12-31").size(), "as_of = \"junk\"");
    write_bytes(sample / "audit.toml", config);
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    const std::string first_line = r.err.substr(0, r.err.find('\n'));
    EXPECT_TRUE(contains(first_line, "landaudit: error: " + (sample / "audit.toml").string() + ":")) << r;
    EXPECT_TRUE(contains(first_line, "audit.as_of: must be a date")) << r;
    EXPECT_FALSE(contains(r.err, "missing: idle land")) << r;
}

// Invalid UTF-8 bytes in a .dbf whose .cpg says UTF-8: the layer stays UTF-8 (the rest of its
// text is), the bad bytes become U+FFFD, every output text is valid UTF-8 and the feature is listed.
TEST_F(HostileInput, BrokenUtf8InAUtf8DbfNeverReachesTheOutput) {
    GDALAllRegister();
    {  // The sample's GBK parcels re-encoded as a UTF-8 Shapefile with a .cpg.
        GDALDatasetUniquePtr src(GDALDataset::Open((sample / "parcels.shp").c_str(), GDAL_OF_VECTOR, nullptr,
                                                   std::vector<const char*>{"ENCODING=GB18030", nullptr}.data()));
        ASSERT_TRUE(src);
        const char* argv[] = {"-lco", "ENCODING=UTF-8", nullptr};
        GDALVectorTranslateOptions* o = GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
        GDALDatasetH h = src.get();
        GDALDatasetH dst = GDALVectorTranslate((dir->path() / "utf8.shp").c_str(), nullptr, 1, &h, o, nullptr);
        GDALVectorTranslateOptionsFree(o);
        ASSERT_NE(dst, nullptr);
        GDALClose(dst);
        for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"})
            fs::copy_file(dir->path() / (std::string("utf8") + ext), sample / (std::string("parcels") + ext),
                          fs::copy_options::overwrite_existing);
    }
    std::string dbf = read_bytes(sample / "parcels.dbf");
    const auto at = dbf.find("公司");  // in an owner (QLR) name
    ASSERT_NE(at, std::string::npos);
    dbf[at + 1] = '\xFF';  // breaks "公"
    write_bytes(sample / "parcels.dbf", dbf);
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "UTF-8 (from .cpg)")) << r;
    GDALDatasetUniquePtr out(GDALDataset::Open((dir->path() / "out" / "sample_audit.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(out);
    int replaced = 0;
    for (const auto& p : read_layer(*out, "parcels"))
        for (const auto& [field, value] : p.v) {
            EXPECT_TRUE(cli_test::is_valid_utf8(value.s)) << p.s("parcel_id") << " " << field;
            replaced += value.s.find("\xEF\xBF\xBD") != std::string::npos;
        }
    EXPECT_EQ(replaced, 1);
    int listed = 0;
    for (const auto& d : read_layer(*out, "diagnostics"))
        if (d.s("role") == "parcels" && d.s("problem") == "invalid_text" && contains(d.s("detail"), "'QLR'")) ++listed;
    EXPECT_EQ(listed, 1);
}

// A .cpg saying UTF-8 beside the sample's GBK .dbf: the bytes contradict it, detection reads them
// as GBK, the owner names come out as Chinese and the contradiction is listed.
TEST_F(HostileInput, CpgSayingUtf8OverGbkIsContradictedAndTextStaysChinese) {
    write_bytes(sample / "parcels.cpg", "UTF-8");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    GDALAllRegister();
    GDALDatasetUniquePtr out(GDALDataset::Open((dir->path() / "out" / "sample_audit.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(out);
    int chinese_owners = 0;
    for (const auto& p : read_layer(*out, "parcels")) {
        EXPECT_TRUE(cli_test::is_valid_utf8(p.s("QLR"))) << p.s("parcel_id");
        chinese_owners += contains(p.s("QLR"), "公司");
    }
    EXPECT_GT(chinese_owners, 100);
    int listed = 0;
    for (const auto& d : read_layer(*out, "diagnostics"))
        listed += d.s("role") == "parcels" && d.s("problem") == "encoding_contradicted" &&
                  contains(d.s("detail"), "the .cpg says UTF-8");
    EXPECT_EQ(listed, 1);
}

// A parcels layer whose every geometry is null audits nothing: an error like an empty layer, not
// "0 parcels audited" and exit 0.
TEST_F(HostileInput, ParcelsWithOnlyNullGeometriesAreAnError) {
    GDALAllRegister();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((sample / "parcels.shp").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* l = ds->GetLayer(0);
        for (auto& f : *l) {
            f->SetGeometryDirectly(nullptr);
            ASSERT_EQ(l->SetFeature(f.get()), OGRERR_NONE);
        }
    }
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp: none of its 479 features has a usable geometry (479 null_geometry)")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    RunResult c = run_cli({"check", (sample / "audit.toml").string()});
    EXPECT_EQ(c.exit_code, 1) << "check reports it before a run" << c;
}

// A GeoJSON whose "crs" member names a code PROJ does not know: GDAL falls back to WGS 84 with
// only a message; the engine refuses it, naming the file, instead of auditing parks in degrees;
// `check` refuses it the same way.
TEST_F(HostileInput, UnknownCrsInAGeoJsonIsAnError) {
    std::string parks = read_bytes(sample / "parks.geojson");
    const auto at = parks.find("urn:ogc:def:crs:EPSG::4490");
    ASSERT_NE(at, std::string::npos) << "the sample's parks carry a crs member";
    parks.replace(at, std::string("urn:ogc:def:crs:EPSG::4490").size(), "urn:ogc:def:crs:EPSG::999999");
    write_bytes(sample / "parks.geojson", parks);
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parks.geojson: its CRS cannot be read")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 1) << "check refuses it before a run" << c;
    EXPECT_TRUE(contains(c.err, "parks.geojson: its CRS cannot be read")) << c;
}

// Coordinates in another CRS than declared: the parcels (zone 34 coordinates, x ≈ 34 500 000)
// declared as the neighbouring zone 35 would all land in no park; the parks (degrees) declared as
// Gauss–Krüger metres would give 0 m² of everything. Both are errors naming the bounds.
TEST_F(HostileInput, LayerOutsideItsCrsAreaOfUseIsAnError) {
    std::string config = read_bytes(sample / "audit.toml");
    const auto at = config.find("[parcels.fields]");
    ASSERT_NE(at, std::string::npos);
    config.insert(at, "crs = \"EPSG:4523\"\n");
    write_bytes(sample / "audit.toml", config);
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp: its coordinates (34")) << r;
    EXPECT_TRUE(contains(r.err, "lie outside the area of use of EPSG:4523")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(HostileInput, DegreesDeclaredAsGaussKrugerAreAnError) {
    std::string config = read_bytes(sample / "audit.toml");
    const auto at = config.find("[parks.fields]");
    ASSERT_NE(at, std::string::npos);
    config.insert(at, "crs = \"EPSG:4522\"\n");
    write_bytes(sample / "audit.toml", config);
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parks.geojson: its coordinates (102.")) << r;
    EXPECT_TRUE(contains(r.err, "outside the area of use")) << r;
}

// One parcel written in degrees inside the projected parcels layer is skipped and listed, not
// audited at 2e-6 m².
TEST_F(HostileInput, OneFeatureInDegreesIsSkippedAndListed) {
    GDALAllRegister();
    std::string id;
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((sample / "parcels.shp").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* l = ds->GetLayer(0);
        std::unique_ptr<OGRFeature> f(l->GetNextFeature());
        ASSERT_TRUE(f);
        id = f->GetFieldAsString("ZDDM");
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt("POLYGON ((102.70 25.00, 102.701 25.00, 102.701 25.001, 102.70 25.00))", nullptr, &g);
        f->SetGeometryDirectly(g);
        ASSERT_EQ(l->SetFeature(f.get()), OGRERR_NONE);
    }
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    GDALDatasetUniquePtr out(GDALDataset::Open((dir->path() / "out" / "sample_audit.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(out);
    for (const auto& p : read_layer(*out, "parcels")) EXPECT_NE(p.s("parcel_id"), id);
    int listed = 0;
    for (const auto& d : read_layer(*out, "diagnostics"))
        listed += d.s("role") == "parcels" && d.s("problem") == "outside_crs_area" && d.s("action") == "skipped";
    EXPECT_EQ(listed, 1);
}

}  // namespace
