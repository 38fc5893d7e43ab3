// End-to-end test of `landaudit run` on sample_gis/audit.toml.
//
// The test runs the real CLI binary, opens the GeoPackage it writes with GDAL's C++ API, and checks the
// numbers against an INDEPENDENT computation: the four inputs are copied into one scratch GeoPackage
// reprojected to EPSG:4522 with GDALVectorTranslate (the library behind ogr2ogr), and every reference
// value comes from SQL run by GDAL's SQLite dialect with SpatiaLite functions (ST_MakeValid, ST_Union,
// ST_Intersection, ST_Area). This file deliberately uses NO landaudit code: the test binary links the
// landaudit libraries (tests/CMakeLists.txt), but nothing from them is called here. Only GDAL/OGR and
// the standard library.
//
// Tolerance for areas: 0.01 m² absolute or 1e-6 relative, whichever is looser. Percentages are compared
// through the area they imply (Δpct · area / 100) with the same tolerance.

#include <gdal.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kBowtieId = "530111001039GB00002";  // sample_gis/README.md: the only invalid feature
constexpr double kAbsTol = 0.01;                          // m²
constexpr double kRelTol = 1e-6;
constexpr double kMinOverlap = 1.0;     // audit.toml min_overlap_m2
constexpr double kFlagMargin = 0.01;    // m²; around the 1 m² threshold the flags are not asserted

// ---------------------------------------------------------------------------------------------------
// Small helpers: temp dirs, running the CLI, GDAL access.

using cli_test::TempDir;
using cli_test::open_vector;

struct CliRun {
    int exit_code = -1;
    std::string out, err;
};

// Runs `landaudit run audit.toml --out OUT --no-progress [extra...]` (cli_runner.h: no shell).
CliRun run_cli(const fs::path& out_gpkg, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run", std::string(LANDAUDIT_SAMPLE_DIR) + "/audit.toml", "--out",
                                     out_gpkg.string(), "--no-progress"};
    args.insert(args.end(), extra.begin(), extra.end());
    cli_test::RunResult r = cli_test::run_cli(args);
    return {r.exit_code, r.out, r.err};
}


// ogr2ogr equivalent: copies `src_layer` (all layers if empty) of `src` into the GeoPackage `dst`,
// reprojected to EPSG:4522, as layer `new_name`. Creates `dst` when `create`, else appends to it.
void translate_into(const std::string& dst, bool create, const std::string& src,
                    const std::vector<std::string>& src_open_options, const std::string& src_layer,
                    const std::string& new_name) {
    GDALDatasetUniquePtr in = open_vector(src, src_open_options);
    ASSERT_TRUE(in) << "cannot open input " << src;
    std::vector<std::string> args;
    if (create) args.insert(args.end(), {"-f", "GPKG"});
    else args.push_back("-update");
    args.insert(args.end(), {"-t_srs", "EPSG:4522", "-nln", new_name, "-nlt", "PROMOTE_TO_MULTI", "-lco",
                             "GEOMETRY_NAME=geom", "-lco", "FID=fid"});
    if (!src_layer.empty()) args.push_back(src_layer);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    ASSERT_NE(opts, nullptr);
    GDALDatasetH src_h = GDALDataset::ToHandle(in.get());
    int usage_error = 0;
    GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &src_h, opts, &usage_error);
    GDALVectorTranslateOptionsFree(opts);
    ASSERT_NE(out, nullptr) << "GDALVectorTranslate " << src << " -> " << dst << " failed: " << CPLGetLastErrorMsg();
    GDALClose(out);
}

// Runs SQL with the SQLite dialect (native SQLite + SpatiaLite on a GeoPackage) and hands each row to `fn`.
template <typename Fn>
void for_each_sql_row(GDALDataset& ds, const std::string& sql, Fn fn) {
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLite");
    ASSERT_NE(rs, nullptr) << "SQL failed: " << CPLGetLastErrorMsg() << "\n" << sql;
    for (auto& f : *rs) fn(*f);
    ds.ReleaseResultSet(rs);
}

double field_double(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    if (i < 0) throw std::runtime_error(std::string("no field ") + name);
    return f.GetFieldAsDouble(i);
}
std::string field_string(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    if (i < 0) throw std::runtime_error(std::string("no field ") + name);
    return f.GetFieldAsString(i);
}
bool field_null(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    if (i < 0) throw std::runtime_error(std::string("no field ") + name);
    return !f.IsFieldSetAndNotNull(i);
}

// Largest polygon part of a WKB blob (points/lines ignored); 0 for an empty/NULL blob.
struct PartStats {
    double total = 0, largest = 0;
    int n_parts = 0;
};
PartStats polygon_parts(const OGRFeature& f, const char* name) {
    PartStats s;
    const int i = f.GetFieldIndex(name);
    if (i < 0) throw std::runtime_error(std::string("no field ") + name);
    if (f.GetFieldDefnRef(i)->GetType() != OFTBinary)
        throw std::runtime_error(std::string("SQL result column ") + name + " is not binary");
    if (!f.IsFieldSetAndNotNull(i)) return s;
    int n = 0;
    const GByte* wkb = const_cast<OGRFeature&>(f).GetFieldAsBinary(i, &n);
    OGRGeometry* g = nullptr;
    if (n <= 0 || OGRGeometryFactory::createFromWkb(wkb, nullptr, &g, n) != OGRERR_NONE || !g) return s;
    std::unique_ptr<OGRGeometry> owned(g);
    std::vector<const OGRGeometry*> stack{g};
    while (!stack.empty()) {
        const OGRGeometry* cur = stack.back();
        stack.pop_back();
        const auto type = wkbFlatten(cur->getGeometryType());
        if (type == wkbPolygon) {
            const double a = cur->toPolygon()->get_Area();
            s.total += a;
            s.largest = std::max(s.largest, a);
            ++s.n_parts;
        } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
            for (const OGRGeometry* part : *cur->toGeometryCollection()) stack.push_back(part);
        }
    }
    return s;
}

::testing::AssertionResult area_close(const char* what, const std::string& id, double engine, double reference) {
    const double d = std::abs(engine - reference);
    if (d <= kAbsTol || d <= kRelTol * std::max(std::abs(engine), std::abs(reference)))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::setprecision(12) << what << " of " << id << ": engine " << engine
                                         << ", independent " << reference << " (Δ " << engine - reference << ")";
}

// A percentage compared through the area it stands for.
::testing::AssertionResult pct_close(const char* what, const std::string& id, double engine_pct, double ref_pct,
                                     double area) {
    const double d = std::abs(engine_pct - ref_pct) * area / 100.0;
    if (d <= kAbsTol || std::abs(engine_pct - ref_pct) <= kRelTol * std::max(std::abs(engine_pct), std::abs(ref_pct)))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::setprecision(12) << what << " of " << id << ": engine " << engine_pct
                                         << " %, independent " << ref_pct << " % (area " << area << " m²)";
}

std::set<std::string> split_flags(const std::string& s) {
    std::set<std::string> out;
    std::stringstream ss(s);
    std::string tok;
    while (std::getline(ss, tok, ','))
        if (!tok.empty()) out.insert(tok);
    return out;
}

struct MaxDiff {
    double value = 0;
    std::string id;
    void note(double d, const std::string& who) {
        if (std::abs(d) > std::abs(value)) value = d, id = who;
    }
};

// ---------------------------------------------------------------------------------------------------
// Independent reference values.

struct RefParcel {
    bool valid = true;
    double area = 0, red = 0, farm = 0;
    PartStats red_parts, farm_parts;
    std::map<std::string, double> park_share;  // park id → area of parcel ∩ park
    std::map<std::string, std::string> attrs;  // source attributes, decoded as CP936
    double zdmj = 0;
    std::vector<GByte> repaired_wkb;            // invalid parcels only: SpatiaLite's ST_MakeValid result
};
struct RefPark {
    std::string name, level;
    double area = 0, red = 0, farm = 0;
};

// Parcels as the engine should use them: valid ones as they are, invalid ones repaired, polygons only.
// NB SpatiaLite's ST_MakeValid is RTTOPO's (liblwgeom's "linework") algorithm, not GEOS MakeValid
// method=structure as in the engine. The two differ for overlapping shells/holes, but for a bowtie (a
// single ring crossing itself once) both give the same two triangles; BowtieRepairMatchesSpatialite
// checks that explicitly.
constexpr const char* kParcelCte =
    "p AS (SELECT ZDDM AS id, ST_IsValid(geom) AS valid, "
    "CASE WHEN ST_IsValid(geom) THEN geom ELSE CollectionExtract(ST_MakeValid(geom), 3) END AS g FROM parcels)";

struct Reference {
    std::map<std::string, RefParcel> parcels;
    std::map<std::string, RefPark> parks;

    void build(GDALDataset& s) {
        // Union of each constraint layer first, so overlapping red-line features count once.
        const std::string per_parcel =
            std::string("WITH ru AS (SELECT ST_Union(geom) AS g FROM redline), "
                        "fu AS (SELECT ST_Union(geom) AS g FROM farmland), ") +
            kParcelCte +
            ", x AS (SELECT p.id, p.valid, p.g, ST_Intersection(p.g, ru.g) AS rg, ST_Intersection(p.g, fu.g) AS fg "
            "FROM p, ru, fu) "
            "SELECT id, valid, ST_Area(g) AS area, "
            "COALESCE(ST_Area(rg), 0.0) AS red, COALESCE(ST_Area(fg), 0.0) AS farm, "
            // zeroblob(0) instead of NULL: GDAL types a result column from its first row, and a NULL there
            // would make the WKB column a string column.
            "COALESCE(ST_AsBinary(rg), zeroblob(0)) AS red_wkb, COALESCE(ST_AsBinary(fg), zeroblob(0)) AS farm_wkb, "
            "CASE WHEN valid THEN zeroblob(0) ELSE ST_AsBinary(g) END AS repaired_wkb FROM x";
        for_each_sql_row(s, per_parcel, [&](OGRFeature& f) {
            RefParcel& r = parcels[field_string(f, "id")];
            r.valid = f.GetFieldAsInteger(f.GetFieldIndex("valid")) == 1;
            r.area = field_double(f, "area");
            r.red = field_double(f, "red");
            r.farm = field_double(f, "farm");
            r.red_parts = polygon_parts(f, "red_wkb");
            r.farm_parts = polygon_parts(f, "farm_wkb");
            const int wi = f.GetFieldIndex("repaired_wkb");
            int n = 0;
            const GByte* wkb = f.GetFieldAsBinary(wi, &n);
            if (n > 0) r.repaired_wkb.assign(wkb, wkb + n);
        });
        const std::string shares = std::string("WITH ") + kParcelCte +
                                   " SELECT p.id AS id, k.YQDM AS park, COALESCE(ST_Area(ST_Intersection(p.g, k.geom)), 0.0) "
                                   "AS share FROM p, parks k WHERE ST_Intersects(p.g, k.geom)";
        for_each_sql_row(s, shares, [&](OGRFeature& f) {
            parcels[field_string(f, "id")].park_share[field_string(f, "park")] = field_double(f, "share");
        });
        for_each_sql_row(s, "SELECT ZDDM, QLR, TDYT, DLBM, ZL, ZDMJ FROM parcels", [&](OGRFeature& f) {
            RefParcel& r = parcels[field_string(f, "ZDDM")];
            for (const char* k : {"ZDDM", "QLR", "TDYT", "DLBM", "ZL"}) r.attrs[k] = field_string(f, k);
            r.zdmj = field_double(f, "ZDMJ");
        });
        const std::string per_park =
            "WITH ru AS (SELECT ST_Union(geom) AS g FROM redline), fu AS (SELECT ST_Union(geom) AS g FROM farmland) "
            "SELECT k.YQDM AS id, k.YQMC AS name, k.YQJB AS level, ST_Area(k.geom) AS area, "
            "COALESCE(ST_Area(ST_Intersection(k.geom, ru.g)), 0.0) AS red, "
            "COALESCE(ST_Area(ST_Intersection(k.geom, fu.g)), 0.0) AS farm FROM parks k, ru, fu";
        for_each_sql_row(s, per_park, [&](OGRFeature& f) {
            RefPark& k = parks[field_string(f, "id")];
            k.name = field_string(f, "name");
            k.level = field_string(f, "level");
            k.area = field_double(f, "area");
            k.red = field_double(f, "red");
            k.farm = field_double(f, "farm");
        });
    }

    // Park holding the largest share of the parcel; "" if none.
    std::pair<std::string, double> best_park(const RefParcel& r) const {
        std::pair<std::string, double> best{"", 0.0};
        for (const auto& [park, share] : r.park_share)
            if (share > best.second) best = {park, share};
        return best;
    }
};

// ---------------------------------------------------------------------------------------------------
// Engine output.

using Value = std::variant<std::monostate, long long, double, std::string>;

struct EngineRow {
    std::map<std::string, Value> v;
    std::vector<GByte> wkb;
    std::unique_ptr<OGRGeometry> geom;

    double d(const std::string& k) const {
        auto it = v.find(k);
        if (it == v.end()) return std::nan("");
        if (auto p = std::get_if<double>(&it->second)) return *p;
        if (auto p = std::get_if<long long>(&it->second)) return double(*p);
        return std::nan("");
    }
    long long i(const std::string& k) const {
        auto it = v.find(k);
        if (it == v.end()) return -1;
        if (auto p = std::get_if<long long>(&it->second)) return *p;
        return -1;
    }
    std::string s(const std::string& k) const {
        auto it = v.find(k);
        if (it == v.end()) return {};
        if (auto p = std::get_if<std::string>(&it->second)) return *p;
        return {};
    }
    bool null(const std::string& k) const {
        auto it = v.find(k);
        return it == v.end() || std::holds_alternative<std::monostate>(it->second);
    }
    bool operator==(const EngineRow& o) const { return v == o.v && wkb == o.wkb; }
};

// Reads every row of a layer (fields by name, geometry as ISO WKB and as an OGR geometry), in file order.
std::vector<EngineRow> read_layer(GDALDataset& ds, const char* layer_name) {
    std::vector<EngineRow> rows;
    OGRLayer* layer = ds.GetLayerByName(layer_name);
    if (!layer) return rows;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    layer->ResetReading();
    for (auto& f : *layer) {
        EngineRow row;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const OGRFieldDefn* fd = defn->GetFieldDefn(i);
            Value val;
            if (f->IsFieldSetAndNotNull(i)) {
                switch (fd->GetType()) {
                    case OFTInteger:
                    case OFTInteger64: val = static_cast<long long>(f->GetFieldAsInteger64(i)); break;
                    case OFTReal: val = f->GetFieldAsDouble(i); break;
                    default: val = std::string(f->GetFieldAsString(i)); break;
                }
            }
            row.v[fd->GetNameRef()] = val;
        }
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            row.wkb.resize(g->WkbSize());
            g->exportToWkb(wkbNDR, row.wkb.data(), wkbVariantIso);
            row.geom.reset(g->clone());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::map<std::string, const EngineRow*> index_by(const std::vector<EngineRow>& rows, const char* key) {
    std::map<std::string, const EngineRow*> out;
    for (const auto& r : rows) out[r.s(key)] = &r;
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Fixture: one CLI run and one independent computation shared by all checks.

// gtest_discover_tests runs every test in its own process, so the shared state is built lazily: the
// CLI run once per process for the tests that read its output, the independent computation only for
// the tests that compare against it.
class E2ESample : public ::testing::Test {
protected:
    static void TearDownTestSuite() {
        delete ref_;
        delete run_;
        delete tmp_;  // removes the temp dir (output, scratch GeoPackage, captured stdout/stderr)
        ref_ = nullptr;
        run_ = nullptr;
        tmp_ = nullptr;
        reference_tried_ = reference_ok_ = false;
    }

    void SetUp() override {
        GDALAllRegister();
        if (!run_) {
            tmp_ = new TempDir();
            out_ = tmp_->path() / "sample_audit.gpkg";
            run_ = new CliRun(run_cli(out_));
        }
        ASSERT_EQ(run_->exit_code, 0) << "landaudit run failed\nstdout:\n" << run_->out << "\nstderr:\n" << run_->err;
        ds_ = open_vector(out_.string());
        ASSERT_TRUE(ds_) << "cannot open " << out_;
    }

    // The independent reference values (see Reference). Fails the calling test if they cannot be built.
    static void build_reference() {
        if (reference_tried_) return;
        reference_tried_ = true;
        // Scratch GeoPackage with all four inputs in EPSG:4522 (the parcels' .dbf is GBK without .cpg).
        const std::string scratch = (tmp_->path() / "scratch.gpkg").string();
        const std::string dir = LANDAUDIT_SAMPLE_DIR;
        translate_into(scratch, true, dir + "/parks.geojson", {}, "", "parks");
        translate_into(scratch, false, dir + "/parcels.shp", {"ENCODING=CP936"}, "", "parcels");
        translate_into(scratch, false, dir + "/redline.gpkg", {}, "redline", "redline");
        translate_into(scratch, false, dir + "/farmland.shp", {}, "", "farmland");
        if (::testing::Test::HasFatalFailure()) return;
        GDALDatasetUniquePtr s = open_vector(scratch);
        ASSERT_TRUE(s) << "cannot open the scratch GeoPackage";
        bool have_spatialite = false;
        for_each_sql_row(*s, "SELECT spatialite_version() AS v", [&](OGRFeature& f) {
            have_spatialite = !field_null(f, "v");
        });
        ASSERT_TRUE(have_spatialite) << "GDAL's SQLite dialect has no SpatiaLite functions here";
        ref_ = new Reference();
        ref_->build(*s);
        reference_ok_ = !::testing::Test::HasFatalFailure();
    }

    const Reference& ref() const { return *ref_; }

    static TempDir* tmp_;
    static fs::path out_;
    static CliRun* run_;
    static Reference* ref_;
    static bool reference_tried_, reference_ok_;
    GDALDatasetUniquePtr ds_;
};

TempDir* E2ESample::tmp_ = nullptr;
fs::path E2ESample::out_;
CliRun* E2ESample::run_ = nullptr;
Reference* E2ESample::ref_ = nullptr;
bool E2ESample::reference_tried_ = false;
bool E2ESample::reference_ok_ = false;

// 1. Exit code and summary.
TEST_F(E2ESample, RunSucceedsAndReportsOutputPath) {
    EXPECT_EQ(run_->exit_code, 0);
    EXPECT_NE(run_->out.find(out_.string()), std::string::npos) << "stdout does not mention " << out_ << ":\n"
                                                                 << run_->out;
    EXPECT_TRUE(fs::is_regular_file(out_));
    // The writer builds a .partial file and renames it; nothing else may be left in the output folder.
    for (const auto& e : fs::directory_iterator(tmp_->path()))
        EXPECT_EQ(e.path().filename().string().find(".partial"), std::string::npos) << e.path();
}

// 2. Layer and field contract.
TEST_F(E2ESample, OutputHasExactlyTheContractLayersAndFields) {
    const std::map<std::string, std::vector<std::string>> contract{
        {"parcels",
         {"parcel_id", "park_id", "area_m2", "area_mu", "area_e_m2", "inpark_pct", "red_m2", "red_pct", "farm_m2",
          "farm_pct", "flags",
          // deliverables (issue 7): the main status maps are coloured by, mapped use and industry
          "status", "land_use", "industry",
          // intensity (issue 3)
          "far", "coverage", "inv_mu", "out_mu", "rev_mu", "tax_mu", "va_mu", "ent_id", "year", "grade", "score",
          "reasons",
          // idle land (issue 4)
          "idle", "idle_years", "idle_fee",
          // source attributes
          "ZDDM", "QLR", "TDYT", "DLBM", "ZDMJ", "ZL", "HYDM", "QYDM", "JZMJ", "JZJDMJ", "DCMJ", "XZMJ", "GYRQ",
          "YDKGSJ", "SJKGSJ", "TGRQ", "YKFMJ", "YJKFMJ", "ZTZ", "YTZ", "CRJK", "XZYY",
          // 标准地 contracts (issue 10)
          "BZ_TZQD", "BZ_RJL", "BZ_SS", "BZ_CZ", "BZ_NHXL", "BZ_FHRQ"}},
        {"parks",
         {"park_id", "name", "level", "area_m2", "area_e_m2", "red_m2", "red_pct", "farm_m2", "farm_pct", "n_parcels",
          "n_conflict",
          // intensity (issue 3)
          "far", "density", "ind_pct", "inv_ha", "tax_ha", "inv_mu", "out_mu", "rev_mu", "tax_mu", "lead_pct",
          "hitech_pct", "energy_chg", "rd_pct", "rev_growth", "multi_pct", "park_pass", "n_a", "n_b", "n_c", "n_d",
          "n_na", "checks",
          // 批而未供, idle land, candidates (issue 4)
          "appr_m2", "supp_m2", "supply_pct", "unsup_m2", "idle_m2", "idle_pct", "c_unsup", "c_idle", "c_under",
          "c_notop", "c_loweff",
          // star-rated parks (issue 10)
          "stars", "star_why"}},
        {"conflicts", {"subject", "subject_id", "park_id", "layer", "area_m2", "pct", "sliver", "feat_ids"}},
        {"idle", {"parcel_id", "park_id", "idle", "idle_years", "idle_fee", "area_m2", "area_mu", "agreed", "reasons"}},
        {"unsupplied",
         {"batch_id", "appr_no", "appr_date", "age_y", "bucket", "area_m2", "area_mu", "park_id", "sliver"}},
        {"batches",
         {"batch_id", "appr_no", "appr_date", "rec_m2", "appr_m2", "supp_m2", "unsup_m2", "supply_pct", "age_y",
          "bucket", "lapsed", "park_id"}},
        {"candidates",
         {"kind", "source_id", "park_id", "area_m2", "area_mu", "years", "priority", "rank", "detail"}},
        // 标准地 contract checks (issue 10)
        {"standard_land",
         {"parcel_id", "park_id", "status", "due_date", "year", "n_short", "std_inv", "act_inv", "short_inv", "std_far",
          "act_far", "short_far", "std_tax", "act_tax", "short_tax", "std_out", "act_out", "short_out", "std_enr",
          "act_enr", "short_enr", "reasons"}},
        // star-rated parks against the targets (issue 10)
        {"star_targets", {"rule_set", "band", "stars", "parks", "target", "target_yr", "verified", "source"}},
        {"diagnostics", {"role", "source", "src_fid", "feature_id", "problem", "action", "detail"}},
        // provenance (issue 7)
        {"run_info", {"key", "value"}},
        {"run_inputs", {"role", "name", "path", "sha256", "bytes", "features", "crs", "encoding"}},
        // QGIS's default styles (issue 7), with QGIS's own schema
        {"layer_styles",
         {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML", "styleSLD",
          "useAsDefault", "description", "owner", "ui", "update_time"}},
    };
    std::set<std::string> names, expected;
    for (OGRLayer* layer : ds_->GetLayers()) names.insert(layer->GetName());
    for (const auto& [name, fields] : contract) expected.insert(name);
    EXPECT_EQ(names, expected);
    EXPECT_EQ(ds_->GetLayerCount(), static_cast<int>(contract.size()));

    for (const auto& [name, fields] : contract) {
        OGRLayer* layer = ds_->GetLayerByName(name.c_str());
        ASSERT_NE(layer, nullptr) << name;
        std::vector<std::string> actual;
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) actual.push_back(defn->GetFieldDefn(i)->GetNameRef());
        EXPECT_EQ(actual, fields) << "fields of layer " << name;
        if (name == "diagnostics" || name == "star_targets" || name == "run_info" || name == "run_inputs" ||
            name == "layer_styles") {
            EXPECT_EQ(defn->GetGeomFieldCount(), 0) << name << " must have no geometry";
        } else {
            EXPECT_EQ(wkbFlatten(layer->GetGeomType()), wkbMultiPolygon) << name;
            const OGRSpatialReference* srs = layer->GetSpatialRef();
            ASSERT_NE(srs, nullptr) << name;
            EXPECT_STREQ(srs->GetAuthorityName(nullptr), "EPSG") << name;
            EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4522") << name;
        }
    }
}

// 3. Per-parcel areas, red line, farmland, park assignment, flags, source attributes.
TEST_F(E2ESample, ParcelsMatchIndependentComputation) {
    build_reference();
    ASSERT_TRUE(reference_ok_) << "the independent computation failed";
    const auto rows = read_layer(*ds_, "parcels");
    const auto eng = index_by(rows, "parcel_id");
    ASSERT_EQ(rows.size(), ref().parcels.size()) << "one output row per input parcel";
    ASSERT_EQ(eng.size(), rows.size()) << "parcel_id must be unique";

    // Sanity of the reference itself against the figures in sample_gis/README.md, so that a broken
    // independent computation (e.g. everything NULL → 0) cannot agree with a broken engine.
    int ref_red = 0, ref_farm = 0, eng_red = 0, eng_farm = 0, ref_invalid = 0;
    double ref_red_sum = 0, ref_farm_sum = 0;
    for (const auto& [id, r] : ref().parcels) {
        ref_red += r.red > 0;
        ref_farm += r.farm > 0;
        ref_red_sum += r.red;
        ref_farm_sum += r.farm;
        ref_invalid += !r.valid;
    }
    EXPECT_EQ(ref().parcels.size(), 479u);
    EXPECT_EQ(ref_invalid, 1);
    EXPECT_EQ(ref_red, 60);
    EXPECT_EQ(ref_farm, 28);
    EXPECT_NEAR(ref_red_sum, 582493.4, 0.1);
    EXPECT_NEAR(ref_farm_sum, 139700.8 + 83871.5 + 23657.7, 0.1);

    MaxDiff d_area, d_red, d_farm, d_inpark;
    for (const auto& [id, r] : ref().parcels) {
        SCOPED_TRACE(id);
        auto it = eng.find(id);
        ASSERT_NE(it, eng.end()) << "parcel " << id << " missing from the output";
        const EngineRow& e = *it->second;
        const double area = e.d("area_m2");

        EXPECT_TRUE(area_close("area_m2", id, area, r.area));
        d_area.note(area - r.area, id);
        EXPECT_NEAR(e.d("area_mu"), area * 3.0 / 2000.0, 1e-9 * area) << "area_mu of " << id;

        EXPECT_TRUE(area_close("red_m2", id, e.d("red_m2"), r.red));
        EXPECT_TRUE(area_close("farm_m2", id, e.d("farm_m2"), r.farm));
        d_red.note(e.d("red_m2") - r.red, id);
        d_farm.note(e.d("farm_m2") - r.farm, id);
        EXPECT_TRUE(pct_close("red_pct", id, e.d("red_pct"), 100.0 * r.red / r.area, r.area));
        EXPECT_TRUE(pct_close("farm_pct", id, e.d("farm_pct"), 100.0 * r.farm / r.area, r.area));
        eng_red += e.d("red_m2") > 0;
        eng_farm += e.d("farm_m2") > 0;

        // Park with the largest share.
        const auto [park, share] = ref().best_park(r);
        if (park.empty()) {
            EXPECT_TRUE(e.null("park_id")) << id << " lies in no park but has park_id '" << e.s("park_id") << "'";
            EXPECT_TRUE(e.null("inpark_pct") || e.d("inpark_pct") == 0.0) << id;
        } else {
            EXPECT_EQ(e.s("park_id"), park) << id;
            const double pct = 100.0 * share / r.area;
            EXPECT_TRUE(pct_close("inpark_pct", id, e.d("inpark_pct"), pct, r.area));
            d_inpark.note(e.d("inpark_pct") - pct, id);
        }

        // Flags: asserted only where the independent geometry is clearly on one side of 1 m². A polygon
        // part ≥ 1 m² lies in a connected piece ≥ 1 m²; a total < 1 m² means no such piece.
        const auto flags = split_flags(e.s("flags"));
        auto check_flag = [&](const char* flag, const PartStats& parts) {
            if (parts.largest >= kMinOverlap + kFlagMargin) {
                EXPECT_TRUE(flags.count(flag)) << id << " lacks " << flag;
            } else if (parts.total < kMinOverlap - kFlagMargin) {
                EXPECT_FALSE(flags.count(flag)) << id << " has " << flag;
            }
        };
        check_flag("REDLINE", r.red_parts);
        check_flag("FARMLAND", r.farm_parts);
        const double outside = r.area - share;
        if (park.empty() || outside >= kMinOverlap + kFlagMargin) {
            EXPECT_TRUE(flags.count("OUTSIDE_PARK")) << id << " lacks OUTSIDE_PARK (outside " << outside << " m²)";
        } else if (outside < kMinOverlap - kFlagMargin) {
            EXPECT_FALSE(flags.count("OUTSIDE_PARK")) << id << " has OUTSIDE_PARK (outside " << outside << " m²)";
        }

        // Source attributes pass through, decoded from GBK.
        EXPECT_EQ(e.s("ZDDM"), id);
        for (const char* k : {"QLR", "TDYT", "DLBM", "ZL"}) EXPECT_EQ(e.s(k), r.attrs.at(k)) << k << " of " << id;
        EXPECT_DOUBLE_EQ(e.d("ZDMJ"), r.zdmj) << id;
    }
    EXPECT_EQ(eng_red, ref_red) << "parcels with red_m2 > 0";
    EXPECT_EQ(eng_farm, ref_farm) << "parcels with farm_m2 > 0";

    std::cout << std::setprecision(6) << "[ E2E ] largest |engine − independent|: area_m2 " << d_area.value << " m² ("
              << d_area.id << "), red_m2 " << d_red.value << " m² (" << d_red.id << "), farm_m2 " << d_farm.value
              << " m² (" << d_farm.id << "), inpark_pct " << d_inpark.value << " pct-points (" << d_inpark.id << ")\n";
}

// The conflicts layer's pieces add up to each parcel's red_m2 / farm_m2 (slivers included).
TEST_F(E2ESample, ParcelConflictPiecesAddUpToIndependentOverlap) {
    build_reference();
    ASSERT_TRUE(reference_ok_) << "the independent computation failed";
    std::map<std::pair<std::string, std::string>, double> sums;
    for (const auto& c : read_layer(*ds_, "conflicts"))
        if (c.s("subject") == "parcel") sums[{c.s("subject_id"), c.s("layer")}] += c.d("area_m2");
    auto sum = [&](const std::string& id, const char* layer) {
        auto it = sums.find({id, layer});
        return it == sums.end() ? 0.0 : it->second;
    };
    for (const auto& [id, r] : ref().parcels) {
        EXPECT_TRUE(area_close("sum of redline conflicts", id, sum(id, "redline"), r.red));
        EXPECT_TRUE(area_close("sum of farmland conflicts", id, sum(id, "farmland"), r.farm));
    }
    // The edge-touching farmland polygon (README) must not produce any farmland piece.
    EXPECT_EQ(sums.count({"530111001004GB00001", "farmland"}), 0u);
}

// 4. Park totals: park ∩ union(red line), park ∩ union(farmland).
TEST_F(E2ESample, ParksMatchIndependentComputation) {
    build_reference();
    ASSERT_TRUE(reference_ok_) << "the independent computation failed";
    const auto rows = read_layer(*ds_, "parks");
    const auto eng = index_by(rows, "park_id");
    ASSERT_EQ(rows.size(), ref().parks.size());

    std::map<std::string, long long> n_parcels, n_conflict;
    for (const auto& [id, r] : ref().parcels) {
        const auto park = ref().best_park(r).first;
        if (park.empty()) continue;
        ++n_parcels[park];
        if (r.red_parts.largest >= kMinOverlap || r.farm_parts.largest >= kMinOverlap) ++n_conflict[park];
    }
    for (const auto& [id, k] : ref().parks) {
        SCOPED_TRACE(id);
        auto it = eng.find(id);
        ASSERT_NE(it, eng.end()) << "park " << id << " missing";
        const EngineRow& e = *it->second;
        EXPECT_EQ(e.s("name"), k.name);
        EXPECT_EQ(e.s("level"), k.level);
        EXPECT_TRUE(area_close("park area_m2", id, e.d("area_m2"), k.area));
        EXPECT_TRUE(area_close("park red_m2", id, e.d("red_m2"), k.red));
        EXPECT_TRUE(area_close("park farm_m2", id, e.d("farm_m2"), k.farm));
        EXPECT_TRUE(pct_close("park red_pct", id, e.d("red_pct"), 100.0 * k.red / k.area, k.area));
        EXPECT_TRUE(pct_close("park farm_pct", id, e.d("farm_pct"), 100.0 * k.farm / k.area, k.area));
        EXPECT_EQ(e.i("n_parcels"), n_parcels[id]);
        EXPECT_EQ(e.i("n_conflict"), n_conflict[id]);
        std::cout << std::setprecision(12) << "[ E2E ] park " << id << ": red_m2 engine " << e.d("red_m2")
                  << " independent " << k.red << "; farm_m2 engine " << e.d("farm_m2") << " independent " << k.farm
                  << "\n";
    }
    // README: the first park holds the red-line overlap; both parks hold farmland.
    EXPECT_GT(ref().parks.at("G530101").red, 0.0);
    EXPECT_GT(ref().parks.at("S530181").farm, 0.0);
}

// The bowtie: GEOS MakeValid (structure), as in the engine, and SpatiaLite/RTTOPO ST_MakeValid must both
// give the same two triangles. Compared geometrically, not just by area.
TEST_F(E2ESample, BowtieRepairMatchesSpatialite) {
    build_reference();
    ASSERT_TRUE(reference_ok_) << "the independent computation failed";
    const auto& r = ref().parcels.at(kBowtieId);
    ASSERT_FALSE(r.valid);
    ASSERT_FALSE(r.repaired_wkb.empty());
    OGRGeometry* g = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkb(r.repaired_wkb.data(), nullptr, &g, r.repaired_wkb.size()), OGRERR_NONE);
    std::unique_ptr<OGRGeometry> spatialite(g);

    const auto rows = read_layer(*ds_, "parcels");
    const auto eng = index_by(rows, "parcel_id");
    ASSERT_TRUE(eng.count(kBowtieId));
    const EngineRow& e = *eng.at(kBowtieId);
    ASSERT_TRUE(e.geom);
    ASSERT_EQ(wkbFlatten(e.geom->getGeometryType()), wkbMultiPolygon);
    const OGRMultiPolygon* mp = e.geom->toMultiPolygon();
    EXPECT_EQ(mp->getNumGeometries(), 2) << "two triangles";
    for (const OGRPolygon* tri : *mp) {
        EXPECT_EQ(tri->getNumInteriorRings(), 0);
        EXPECT_EQ(tri->getExteriorRing()->getNumPoints(), 4) << "a closed triangle";
    }
    EXPECT_TRUE(e.geom->IsValid());
    std::unique_ptr<OGRGeometry> diff(e.geom->SymDifference(spatialite.get()));
    ASSERT_TRUE(diff);
    const double diff_area = diff->IsEmpty() ? 0.0 : OGR_G_Area(OGRGeometry::ToHandle(diff.get()));
    EXPECT_LT(diff_area, 1e-3) << "engine repair differs from ST_MakeValid by " << diff_area << " m²";
    // README figures: repaired area 9,546.4 m², 9,187.4 m² on red line 530111HX0000001.
    EXPECT_NEAR(e.d("area_m2"), 9546.4, 0.05);
    EXPECT_NEAR(e.d("red_m2"), 9187.4, 0.05);
    EXPECT_TRUE(area_close("bowtie red_m2", kBowtieId, e.d("red_m2"), r.red));
    std::cout << std::setprecision(12) << "[ E2E ] bowtie: engine area " << e.d("area_m2") << ", ST_MakeValid area "
              << r.area << ", symmetric difference " << diff_area << " m²\n";
}

// 5. Diagnostics list the repaired bowtie.
TEST_F(E2ESample, DiagnosticsListRepairedInvalidParcel) {
    const auto rows = read_layer(*ds_, "diagnostics");
    int found = 0;
    for (const auto& d : rows) {
        if (d.s("feature_id") != kBowtieId) continue;
        ++found;
        EXPECT_EQ(d.s("role"), "parcels");
        EXPECT_EQ(d.s("problem"), "invalid_geometry");
        EXPECT_EQ(d.s("action"), "repaired");
        EXPECT_NE(d.s("source").find("parcels.shp"), std::string::npos) << d.s("source");
    }
    EXPECT_EQ(found, 1) << "exactly one diagnostic for " << kBowtieId;
    int invalid = 0;
    for (const auto& d : rows) invalid += d.s("problem") == "invalid_geometry";
    EXPECT_EQ(invalid, 1) << "the bowtie is the only invalid feature in the sample";
}

// 6. Thread count does not change per-parcel results.
TEST(E2ESampleThreads, ThreadCountDoesNotChangeParcelResults) {
    GDALAllRegister();
    TempDir tmp;
    const fs::path one = tmp.path() / "threads1.gpkg", two = tmp.path() / "threads2.gpkg";
    const CliRun r1 = run_cli(one, {"--threads", "1"});
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
    const CliRun r2 = run_cli(two, {"--threads", "2"});
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    GDALDatasetUniquePtr d1 = open_vector(one.string()), d2 = open_vector(two.string());
    ASSERT_TRUE(d1 && d2);

    const auto rows1 = read_layer(*d1, "parcels"), rows2 = read_layer(*d2, "parcels");
    const auto p1 = index_by(rows1, "parcel_id"), p2 = index_by(rows2, "parcel_id");
    ASSERT_EQ(rows1.size(), 479u);
    ASSERT_EQ(p1.size(), p2.size());
    int differing = 0;
    for (const auto& [id, row] : p1) {
        auto it = p2.find(id);
        ASSERT_NE(it, p2.end()) << id << " missing with --threads 2";
        if (!(*row == *it->second)) {
            ++differing;
            for (const auto& [k, v] : row->v)
                EXPECT_TRUE(it->second->v.count(k) && it->second->v.at(k) == v) << id << "." << k << " differs";
            EXPECT_EQ(row->wkb, it->second->wkb) << id << " geometry differs";
        }
    }
    EXPECT_EQ(differing, 0) << "parcels whose attributes or geometry depend on --threads";

    // Park totals and conflict pieces too (summation order may differ, so with a tight tolerance).
    const auto parks1 = read_layer(*d1, "parks"), parks2 = read_layer(*d2, "parks");
    const auto q1 = index_by(parks1, "park_id"), q2 = index_by(parks2, "park_id");
    ASSERT_EQ(q1.size(), q2.size());
    for (const auto& [id, row] : q1) {
        ASSERT_TRUE(q2.count(id)) << id;
        for (const char* k : {"area_m2", "red_m2", "farm_m2"})
            EXPECT_NEAR(row->d(k), q2.at(id)->d(k), 1e-9 * std::max(1.0, std::abs(row->d(k)))) << id << "." << k;
        EXPECT_EQ(row->i("n_parcels"), q2.at(id)->i("n_parcels"));
        EXPECT_EQ(row->i("n_conflict"), q2.at(id)->i("n_conflict"));
    }
}

}  // namespace
