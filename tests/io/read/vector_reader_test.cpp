// Tests for VectorSource: formats, reprojection to the working CRS, Z/M and curves, attribute values,
// layer choice, missing CRS, encodings, and the real Lexington shapefile.
#include "io/read/vector_reader.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "io/read/crs_resolution.h"
#include "io/gdal_session.h"
#include "layers/error.h"
#include "test_config.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

// A 100 m × 100 m square in EPSG:4522 (zone 34, near Kunming): 10 000 m².
constexpr const char* kSquare4522 =
    "POLYGON ((34500000 2760000,34500100 2760000,34500100 2760100,34500000 2760100,34500000 2760000))";
const std::string kKunmingZone = "昆明经济技术开发区";
const std::string kIndustrialLand = "工业用地";
// GBK (CP936) bytes of "工业用地".
const std::string kIndustrialLandGbk = "\xB9\xA4\xD2\xB5\xD3\xC3\xB5\xD8";

std::unique_ptr<OGRSpatialReference> epsg(int code) {
    auto srs = std::make_unique<OGRSpatialReference>();
    EXPECT_EQ(srs->importFromEPSG(code), OGRERR_NONE);
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::unique_ptr<OGRGeometry> from_wkt(const std::string& wkt) {
    OGRGeometry* g = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE) << wkt;
    return std::unique_ptr<OGRGeometry>(g);
}

std::unique_ptr<OGRGeometry> from_wkb(const WkbGeometry& wkb) {
    OGRGeometry* g = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkb(wkb.bytes.data(), nullptr, &g, wkb.bytes.size()), OGRERR_NONE);
    return std::unique_ptr<OGRGeometry>(g);
}

double area_of(const WkbGeometry& wkb) {
    auto g = from_wkb(wkb);
    return g ? OGR_G_Area(OGRGeometry::ToHandle(g.get())) : -1.0;
}

// The square transformed from EPSG:4522 to EPSG:4490 (x = longitude) with OGR.
std::unique_ptr<OGRGeometry> square_in_4490() {
    auto g = from_wkt(kSquare4522);
    auto from = epsg(4522);
    auto to = epsg(4490);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(from.get(), to.get()));
    EXPECT_NE(ct, nullptr);
    EXPECT_EQ(g->transform(ct.get()), OGRERR_NONE);
    return g;
}

struct FieldSpec {
    std::string name;
    OGRFieldType type;
};

// Creates a dataset with one layer (or adds a layer to `ds` when given) and returns the layer.
class Fixture {
public:
    Fixture(const std::string& driver_name, const fs::path& path, const char* const* dataset_options = nullptr) {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
        if (!driver) return;
        m_ds.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(dataset_options)));
    }
    bool ok() const { return m_ds != nullptr; }

    OGRLayer* layer(const std::string& name, OGRSpatialReference* srs, OGRwkbGeometryType type,
                    const std::vector<FieldSpec>& fields, const std::vector<std::string>& options = {}) {
        CPLStringList opts;
        for (const auto& o : options) opts.AddString(o.c_str());
        OGRLayer* l = m_ds->CreateLayer(name.c_str(), srs, type, opts.List());
        EXPECT_NE(l, nullptr) << name;
        if (!l) return nullptr;
        for (const auto& f : fields) {
            OGRFieldDefn defn(f.name.c_str(), f.type);
            EXPECT_EQ(l->CreateField(&defn), OGRERR_NONE) << f.name;
        }
        return l;
    }

    // Adds a feature: geometry as WKT ("" = none), fields set by `set`.
    static void add(OGRLayer* layer, const std::string& wkt, const std::function<void(OGRFeature&)>& set = {}) {
        ASSERT_NE(layer, nullptr);
        OGRFeature f(layer->GetLayerDefn());
        if (!wkt.empty()) f.SetGeometryDirectly(from_wkt(wkt).release());
        if (set) set(f);
        EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE) << wkt;
    }
    static void add(OGRLayer* layer, std::unique_ptr<OGRGeometry> geometry) {
        ASSERT_NE(layer, nullptr);
        OGRFeature f(layer->GetLayerDefn());
        f.SetGeometryDirectly(geometry.release());
        EXPECT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }

    void close() { m_ds.reset(); }

private:
    GDALDatasetUniquePtr m_ds;
};

LayerSource source(const std::string& path, const std::string& layer = {}, const std::string& encoding = {},
                   const std::string& crs = {}) {
    LayerSource s;
    s.role = LayerRole::Parcels;
    s.path = path;
    s.layer = layer;
    s.encoding = encoding;
    s.crs = crs;
    return s;
}

// Reads `src` into `working` (EPSG:4522 unless given).
SourceLayer read(const LayerSource& src, Diagnostics& diag, const std::string& working = "EPSG:4522") {
    VectorSource v(src);
    auto w = srs_from_user_input(working, "test working CRS");
    return v.read(*w, diag, no_progress);
}

// Runs `f`, which must throw AuditError; returns it (or a dummy after a test failure).
AuditError error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const AuditError& e) {
        return e;
    }
    ADD_FAILURE() << "expected AuditError";
    return AuditError(AuditError::Kind::Internal, "<no error>");
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

std::size_t count_problem(const Diagnostics& d, const std::string& problem) {
    std::size_t n = 0;
    for (const auto& item : d.items())
        if (item.problem == problem) ++n;
    return n;
}

class VectorReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        ensure_gdal();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-reader-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path path(const std::string& name) const { return m_dir / name; }

    fs::path m_dir;
};

// ---------------------------------------------------------------------------------------------
// Reprojection, one case per format

struct FormatCase {
    const char* driver;
    const char* file;  // under the temp dir, or a /vsimem/ path
};

TEST_F(VectorReaderTest, SquareIn4490ReadsBackAs10000SquareMetresIn4522) {
    // The square's corners were computed in EPSG:4522, transformed to EPSG:4490 degrees and
    // written; read back into EPSG:4522 they are the original corners again (to < 1 mm), so the
    // area is 100 m × 100 m = 10 000 m².
    const FormatCase cases[] = {
        {"GPKG", "square.gpkg"},
        {"GeoJSON", "square.geojson"},
        {"ESRI Shapefile", "square.shp"},
        {"OpenFileGDB", "square.gdb"},
        {"GeoJSON", "/vsimem/landaudit-reader-square.geojson"},  // in memory
    };
    auto srs4490 = epsg(4490);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        const std::string file = c.file[0] == '/' ? std::string(c.file) : path(c.file).string();
        {
            Fixture fx(c.driver, file);
            ASSERT_TRUE(fx.ok()) << "cannot create " << c.driver;
            OGRLayer* l = fx.layer("square", srs4490.get(), wkbPolygon, {{"ZDDM", OFTString}});
            Fixture::add(l, square_in_4490());
        }
        Diagnostics diag;
        const SourceLayer layer = read(source(file), diag);
        EXPECT_EQ(layer.role, LayerRole::Parcels);
        EXPECT_EQ(layer.path, file);
        EXPECT_EQ(layer.layer_name, "square");
        EXPECT_TRUE(has(layer.source_crs, "EPSG:4490")) << layer.source_crs;
        ASSERT_EQ(layer.features.size(), 1u);
        EXPECT_NEAR(area_of(layer.features[0].geometry), 10000.0, 0.01);
        OGREnvelope e;
        from_wkb(layer.features[0].geometry)->getEnvelope(&e);
        EXPECT_NEAR(e.MinX, 34500000.0, 1e-3);
        EXPECT_NEAR(e.MinY, 2760000.0, 1e-3);
        EXPECT_NEAR(e.MaxX, 34500100.0, 1e-3);
        EXPECT_NEAR(e.MaxY, 2760100.0, 1e-3);
        EXPECT_TRUE(diag.items().empty()) << diag.items().front().detail;
        if (c.file[0] == '/') VSIUnlink(c.file);
    }
}

TEST_F(VectorReaderTest, SameCrsAsWorkingIsNotTransformed) {
    {
        Fixture fx("GPKG", path("zone34.gpkg"));
        Fixture::add(fx.layer("zd", epsg(4522).get(), wkbPolygon, {}), kSquare4522);
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("zone34.gpkg").string()), diag);
    ASSERT_EQ(layer.features.size(), 1u);
    // Byte for byte the same coordinates: the exported WKB equals the source's.
    auto g = from_wkt(kSquare4522);
    std::vector<std::uint8_t> expected(g->WkbSize());
    g->exportToWkb(wkbNDR, expected.data(), wkbVariantIso);
    EXPECT_EQ(layer.features[0].geometry.bytes, expected);
    EXPECT_EQ(layer.source_crs, "EPSG:4522 (CGCS2000 / 3-degree Gauss-Kruger zone 34)");
}

// Feature 2 lies at latitude 95°: no CRS can hold it, and it is far outside EPSG:4490's area of
// use (China): skipped before any transformation is tried, and listed (issue 9).
TEST_F(VectorReaderTest, FeatureOutsideTheCrsAreaOfUseIsSkippedWithADiagnostic) {
    {
        Fixture fx("GPKG", path("bad.gpkg"));
        OGRLayer* l = fx.layer("bad", epsg(4490).get(), wkbPolygon, {});
        Fixture::add(l, square_in_4490());
        Fixture::add(l, "POLYGON ((102 95,102.001 95,102.001 95.001,102 95,102 95))");
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("bad.gpkg").string()), diag);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_NEAR(area_of(layer.features[0].geometry), 10000.0, 0.01);
    ASSERT_EQ(count_problem(diag, "outside_crs_area"), 1u);
    for (const auto& d : diag.items()) {
        if (d.problem != "outside_crs_area") continue;
        EXPECT_EQ(d.role, "parcels");
        EXPECT_EQ(d.fid, 2);
        EXPECT_EQ(d.action, DiagnosticAction::Skipped);
        EXPECT_NE(d.detail.find("EPSG:4490"), std::string::npos) << d.detail;
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry kinds

TEST_F(VectorReaderTest, ZAndMAreDroppedWithOneDiagnostic) {
    // Four copies of the square: Z, M, ZM and plain 2D → 3 flattened, one layer-level note.
    const std::string sq = "((34500000 2760000 {},34500100 2760000 {},34500100 2760100 {},34500000 2760100 {},"
                           "34500000 2760000 {}))";
    auto ring = [&](const std::string& extra) {
        std::string s = sq;
        std::size_t p = s.find("{}");
        while (p != std::string::npos) {
            s.replace(p, 2, extra);
            p = s.find("{}", p + extra.size());
        }
        return s;
    };
    {
        Fixture fx("GPKG", path("zm.gpkg"));
        OGRLayer* l = fx.layer("zm", epsg(4522).get(), wkbPolygonZM, {});
        Fixture::add(l, "POLYGON Z " + ring("1850"));
        Fixture::add(l, "POLYGON M " + ring("7"));
        Fixture::add(l, "POLYGON ZM " + ring("1850 7"));
        Fixture::add(l, kSquare4522);
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("zm.gpkg").string()), diag);
    ASSERT_EQ(layer.features.size(), 4u);
    for (const auto& f : layer.features) {
        auto g = from_wkb(f.geometry);
        ASSERT_NE(g, nullptr);
        EXPECT_EQ(g->getGeometryType(), wkbPolygon) << OGRGeometryTypeToName(g->getGeometryType());
        EXPECT_FALSE(g->Is3D());
        EXPECT_FALSE(g->IsMeasured());
        EXPECT_NEAR(area_of(f.geometry), 10000.0, 1e-6);
    }
    ASSERT_EQ(diag.items().size(), 1u);
    const Diagnostic& d = diag.items()[0];
    EXPECT_EQ(d.problem, "z_or_m_dropped");
    EXPECT_EQ(d.role, "parcels");
    EXPECT_EQ(d.fid, -1);
    EXPECT_EQ(d.action, DiagnosticAction::Repaired);
    EXPECT_EQ(d.detail, "3 feature(s) had Z or M values; audited in 2D");
}

// A pass in chunks (the streamed audit's reader) gives the features read() gives, in the same order,
// with the same diagnostics: per feature as they are met, the layer's summary once at the end.
TEST_F(VectorReaderTest, CursorInChunksReadsWhatReadReads) {
    {
        Fixture fx("GPKG", path("chunks.gpkg"));
        OGRLayer* l = fx.layer("chunks", epsg(4522).get(), wkbPolygon25D, {{"name", OFTString}});
        for (int i = 0; i < 7; ++i) {
            const double x = 34500000 + 200.0 * i;
            char wkt[200];
            std::snprintf(wkt, sizeof wkt, "POLYGON %s((%.0f 2760000%s,%.0f 2760000%s,%.0f 2760100%s,%.0f 2760000%s))",
                          i % 3 == 0 ? "Z " : "", x, i % 3 == 0 ? " 5" : "", x + 100, i % 3 == 0 ? " 5" : "", x + 100,
                          i % 3 == 0 ? " 5" : "", x, i % 3 == 0 ? " 5" : "");
            Fixture::add(l, wkt, [&](OGRFeature& f) { f.SetField("name", ("p" + std::to_string(i)).c_str()); });
        }
        Fixture::add(l, "POLYGON ((2 95,2.001 95,2.001 95.001,2 95))");  // degrees: outside the area of use
    }
    Diagnostics whole_diag;
    const SourceLayer whole = read(source(path("chunks.gpkg").string()), whole_diag);
    ASSERT_EQ(whole.features.size(), 7u);

    VectorSource v(source(path("chunks.gpkg").string()));
    auto w = srs_from_user_input("EPSG:4522", "test working CRS");
    Diagnostics diag;
    auto cursor = v.open_cursor(*w, diag, no_progress);
    EXPECT_TRUE(cursor->schema().features.empty());
    ASSERT_EQ(cursor->schema().fields.size(), whole.fields.size());
    std::vector<SourceFeature> features;
    std::vector<std::size_t> sizes;
    for (SourceLayer chunk = cursor->next(3); !chunk.features.empty(); chunk = cursor->next(3)) {
        sizes.push_back(chunk.features.size());
        EXPECT_EQ(chunk.fields.size(), whole.fields.size());
        for (auto& f : chunk.features) features.push_back(std::move(f));
    }
    EXPECT_TRUE(cursor->done());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
    EXPECT_EQ(cursor->features_read(), 7);
    ASSERT_EQ(features.size(), whole.features.size());
    for (std::size_t i = 0; i < features.size(); ++i) {
        EXPECT_EQ(features[i].fid, whole.features[i].fid);
        EXPECT_EQ(features[i].geometry.bytes, whole.features[i].geometry.bytes);
        EXPECT_EQ(features[i].values, whole.features[i].values);
    }
    ASSERT_EQ(diag.items().size(), whole_diag.items().size());
    for (std::size_t i = 0; i < diag.items().size(); ++i) {
        EXPECT_EQ(diag.items()[i].problem, whole_diag.items()[i].problem);
        EXPECT_EQ(diag.items()[i].fid, whole_diag.items()[i].fid);
        EXPECT_EQ(diag.items()[i].detail, whole_diag.items()[i].detail);
    }
    EXPECT_EQ(count_problem(diag, "outside_crs_area"), 1u);
    EXPECT_EQ(count_problem(diag, "z_or_m_dropped"), 1u);
    EXPECT_TRUE(cursor->next(3).features.empty()) << "a finished pass stays finished";
    EXPECT_EQ(diag.items().size(), whole_diag.items().size()) << "the summary rows are added once";
}

TEST_F(VectorReaderTest, ShapefilePolygonZIsFlattened) {
    {
        Fixture fx("ESRI Shapefile", path("z.shp"));
        OGRLayer* l = fx.layer("z", epsg(4522).get(), wkbPolygon25D, {{"ID", OFTInteger}});
        Fixture::add(l, "POLYGON Z ((34500000 2760000 5,34500100 2760000 5,34500100 2760100 5,34500000 2760100 5,34500000 2760000 5))");
        Fixture::add(l, "POLYGON Z ((34600000 2760000 9,34600010 2760000 9,34600010 2760010 9,34600000 2760000 9))");
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("z.shp").string()), diag);
    ASSERT_EQ(layer.features.size(), 2u);
    EXPECT_NEAR(area_of(layer.features[0].geometry), 10000.0, 1e-6);
    EXPECT_NEAR(area_of(layer.features[1].geometry), 50.0, 1e-6);  // right triangle ½ × 10 × 10
    EXPECT_FALSE(from_wkb(layer.features[1].geometry)->Is3D());
    ASSERT_EQ(count_problem(diag, "z_or_m_dropped"), 1u);
    EXPECT_EQ(diag.items()[0].detail, "2 feature(s) had Z or M values; audited in 2D");
}

TEST_F(VectorReaderTest, NullGeometryAndCurvePolygon) {
    {
        Fixture fx("GPKG", path("curve.gpkg"));
        OGRLayer* l = fx.layer("curve", epsg(4522).get(), wkbUnknown, {{"ZDDM", OFTString}});
        Fixture::add(l, "", [](OGRFeature& f) { f.SetField("ZDDM", "no-geometry"); });
        // A full circle through (34500000 2760000) and (34500100 2760000): diameter 100 m.
        Fixture::add(l, "CURVEPOLYGON (CIRCULARSTRING (34500000 2760000,34500100 2760000,34500000 2760000))",
                     [](OGRFeature& f) { f.SetField("ZDDM", "circle"); });
        Fixture::add(l, "MULTISURFACE (CURVEPOLYGON (COMPOUNDCURVE (CIRCULARSTRING (34500200 2760000,34500250 2760050,"
                        "34500300 2760000),(34500300 2760000,34500200 2760000))))",
                     [](OGRFeature& f) { f.SetField("ZDDM", "half-disc"); });
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("curve.gpkg").string()), diag);
    ASSERT_EQ(layer.features.size(), 3u);

    EXPECT_TRUE(layer.features[0].geometry.is_null());
    EXPECT_EQ(std::get<std::string>(layer.features[0].values.at(0)), "no-geometry");

    // Radius 50: the true circle is π × 50² = 7 853.98 m². OGR linearises with 4° steps, a
    // regular 90-gon: ½ × 90 × 50² × sin(4°) = 7 847.60 m².
    auto circle = from_wkb(layer.features[1].geometry);
    ASSERT_NE(circle, nullptr);
    EXPECT_EQ(circle->getGeometryType(), wkbPolygon) << OGRGeometryTypeToName(circle->getGeometryType());
    EXPECT_FALSE(circle->hasCurveGeometry());
    EXPECT_NEAR(area_of(layer.features[1].geometry), 7847.6, 1.0);
    EXPECT_LT(area_of(layer.features[1].geometry), 7853.99);

    // Half disc of radius 50: π × 50² / 2 = 3 926.99 m²; linearised a little less (≈ 3 923.8).
    auto half = from_wkb(layer.features[2].geometry);
    ASSERT_NE(half, nullptr);
    EXPECT_EQ(half->getGeometryType(), wkbMultiPolygon) << OGRGeometryTypeToName(half->getGeometryType());
    EXPECT_NEAR(area_of(layer.features[2].geometry), 3923.8, 2.0);
    EXPECT_TRUE(diag.items().empty());
}

// ---------------------------------------------------------------------------------------------
// Attribute values

TEST_F(VectorReaderTest, FieldValuesOfEveryTypeAndNull) {
    // Feature 1: 42, 2^53 + 1 = 9 007 199 254 740 993 (exact only as an integer), 3.25,
    // "昆明经济技术开发区", 2019-03-05. Feature 2: every field null.
    const FormatCase cases[] = {
        {"GPKG", "values.gpkg"},
        {"GeoJSON", "values.geojson"},
        {"ESRI Shapefile", "values.shp"},
    };
    const std::vector<FieldSpec> specs = {{"N_INT", OFTInteger},
                                          {"N_BIG", OFTInteger64},
                                          {"N_REAL", OFTReal},
                                          {"NAME", OFTString},
                                          {"D_DATE", OFTDate}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.driver);
        {
            Fixture fx(c.driver, path(c.file));
            ASSERT_TRUE(fx.ok());
            std::vector<std::string> options;
            if (std::string(c.driver) == "ESRI Shapefile") options = {"ENCODING=UTF-8"};
            OGRLayer* l = fx.layer("values", epsg(4522).get(), wkbPolygon, specs, options);
            Fixture::add(l, kSquare4522, [](OGRFeature& f) {
                f.SetField("N_INT", 42);
                f.SetField("N_BIG", static_cast<GIntBig>(9007199254740993LL));
                f.SetField("N_REAL", 3.25);
                f.SetField("NAME", kKunmingZone.c_str());
                f.SetField("D_DATE", 2019, 3, 5);
            });
            Fixture::add(l, kSquare4522, [](OGRFeature& f) {
                for (int i = 0; i < f.GetFieldCount(); ++i) f.SetFieldNull(i);
            });
        }
        Diagnostics diag;
        const SourceLayer layer = read(source(path(c.file).string()), diag);
        ASSERT_EQ(layer.fields.size(), 5u);
        const FieldType types[] = {FieldType::Integer, FieldType::Integer, FieldType::Real, FieldType::String,
                                   FieldType::Date};
        for (std::size_t i = 0; i < 5; ++i) {
            EXPECT_EQ(layer.fields[i].name, specs[i].name);
            EXPECT_EQ(layer.fields[i].type, types[i]) << specs[i].name;
        }
        ASSERT_EQ(layer.features.size(), 2u);
        const auto& v = layer.features[0].values;
        ASSERT_EQ(v.size(), 5u);
        EXPECT_EQ(v[0], FieldValue(42LL));
        EXPECT_EQ(v[1], FieldValue(9007199254740993LL));
        EXPECT_EQ(v[2], FieldValue(3.25));
        EXPECT_EQ(v[3], FieldValue(kKunmingZone));
        EXPECT_EQ(v[4], FieldValue(std::string("2019-03-05")));
        const auto& nulls = layer.features[1].values;
        ASSERT_EQ(nulls.size(), 5u);
        for (std::size_t i = 0; i < 5; ++i) EXPECT_TRUE(is_null(nulls[i])) << specs[i].name;
    }
}

TEST_F(VectorReaderTest, DateTimeIsIsoText) {
    {
        Fixture fx("GPKG", path("dt.gpkg"));
        OGRLayer* l = fx.layer("dt", epsg(4522).get(), wkbPolygon, {{"QDRQ", OFTDateTime}});
        Fixture::add(l, kSquare4522, [](OGRFeature& f) { f.SetField("QDRQ", 2021, 12, 31, 8, 30, 15.0f, 100); });
    }
    Diagnostics diag;
    const SourceLayer layer = read(source(path("dt.gpkg").string()), diag);
    ASSERT_EQ(layer.fields.size(), 1u);
    EXPECT_EQ(layer.fields[0].type, FieldType::Date);
    EXPECT_EQ(layer.features.at(0).values.at(0), FieldValue(std::string("2021-12-31T08:30:15")));
}

// ---------------------------------------------------------------------------------------------
// Choosing the layer

TEST_F(VectorReaderTest, MultiLayerGeoPackageNeedsALayerName) {
    const std::string file = path("two.gpkg").string();
    {
        Fixture fx("GPKG", file);
        Fixture::add(fx.layer("alpha", epsg(4522).get(), wkbPolygon, {}), kSquare4522);
        Fixture::add(fx.layer("beta", epsg(4522).get(), wkbPolygon, {}), kSquare4522);
    }
    AuditError none = error_of([&] { VectorSource v(source(file)); });
    EXPECT_EQ(none.kind(), AuditError::Kind::Config);
    EXPECT_EQ(std::string(none.what()), "[parcels] " + file + ": has 2 layers; name one");
    EXPECT_TRUE(has(none.hint(), "add layer = \"…\" under [parcels]")) << none.hint();
    EXPECT_TRUE(has(none.hint(), "layers: alpha, beta")) << none.hint();

    AuditError wrong = error_of([&] { VectorSource v(source(file, "gamma")); });
    EXPECT_EQ(wrong.kind(), AuditError::Kind::Config);
    EXPECT_EQ(std::string(wrong.what()), "[parcels] " + file + ": has no layer 'gamma'");
    EXPECT_EQ(wrong.hint(), "layers in this source: alpha, beta");

    VectorSource beta(source(file, "beta"));
    EXPECT_EQ(beta.label(), file + " layer 'beta'");
    Diagnostics diag;
    EXPECT_EQ(beta.read(*epsg(4522), diag, no_progress).layer_name, "beta");
}

// ---------------------------------------------------------------------------------------------
// Missing CRS

TEST_F(VectorReaderTest, ShapefileWithoutPrjNeedsACrs) {
    struct Case {
        const char* name;
        std::string wkt;
        std::string bounds;
        std::vector<std::string> hint_parts;
    };
    const Case cases[] = {
        // Eastings 34 5xx xxx: zone prefix 34 → EPSG:4513 + 34 − 25 = EPSG:4522.
        {"prefixed", kSquare4522, "bounds (34500000.000, 2760000.000) – (34500100.000, 2760100.000)",
         {"zone prefix 34", "EPSG:4522", "add crs = \"EPSG:…\" under [parcels]"}},
        // Degrees around 102.8°E: 102.8 / 3 = 34.3 → zone 34.
        {"degrees", "POLYGON ((102.7 24.9,102.9 24.9,102.9 25.0,102.7 24.9))",
         "bounds (102.700, 24.900) – (102.900, 25.000)", {"EPSG:4490", "zone 34 (working CRS EPSG:4522)"}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const std::string file = path(std::string(c.name) + ".shp").string();
        {
            Fixture fx("ESRI Shapefile", file);
            Fixture::add(fx.layer(c.name, nullptr, wkbPolygon, {{"ID", OFTInteger}}), c.wkt);
        }
        ASSERT_FALSE(fs::exists(path(std::string(c.name) + ".prj")));

        VectorSource v(source(file));
        EXPECT_FALSE(v.has_crs());
        AuditError e = error_of([&] { v.crs(); });
        EXPECT_EQ(e.kind(), AuditError::Kind::Input);
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("[parcels] " + file + ": has no CRS", 0), 0u) << what;
        EXPECT_TRUE(has(what, c.bounds)) << what;
        for (const auto& part : c.hint_parts) EXPECT_TRUE(has(e.hint(), part)) << part << " in " << e.hint();

        // read() needs the CRS too.
        Diagnostics diag;
        EXPECT_THROW(v.read(*epsg(4522), diag, no_progress), AuditError);
    }
}

TEST_F(VectorReaderTest, EmptyLayerWithoutCrsStillGivesAUsableHint) {
    // No features, so no useful bounds and no zone guess: the hint is at least the fix.
    const std::string file = path("empty.shp").string();
    {
        Fixture fx("ESRI Shapefile", file);
        fx.layer("empty", nullptr, wkbPolygon, {{"ID", OFTInteger}});
    }
    VectorSource v(source(file));
    EXPECT_FALSE(v.has_crs());
    EXPECT_EQ(v.feature_count(), 0);
    AuditError e = error_of([&] { v.crs(); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Input);
    EXPECT_TRUE(has(e.what(), "has no CRS")) << e.what();
    EXPECT_TRUE(has(e.hint(), "add crs = \"EPSG:…\" under [parcels]")) << e.hint();
}

// Regression (was wrong): a GeoPackage layer written without a CRS has srs_id 0 ("undefined geographic") in
// gpkg_geometry_columns; GDAL 3.6 hands it back as a made-up GEOGCS "Undefined geographic SRS"
// (unknown datum, WGS 84 ellipsoid, lat/lon). VectorSource takes that for a real CRS: has_crs()
// is true, no "has no CRS" error with the zone guess is raised, and read() then treats the
// eastings 34 500 000 as degrees, so every feature fails to transform (transform_failed,
// geometry dropped) instead of the user being asked for crs = "EPSG:4522". srs_id −1
// ("Undefined Cartesian SRS") is the same case. Both must count as "no CRS".
TEST_F(VectorReaderTest, GeoPackageWithUndefinedSrsCountsAsNoCrs) {
    const std::string file = path("undefined.gpkg").string();
    {
        Fixture fx("GPKG", file);
        Fixture::add(fx.layer("zd", nullptr, wkbPolygon, {{"ID", OFTInteger}}), kSquare4522);
    }
    VectorSource v(source(file));
    EXPECT_FALSE(v.has_crs()) << "taken as " << describe_srs(v.crs());
    AuditError e = error_of([&] { v.crs(); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Input);
    EXPECT_TRUE(has(e.what(), "has no CRS")) << e.what();
    EXPECT_TRUE(has(e.hint(), "EPSG:4522")) << e.hint();

    // With the CRS named in the config, it reads.
    VectorSource named(source(file, "", "", "EPSG:4522"));
    Diagnostics diag;
    const SourceLayer layer = named.read(*epsg(4522), diag, no_progress);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_NEAR(area_of(layer.features[0].geometry), 10000.0, 1e-6);
}

TEST_F(VectorReaderTest, CrsOverrideOnAShapefileWithoutPrj) {
    const std::string file = path("noprj.shp").string();
    {
        Fixture fx("ESRI Shapefile", file);
        Fixture::add(fx.layer("noprj", nullptr, wkbPolygon, {{"ID", OFTInteger}}), kSquare4522);
    }
    VectorSource v(source(file, "", "", "EPSG:4522"));
    EXPECT_TRUE(v.has_crs());
    EXPECT_EQ(describe_srs(v.crs()), "EPSG:4522 (CGCS2000 / 3-degree Gauss-Kruger zone 34)");
    // Easting 34 500 050 is 50 m east of the central meridian 102°E: 50 / (111 320 × cos 24.9°) ≈ 0.0005°.
    EXPECT_NEAR(v.centre_longitude(), 102.0, 0.001);
    Diagnostics diag;
    const SourceLayer layer = v.read(*epsg(4522), diag, no_progress);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_NEAR(area_of(layer.features[0].geometry), 10000.0, 1e-6);

    // The override also wins over a source CRS, and a bad one names the config key.
    AuditError bad = error_of([&] { VectorSource w(source(file, "", "", "EPSG:nope")); });
    EXPECT_EQ(bad.kind(), AuditError::Kind::Config);
    EXPECT_TRUE(has(bad.what(), "[parcels] crs: CRS 'EPSG:nope' is not understood")) << bad.what();
}

// ---------------------------------------------------------------------------------------------
// Encodings

class GbkShapefile : public VectorReaderTest {
protected:
    // A shapefile whose .dbf holds GBK bytes for "工业用地" and "昆明经济技术开发区".
    std::string write_gbk(const std::string& stem) {
        const std::string file = path(stem + ".shp").string();
        {
            Fixture fx("ESRI Shapefile", file);
            OGRLayer* l = fx.layer(stem, epsg(4522).get(), wkbPolygon, {{"DLMC", OFTString}, {"YQMC", OFTString}},
                                   {"ENCODING=CP936"});
            Fixture::add(l, kSquare4522, [](OGRFeature& f) {
                f.SetField("DLMC", kIndustrialLand.c_str());
                f.SetField("YQMC", kKunmingZone.c_str());
            });
        }
        std::ifstream in(path(stem + ".dbf"), std::ios::binary);
        const std::string dbf{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        EXPECT_NE(dbf.find(kIndustrialLandGbk), std::string::npos) << "fixture is not GBK";
        return file;
    }
};

TEST_F(GbkShapefile, EncodingOverrideGbkDecodesChinese) {
    struct Case {
        const char* name;
        const char* cpg;  // nullptr = no .cpg file
        const char* override_encoding;
    };
    const Case cases[] = {
        {"no_cpg", nullptr, "GBK"},
        {"wrong_cpg", "UTF-8", "GBK"},  // a wrong .cpg: the override wins
        {"cp936", "UTF-8", "CP936"},
        {"gb18030", nullptr, "gb18030"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const std::string file = write_gbk(c.name);
        fs::remove(path(std::string(c.name) + ".cpg"));
        if (c.cpg) std::ofstream(path(std::string(c.name) + ".cpg")) << c.cpg;

        VectorSource v(source(file, "", c.override_encoding));
        EXPECT_TRUE(has(v.encoding_note(), "config override")) << v.encoding_note();
        Diagnostics diag;
        const SourceLayer layer = v.read(*epsg(4522), diag, no_progress);
        EXPECT_FALSE(layer.encoding.empty());
        ASSERT_EQ(layer.features.size(), 1u);
        EXPECT_EQ(layer.features[0].values.at(0), FieldValue(kIndustrialLand));
        EXPECT_EQ(layer.features[0].values.at(1), FieldValue(kKunmingZone));
    }
}

// Issue 9: a .cpg saying UTF-8 over GBK bytes is not trusted (it would garble every text value):
// detection decides, and a layer-level diagnostic says what was contradicted.
TEST_F(GbkShapefile, WrongCpgIsContradictedByTheBytesAndReported) {
    const std::string file = write_gbk("lying");
    std::ofstream(path("lying.cpg"), std::ios::trunc) << "UTF-8";
    Diagnostics diag;
    const SourceLayer layer = read(source(file), diag);
    EXPECT_EQ(layer.encoding, "GB18030");
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_EQ(layer.features[0].values.at(0), FieldValue(kIndustrialLand));
    EXPECT_EQ(count_problem(diag, "encoding_contradicted"), 1u);
}

TEST_F(GbkShapefile, DetectedWithoutCpg) {
    const std::string file = write_gbk("detected");
    fs::remove(path("detected.cpg"));
    Diagnostics diag;
    const SourceLayer layer = read(source(file), diag);
    ASSERT_EQ(layer.features.size(), 1u);
    EXPECT_EQ(layer.features[0].values.at(0), FieldValue(kIndustrialLand));
}

TEST_F(GbkShapefile, BogusEncodingNameIsAConfigError) {
    const std::string file = write_gbk("bogus");
    AuditError e = error_of([&] { VectorSource v(source(file, "", "NOT-A-CODEPAGE")); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Config);
    EXPECT_EQ(std::string(e.what()), "[parcels] " + file + ": encoding \"NOT-A-CODEPAGE\" is not a known encoding");
    EXPECT_TRUE(has(e.hint(), "GBK")) << e.hint();
}

TEST_F(VectorReaderTest, EncodingOnANonShapefileIsAConfigError) {
    const std::string file = path("utf8.gpkg").string();
    {
        Fixture fx("GPKG", file);
        Fixture::add(fx.layer("utf8", epsg(4522).get(), wkbPolygon, {}), kSquare4522);
    }
    AuditError e = error_of([&] { VectorSource v(source(file, "", "GBK")); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Config);
    EXPECT_TRUE(has(e.what(), "applies to Shapefile .dbf files only")) << e.what();
}

// ---------------------------------------------------------------------------------------------
// Files that are not there or not vector data

TEST_F(VectorReaderTest, MissingFileIsAnInputError) {
    const std::string file = path("nope.shp").string();
    AuditError e = error_of([&] { VectorSource v(source(file)); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Input);
    EXPECT_EQ(std::string(e.what()), "[parcels] " + file + ": file does not exist");
    EXPECT_TRUE(has(e.hint(), "[parcels] path")) << e.hint();
}

TEST_F(VectorReaderTest, UnreadableFileIsAnInputError) {
    const std::string file = path("junk.gpkg").string();
    std::ofstream(file) << "this is not a GeoPackage";
    AuditError e = error_of([&] { VectorSource v(source(file)); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Input);
    EXPECT_TRUE(has(e.what(), "[parcels] " + file + ": cannot be opened as a vector source")) << e.what();
}

// ---------------------------------------------------------------------------------------------
// FileGDB

TEST_F(VectorReaderTest, FileGdbFolderWithTwoLayers) {
    const std::string folder = path("audit.gdb").string();
    {
        Fixture fx("OpenFileGDB", folder);
        if (!fx.ok()) GTEST_SKIP() << "this GDAL's OpenFileGDB driver cannot create a FileGDB (needs GDAL ≥ 3.6)";
        OGRLayer* zd = fx.layer("ZD", epsg(4522).get(), wkbPolygon, {{"ZDDM", OFTString}, {"ZDMJ", OFTReal}});
        Fixture::add(zd, kSquare4522, [](OGRFeature& f) {
            f.SetField("ZDDM", "530111001004GB00001");
            f.SetField("ZDMJ", 10000.0);
        });
        Fixture::add(fx.layer("HX", epsg(4490).get(), wkbPolygon, {}), square_in_4490());
    }
    ASSERT_TRUE(fs::is_directory(folder));

    AuditError e = error_of([&] { VectorSource v(source(folder)); });
    EXPECT_TRUE(has(e.hint(), "ZD")) << e.hint();
    EXPECT_TRUE(has(e.hint(), "HX")) << e.hint();

    Diagnostics diag;
    const SourceLayer zd = read(source(folder, "ZD"), diag);
    ASSERT_EQ(zd.features.size(), 1u);
    EXPECT_EQ(zd.features[0].values.at(0), FieldValue(std::string("530111001004GB00001")));
    EXPECT_EQ(zd.features[0].values.at(1), FieldValue(10000.0));
    EXPECT_NEAR(area_of(zd.features[0].geometry), 10000.0, 1e-3);
    const SourceLayer hx = read(source(folder, "HX"), diag);
    ASSERT_EQ(hx.features.size(), 1u);
    EXPECT_NEAR(area_of(hx.features[0].geometry), 10000.0, 0.01);
}

// ---------------------------------------------------------------------------------------------
// Progress

TEST_F(VectorReaderTest, ProgressEveryThousandFeaturesAndCancel) {
    // 2 500 features: progress at 1 000 and 2 000 of 2 500 → 0.4 and 0.8.
    const std::string file = path("many.gpkg").string();
    {
        Fixture fx("GPKG", file);
        OGRLayer* l = fx.layer("many", epsg(4522).get(), wkbPolygon, {});
        ASSERT_EQ(l->StartTransaction(), OGRERR_NONE);
        for (int i = 0; i < 2500; ++i) Fixture::add(l, kSquare4522);
        ASSERT_EQ(l->CommitTransaction(), OGRERR_NONE);
    }
    std::vector<double> fractions;
    VectorSource v(source(file));
    Diagnostics diag;
    const SourceLayer layer = v.read(*epsg(4522), diag, [&](double f, std::string_view message) {
        fractions.push_back(f);
        EXPECT_EQ(message, "reading parcels");
        return true;
    });
    EXPECT_EQ(layer.features.size(), 2500u);
    EXPECT_EQ(fractions, (std::vector<double>{0.4, 0.8}));

    VectorSource again(source(file));
    AuditError e = error_of([&] { again.read(*epsg(4522), diag, [](double, std::string_view) { return false; }); });
    EXPECT_EQ(e.kind(), AuditError::Kind::Internal);
    EXPECT_STREQ(e.what(), "cancelled");
}

// ---------------------------------------------------------------------------------------------
// The sample audit's four layers (sample_gis/README.md)

TEST(VectorReaderSampleData, FourLayersInFourCrssReadIntoEpsg4522) {
    struct Case {
        LayerRole role;
        const char* file;
        const char* layer;
        const char* crs_code;      // expected in the source CRS description
        std::size_t features;
        const char* text_field;    // a field holding Chinese text
    };
    const Case cases[] = {
        {LayerRole::Parks, "parks.geojson", "", "EPSG:4490", 2, "YQMC"},
        {LayerRole::Parcels, "parcels.shp", "", "EPSG:4522", 479, "TDYT"},  // GBK, no .cpg, LDID 0
        {LayerRole::Redline, "redline.gpkg", "redline", "EPSG:4490", 6, "HXMC"},
        {LayerRole::Farmland, "farmland.shp", "", "EPSG:4543", 7, "DLMC"},  // UTF-8 with .cpg
    };
    auto working = srs_from_user_input("EPSG:4522", "test");
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        LayerSource src = source(std::string(LANDAUDIT_SAMPLE_DIR) + "/" + c.file, c.layer);
        src.role = c.role;
        VectorSource v(src);
        // All four lie in 3° zone 34: centre longitudes between 101.5° and 103.5°.
        EXPECT_NEAR(v.centre_longitude(), 102.5, 1.0);
        Diagnostics diag;
        const SourceLayer layer = v.read(*working, diag, no_progress);
        EXPECT_TRUE(has(layer.source_crs, c.crs_code)) << layer.source_crs;
        ASSERT_EQ(layer.features.size(), c.features);
        const int idx = layer.field_index(c.text_field);
        ASSERT_GE(idx, 0);
        // Every value of the text field decodes to CJK (first byte of a 3-byte UTF-8 sequence).
        for (const auto& f : layer.features) {
            const auto* text = std::get_if<std::string>(&f.values.at(static_cast<std::size_t>(idx)));
            ASSERT_NE(text, nullptr);
            ASSERT_FALSE(text->empty());
            EXPECT_EQ(static_cast<unsigned char>((*text)[0]) & 0xF0, 0xE0) << *text;
        }
        for (const auto& f : layer.features) {
            ASSERT_FALSE(f.geometry.is_null());
            OGREnvelope e;
            from_wkb(f.geometry)->getEnvelope(&e);
            EXPECT_GT(e.MinX, 34000000.0);  // zone-prefixed eastings in the working CRS
            EXPECT_LT(e.MaxX, 35000000.0);
        }
        EXPECT_EQ(count_problem(diag, "transform_failed"), 0u);
    }
}

// ---------------------------------------------------------------------------------------------
// Real data: Lexington, Virginia

TEST(VectorReaderRealData, LexingtonFutureLandUse) {
    const std::string file = std::string(LANDAUDIT_SHARED_DIR) + "/realdata/va-rockbridge/lexington/Future_Land_Use.shp";
    if (!fs::exists(file)) GTEST_SKIP() << "real data not available: " << file;

    VectorSource v(source(file));
    ASSERT_TRUE(v.has_crs());
    // The .prj is an ESRI custom "Lambert_Conformal_Conic" on an unnamed GRS80 datum
    // ("D_unknown"). Its projection parameters are those of EPSG:2284 (NAD83 / Virginia South,
    // US feet), but PROJ's FindMatches gives no ≥ 90 % match because the datum is unnamed, so
    // describe_srs falls back to the CRS name and srs_definition to WKT2.
    EXPECT_EQ(describe_srs(v.crs()), "Lambert_Conformal_Conic");
    EXPECT_EQ(srs_definition(v.crs()).rfind("PROJCRS[", 0), 0u);
    EXPECT_EQ(v.feature_count(), 2692);

    Diagnostics diag;
    const SourceLayer layer = v.read(*srs_from_user_input("EPSG:2284", "test"), diag, no_progress);
    EXPECT_EQ(layer.source_crs, "Lambert_Conformal_Conic");
    EXPECT_EQ(layer.encoding, "UTF-8");  // from its .cpg
    ASSERT_EQ(layer.features.size(), 2692u);
    std::size_t nulls = 0;
    OGREnvelope all;
    for (const auto& f : layer.features) {
        if (f.geometry.is_null()) {
            ++nulls;
            continue;
        }
        OGREnvelope e;
        from_wkb(f.geometry)->getEnvelope(&e);
        all.Merge(e);
    }
    EXPECT_EQ(nulls, 2u);
    EXPECT_EQ(count_problem(diag, "transform_failed"), 0u);
    // Same parameters, same ellipsoid: the coordinates stay where ogrinfo puts them, extent
    // (11 205 033.75, 3 803 555.28) – (11 218 417.76, 3 814 253.25) US ft, to within a foot.
    EXPECT_NEAR(all.MinX, 11205033.75, 1.0);
    EXPECT_NEAR(all.MinY, 3803555.28, 1.0);
    EXPECT_NEAR(all.MaxX, 11218417.76, 1.0);
    EXPECT_NEAR(all.MaxY, 3814253.25, 1.0);
}

}  // namespace
}  // namespace landaudit
