// End-to-end test of the redevelopment step of `landaudit run` on sample_gis/audit.toml: idle land
// (闲置土地), approved but not supplied land (批而未供) and the ranked candidates.
//
// The test runs the real CLI binary once per test process, reads the GeoPackage it writes with GDAL and
// checks the numbers against values computed OUTSIDE the engine:
//  - the figures printed in sample_gis/README.md (computed by sample_gis/generate_sample.py from the
//    files it wrote: the per-batch table, the per-park totals, the named idle parcels, the counts), and
//  - an independent SpatiaLite computation: approved.gpkg, supplied.gpkg and parks.geojson (reprojected
//    from EPSG:4490 to EPSG:4522) are copied into one scratch GeoPackage with GDALVectorTranslate (the
//    library behind ogr2ogr), and every batch / park figure comes from SQL run by GDAL's SQLite dialect
//    (ST_Union, ST_Intersection, ST_Difference, ST_Area), following land-rules §5 and the README:
//    supplied = area(batch ∩ union(supplies with GYRQ ≤ as_of)), unsupplied = area(batch − that union).
//  - the land prices (CRJK) read from parcels.shp with GDAL (ENCODING=CP936), and calendar-year
//    arithmetic done here (29 February + 1 year = 28 February, land-rules §1).
// This file deliberately uses NO landaudit code: only GDAL/OGR, GoogleTest and the standard library.
//
// Definitions checked (engine/idle_land.h, engine/unsupplied_land.h, engine/candidates.h,
// engine/redevelopment.h, layers/audit_config.h):
//  - idle_years: full calendar years from the agreed start (not started; 0 when under a year) or from the
//    suspension date (suspect); kept under gov_delay; null otherwise.
//  - idle_fee = fee_rate × CRJK on idle_1y only (idle_2y is a free-reclaim candidate, gov_delay pays none).
//  - age_y = days(PZRQ → as_of) / 365.2425; buckets by calendar date; lapsed = 2 full years, nothing supplied.
//  - priority = kind weight + 1.0 × years + 0.01 × 亩 (weights idle 3, unsupplied 2, not_operating 1.5,
//    low_efficiency 1, underused 0.5); rank 1..n within a park by priority.
//
// Tolerances: areas 0.01 m² absolute or 1e-6 relative, whichever is looser (engine vs SQL); 0.01 m² against
// the README's 2-decimal figures; percentages compared through the area they stand for.

#include <gdal.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using cli_test::RunResult;
using cli_test::TempDir;
using cli_test::index_by;
using cli_test::open_vector;
using cli_test::read_layer;
using cli_test::Row;
using cli_test::row_of;
using cli_test::Val;

constexpr double kAbsTol = 0.01;      // m²
constexpr double kRelTol = 1e-6;
constexpr double kReadmeTol = 0.01;   // m², README figures have 2 decimals
constexpr double kReadmePctTol = 0.005 + 1e-9;  // percentage points, README ratios have 2 decimals
constexpr double kMu = 2000.0 / 3.0;  // m² per 亩
constexpr double kMinOverlap = 1.0;   // audit.toml min_overlap_m2
constexpr double kFeeRate = 0.2;      // audit.toml [idle] fee_rate
constexpr const char* kAsOf = "2025-12-31";

// ---------------------------------------------------------------------------------------------------
// Calendar dates, done here (no landaudit code): days since 1970-01-01 (H. Hinnant's algorithm).

struct Date {
    int y = 0, m = 0, d = 0;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

long days_from_civil(Date date) {
    int y = date.y - (date.m <= 2);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(date.m + (date.m > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

Date iso(const std::string& s) {
    Date d;
    if (std::sscanf(s.c_str(), "%d-%d-%d", &d.y, &d.m, &d.d) != 3) throw std::runtime_error("not an ISO date: " + s);
    return d;
}

// 29 February + n years is 28 February when the target year is not a leap year.
Date add_years(Date d, int n) {
    d.y += n;
    if (d.m == 2 && d.d == 29 && !leap(d.y)) d.d = 28;
    return d;
}

bool on_or_before(Date a, Date b) { return days_from_civil(a) <= days_from_civil(b); }

// Full calendar years from `start` to `end`: the largest n with start + n years ≤ end.
int full_years(Date start, Date end) {
    int n = end.y - start.y;
    while (n > 0 && !on_or_before(add_years(start, n), end)) --n;
    return n;
}

// ---------------------------------------------------------------------------------------------------
// GDAL access.


// ogr2ogr equivalent: copies layer `src_layer` (the only one if empty) of `src` into the GeoPackage `dst` as
// `new_name`, reprojected to `t_srs` when given. Creates `dst` when `create`, else appends to it.
void translate_into(const std::string& dst, bool create, const std::string& src, const std::string& src_layer,
                    const std::string& new_name, const std::string& t_srs) {
    GDALDatasetUniquePtr in = open_vector(src);
    ASSERT_TRUE(in) << "cannot open input " << src;
    std::vector<std::string> args;
    if (create) args.insert(args.end(), {"-f", "GPKG"});
    else args.push_back("-update");
    if (!t_srs.empty()) args.insert(args.end(), {"-t_srs", t_srs});
    args.insert(args.end(), {"-nln", new_name, "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid"});
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






// Runs SQL with the SQLite dialect (SQLite + SpatiaLite functions) and returns the rows.
std::vector<Row> sql_rows(GDALDataset& ds, const std::string& sql) {
    std::vector<Row> rows;
    OGRLayer* rs = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLite");
    if (!rs) throw std::runtime_error("SQL failed: " + std::string(CPLGetLastErrorMsg()) + "\n" + sql);
    for (auto& f : *rs) rows.push_back(row_of(*f));
    ds.ReleaseResultSet(rs);
    return rows;
}

std::set<std::string> split(const std::string& s, char sep = ',') {
    std::set<std::string> out;
    std::stringstream ss(s);
    std::string tok;
    while (std::getline(ss, tok, sep))
        if (!tok.empty()) out.insert(tok);
    return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

::testing::AssertionResult area_close(const std::string& what, double engine, double reference) {
    const double d = std::abs(engine - reference);
    if (d <= kAbsTol || d <= kRelTol * std::max(std::abs(engine), std::abs(reference)))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::setprecision(12) << what << ": engine " << engine << ", independent "
                                         << reference << " (Δ " << engine - reference << ")";
}

::testing::AssertionResult pct_close(const std::string& what, double engine_pct, double ref_pct, double area) {
    const double d = std::abs(engine_pct - ref_pct) * area / 100.0;
    if (d <= kAbsTol || std::abs(engine_pct - ref_pct) <= kRelTol * std::max(std::abs(engine_pct), std::abs(ref_pct)))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::setprecision(12) << what << ": engine " << engine_pct
                                         << " %, independent " << ref_pct << " % (area " << area << " m²)";
}

// ---------------------------------------------------------------------------------------------------
// The README's figures (sample_gis/README.md, "Approved but not supplied" and "Idle land").

struct ReadmeBatch {
    const char* key;
    const char* pcmc;
    const char* pzwh;
    const char* park;
    const char* pzrq;
    const char* bucket;
    int full_years;
    double pzmj, area, supplied, unsupplied, ratio_pct;
    bool lapsed;
};

const ReadmeBatch kBatches[] = {
    {"A1", "官渡区2017年第3批次城市建设用地", "云政复〔2017〕58号", "G530101", "2017-05-18", ">5y", 8, 257835.74, 258698.25,
     94457.00, 164241.25, 36.51, false},
    {"A2", "官渡区2020年第12批次城市建设用地", "云政复〔2020〕211号", "G530101", "2020-12-31", "2–5y", 5, 212049.89,
     211827.75, 154421.40, 57406.35, 72.90, false},
    {"A3", "官渡区2021年第8批次城市建设用地", "云政复〔2021〕146号", "G530101", "2021-07-16", "2–5y", 4, 158857.04,
     159408.00, 67177.35, 92230.65, 42.14, false},
    {"A4", "官渡区2023年第15批次城市建设用地", "云政复〔2023〕302号", "G530101", "2023-12-31", "≤2y", 2, 20563.06,
     20579.01, 20579.01, 0.00, 100.00, false},
    {"A5", "官渡区2024年第9批次城市建设用地", "云政复〔2024〕187号", "G530101", "2024-09-20", "≤2y", 1, 134405.56,
     134449.13, 8855.67, 125593.46, 6.59, false},
    {"A6", "官渡区2021年第4批次城市建设用地", "云政复〔2021〕67号", "G530101", "2021-04-09", "2–5y", 4, 217540.91,
     217056.00, 0.00, 217056.00, 0.00, true},
    {"B1", "安宁市2015年第2批次城市建设用地", "云政复〔2015〕203号", "S530181", "2015-11-06", ">5y", 10, 332925.60,
     317072.00, 155184.49, 161887.51, 48.94, false},
    {"B2", "安宁市2022年第5批次城市建设用地", "云政复〔2022〕49号", "S530181", "2022-03-18", "2–5y", 3, 224753.16,
     225330.00, 104104.70, 121225.30, 46.20, false},
    {"B3", "安宁市2025年第2批次城市建设用地", "云政复〔2025〕38号", "S530181", "2025-03-26", "≤2y", 0, 175713.56,
     176000.00, 3465.13, 172534.87, 1.97, false},
    {"B4", "安宁市2019年第6批次城市建设用地", "云政复〔2019〕121号", "S530181", "2019-07-12", ">5y", 6, 237392.03,
     237538.00, 185582.68, 51955.32, 78.13, false},
};

const ReadmeBatch& batch_by_key(const std::string& key) {
    for (const auto& b : kBatches)
        if (key == b.key) return b;
    throw std::runtime_error("no batch " + key);
}

// "Clipped to the park polygons" totals.
struct ReadmePark {
    const char* id;
    double approved, supplied, unsupplied, ratio_pct;
};
const ReadmePark kParksClipped[] = {
    {"G530101", 873162.02, 340653.98, 532508.04, 39.01},
    {"S530181", 874020.00, 448337.00, 425683.00, 51.30},
};

// Named parcels: expected status, and the date idle years count from (the agreed start when not started,
// the suspension date when suspect), as the README's "why" column states it; "" when idle_years is null.
struct NamedParcel {
    const char* id;
    const char* park;  // "" outside every park
    const char* status;
    const char* years_from;
    double readme_fee;  // README's idle fee column (万元), NaN when empty
};
const double kNoFee = std::nan("");
const NamedParcel kNamed[] = {
    {"530111001104GB00001", "G530101", "idle_1y", "2024-12-31", 54.32},
    {"530111001104GB00002", "G530101", "not_idle", "2025-01-01", kNoFee},  // not started, 0 full years
    {"530111001065GB00002", "G530101", "idle_1y", "2024-06-30", 62.09},
    {"530111001045GB00002", "G530101", "idle_1y", "2024-09-15", 28.68},
    {"530111001056GB00001", "G530101", "idle_2y", "2021-03-01", 52.71},
    {"530111001079GB00003", "G530101", "idle_2y", "2022-05-10", 100.89},
    {"530111001082GB00003", "G530101", "idle_2y", "2020-06-20", 67.25},
    {"530111001030GB00006", "G530101", "gov_delay", "2019-08-08", kNoFee},
    {"530111001058GB00007", "G530101", "gov_delay", "2024-04-15", kNoFee},
    {"530111001031GB00003", "G530101", "suspect", "2023-10-08", kNoFee},
    {"530111001077GB00004", "G530101", "suspect", "2023-06-30", kNoFee},
    {"530111001054GB00003", "G530101", "suspect", "2024-03-01", kNoFee},
    {"530111001068GB00001", "G530101", "not_idle", "", kNoFee},
    {"530111001092GB00003", "G530101", "not_idle", "", kNoFee},
    {"530111001017GB00001", "G530101", "unknown", "", kNoFee},
    {"530111001066GB00003", "G530101", "unknown", "", kNoFee},
    {"530111001032GB00001", "G530101", "not_supplied", "", kNoFee},
    {"530111001087GB00006", "G530101", "not_supplied", "", kNoFee},
    {"530111001059GB00001", "", "not_supplied", "", kNoFee},
    {"530181002063GB00006", "S530181", "idle_2y", "2023-12-31", 117.91},
    {"530181002063GB00003", "S530181", "idle_1y", "2024-02-29", 34.28},
    {"530181002054GB00006", "S530181", "idle_1y", "2024-06-30", 764.23},
    {"530181002050GB00001", "S530181", "idle_1y", "2024-08-01", 28.53},
    {"530181002028GB00006", "S530181", "idle_2y", "2021-02-21", 496.66},
    {"530181002062GB00003", "S530181", "idle_2y", "2019-05-20", 137.89},
    {"530181002028GB00002", "S530181", "gov_delay", "2021-05-15", kNoFee},
    {"530181002045GB00004", "S530181", "gov_delay", "2024-03-01", kNoFee},
    {"530181002063GB00001", "S530181", "suspect", "2024-12-31", kNoFee},
    {"530181002027GB00006", "S530181", "suspect", "2023-08-15", kNoFee},
    {"530181002030GB00008", "S530181", "not_idle", "", kNoFee},
    {"530181002028GB00003", "S530181", "unknown", "", kNoFee},
    {"530181002031GB00001", "S530181", "unknown", "", kNoFee},
    {"530181002042GB00002", "S530181", "not_supplied", "", kNoFee},
    {"530181002076GB00002", "S530181", "not_supplied", "", kNoFee},
    {"530181002039GB00003", "S530181", "not_supplied", "", kNoFee},
    // The two "not yet due" parcels: not started, agreed start under a year back or in the future.
    {"530111001058GB00008", "G530101", "not_idle", "2025-12-30", kNoFee},
    {"530181002076GB00001", "S530181", "not_idle", "2026-07-06", kNoFee},
};

// Counts per status: G530101, S530181, outside.
const std::map<std::string, std::array<int, 3>> kStatusCounts = {
    {"not_idle", {316, 126, 6}}, {"idle_1y", {3, 3, 0}},      {"idle_2y", {3, 3, 0}}, {"gov_delay", {2, 2, 0}},
    {"suspect", {3, 2, 0}},      {"not_supplied", {2, 3, 1}}, {"unknown", {2, 2, 0}},
};

bool is_idle_status(const std::string& s) { return s == "idle_1y" || s == "idle_2y" || s == "gov_delay"; }
bool in_idle_layer(const std::string& s) { return is_idle_status(s) || s == "suspect"; }

// Candidate priority defaults (layers/audit_config.h CandidateConfig, docs).
const std::map<std::string, double> kKindWeight = {
    {"idle", 3.0}, {"unsupplied", 2.0}, {"not_operating", 1.5}, {"low_efficiency", 1.0}, {"underused", 0.5}};

constexpr const char* kStraddleSupply = "5301112021B00003";
constexpr const char* kAfterAsOfSupply = "5301112026B00001";
constexpr const char* kOutsideSupply = "5301812020B00004";
constexpr const char* kUnreadableDateParcel = "530111001017GB00001";

// ---------------------------------------------------------------------------------------------------
// Independent reference values (SpatiaLite SQL on a scratch GeoPackage).

struct RefBatch {
    double approved = 0, supplied = 0, unsupplied = 0;
    int unsupplied_parts = 0;       // polygons of batch − union (0 when the difference is empty)
    double supplied_all = 0;        // with every supply, also the one dated after as_of
    double supplied_summed = 0;     // Σ area(batch ∩ supply) without union: double counts overlaps
    double supplied_no_straddle = 0;  // union without the straddling supply
    double straddle_part = 0;       // area(batch ∩ straddling supply)
    std::string park;               // park holding the largest part of the batch
};
struct RefPark {
    double approved = 0, supplied = 0, unsupplied = 0;
};

struct Reference {
    std::map<std::string, RefBatch> batches;  // by PCMC
    std::map<std::string, RefPark> parks;     // clipped to the park polygon
    int outside_supply_batches = -1;          // batches the supply without approval overlaps
    std::map<std::string, double> crjk;       // parcel → CRJK (万元), from parcels.shp

    void build(GDALDataset& s) {
        const std::string u = std::string("u AS (SELECT ST_Union(geom) AS g FROM supplied WHERE GYRQ <= '") + kAsOf + "')";
        for (const Row& r : sql_rows(s, "WITH " + u +
                                            " SELECT a.PCMC AS id, ST_Area(a.geom) AS appr, "
                                            "COALESCE(ST_Area(ST_Intersection(a.geom, u.g)), 0.0) AS supp, "
                                            "COALESCE(ST_Area(ST_Difference(a.geom, u.g)), 0.0) AS unsup, "
                                            "COALESCE(ST_NumGeometries(ST_Difference(a.geom, u.g)), 0) AS parts "
                                            "FROM approved a, u")) {
            RefBatch& b = batches[r.s("id")];
            b.approved = r.d("appr");
            b.supplied = r.d("supp");
            b.unsupplied = r.d("unsup");
            b.unsupplied_parts = static_cast<int>(r.d("parts"));
        }
        for (const Row& r : sql_rows(s, "WITH ua AS (SELECT ST_Union(geom) AS g FROM supplied) "
                                        "SELECT a.PCMC AS id, COALESCE(ST_Area(ST_Intersection(a.geom, ua.g)), 0.0) AS supp "
                                        "FROM approved a, ua"))
            batches[r.s("id")].supplied_all = r.d("supp");
        for (const Row& r : sql_rows(s, std::string("SELECT a.PCMC AS id, sum(ST_Area(ST_Intersection(a.geom, s.geom))) AS supp "
                                                    "FROM approved a, supplied s WHERE s.GYRQ <= '") +
                                            kAsOf + "' AND ST_Intersects(a.geom, s.geom) GROUP BY a.PCMC"))
            batches[r.s("id")].supplied_summed = r.d("supp");
        for (const Row& r : sql_rows(s, std::string("WITH u2 AS (SELECT ST_Union(geom) AS g FROM supplied WHERE GYRQ <= '") +
                                            kAsOf + "' AND DZBAH <> '" + kStraddleSupply +
                                            "') SELECT a.PCMC AS id, COALESCE(ST_Area(ST_Intersection(a.geom, u2.g)), 0.0) "
                                            "AS supp FROM approved a, u2"))
            batches[r.s("id")].supplied_no_straddle = r.d("supp");
        for (const Row& r : sql_rows(s, std::string("SELECT a.PCMC AS id, ST_Area(ST_Intersection(a.geom, s.geom)) AS part "
                                                    "FROM approved a, supplied s WHERE s.DZBAH = '") +
                                            kStraddleSupply + "' AND ST_Intersects(a.geom, s.geom)"))
            batches[r.s("id")].straddle_part = r.d("part");
        for (const Row& r : sql_rows(s, std::string("SELECT count(*) AS n FROM approved a, supplied s WHERE s.DZBAH = '") +
                                            kOutsideSupply +
                                            "' AND ST_Intersects(a.geom, s.geom) AND "
                                            "ST_Area(ST_Intersection(a.geom, s.geom)) > 0"))
            outside_supply_batches = static_cast<int>(r.d("n"));

        // Per park, each batch clipped to the park polygon (parks reprojected to EPSG:4522).
        std::map<std::string, double> best_share;
        for (const Row& r : sql_rows(s, "WITH " + u +
                                            ", x AS (SELECT a.PCMC AS batch, k.YQDM AS park, a.geom AS ag, k.geom AS kg, "
                                            "ST_Intersection(a.geom, u.g) AS sg, ST_Difference(a.geom, u.g) AS dg "
                                            "FROM approved a, parks k, u WHERE ST_Intersects(a.geom, k.geom)) "
                                            "SELECT batch, park, COALESCE(ST_Area(ST_Intersection(ag, kg)), 0.0) AS appr, "
                                            "COALESCE(ST_Area(ST_Intersection(sg, kg)), 0.0) AS supp, "
                                            "COALESCE(ST_Area(ST_Intersection(dg, kg)), 0.0) AS unsup FROM x")) {
            RefPark& k = parks[r.s("park")];
            k.approved += r.d("appr");
            k.supplied += r.d("supp");
            k.unsupplied += r.d("unsup");
            RefBatch& b = batches[r.s("batch")];
            if (r.d("appr") > best_share[r.s("batch")]) {
                best_share[r.s("batch")] = r.d("appr");
                b.park = r.s("park");
            }
        }
    }

    void read_prices() {
        GDALDatasetUniquePtr ds = open_vector(std::string(LANDAUDIT_SAMPLE_DIR) + "/parcels.shp", {"ENCODING=CP936"});
        if (!ds) throw std::runtime_error("cannot open parcels.shp");
        for (const Row& r : read_layer(*ds, "parcels"))
            if (!r.null("CRJK")) crjk[r.s("ZDDM")] = r.d("CRJK");
    }
};

// ---------------------------------------------------------------------------------------------------
// Fixture: one CLI run per test process (gtest_discover_tests runs each test in its own process), and the
// independent computation only for the tests that need it.

class E2ERedevelopment : public ::testing::Test {
protected:
    static void TearDownTestSuite() {
        delete ref_;
        delete run_;
        delete tmp_;
        ref_ = nullptr;
        run_ = nullptr;
        tmp_ = nullptr;
        reference_tried_ = reference_ok_ = false;
    }

    void SetUp() override {
        GDALAllRegister();
        if (!run_) {
            tmp_ = new TempDir("landaudit-e2er");
            out_ = tmp_->path() / "sample_audit.gpkg";
            run_ = new RunResult(cli_test::run_cli({"run", std::string(LANDAUDIT_SAMPLE_DIR) + "/audit.toml", "--out",
                                                    out_.string(), "--no-progress"}));
        }
        ASSERT_EQ(run_->exit_code, 0) << "landaudit run failed" << *run_;
        ds_ = open_vector(out_.string());
        ASSERT_TRUE(ds_) << "cannot open " << out_;
    }

    static void build_reference() {
        if (reference_tried_) return;
        reference_tried_ = true;
        const std::string scratch = (tmp_->path() / "scratch.gpkg").string();
        const std::string dir = LANDAUDIT_SAMPLE_DIR;
        // approved.gpkg and supplied.gpkg are already in EPSG:4522; the parks are EPSG:4490.
        translate_into(scratch, true, dir + "/approved.gpkg", "approved", "approved", "");
        translate_into(scratch, false, dir + "/supplied.gpkg", "supplied", "supplied", "");
        translate_into(scratch, false, dir + "/parks.geojson", "", "parks", "EPSG:4522");
        if (::testing::Test::HasFatalFailure()) return;
        GDALDatasetUniquePtr s = open_vector(scratch);
        ASSERT_TRUE(s) << "cannot open the scratch GeoPackage";
        bool spatialite = false;
        for (const Row& r : sql_rows(*s, "SELECT spatialite_version() AS v")) spatialite = !r.null("v");
        ASSERT_TRUE(spatialite) << "GDAL's SQLite dialect has no SpatiaLite functions here";
        ref_ = new Reference();
        ref_->build(*s);
        ref_->read_prices();
        reference_ok_ = true;
    }

    const Reference& ref() const { return *ref_; }

    static TempDir* tmp_;
    static fs::path out_;
    static RunResult* run_;
    static Reference* ref_;
    static bool reference_tried_, reference_ok_;
    GDALDatasetUniquePtr ds_;
};

TempDir* E2ERedevelopment::tmp_ = nullptr;
fs::path E2ERedevelopment::out_;
RunResult* E2ERedevelopment::run_ = nullptr;
Reference* E2ERedevelopment::ref_ = nullptr;
bool E2ERedevelopment::reference_tried_ = false;
bool E2ERedevelopment::reference_ok_ = false;

#define REQUIRE_REFERENCE()   \
    build_reference();        \
    ASSERT_TRUE(reference_ok_) << "the independent computation failed"

// ---------------------------------------------------------------------------------------------------
// 1. Batches: engine vs the independent SQL, the unsupplied pieces, the README table.

TEST_F(E2ERedevelopment, BatchesMatchIndependentSql) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    ASSERT_EQ(rows.size(), 10u);
    ASSERT_EQ(ref().batches.size(), 10u);
    for (const auto& [id, b] : ref().batches) {
        SCOPED_TRACE(id);
        ASSERT_TRUE(eng.count(id)) << "batch " << id << " missing from the batches layer";
        const Row& e = *eng.at(id);
        EXPECT_TRUE(area_close("appr_m2 of " + id, e.d("appr_m2"), b.approved));
        EXPECT_TRUE(area_close("supp_m2 of " + id, e.d("supp_m2"), b.supplied));
        EXPECT_TRUE(area_close("unsup_m2 of " + id, e.d("unsup_m2"), b.unsupplied));
        EXPECT_TRUE(pct_close("supply_pct of " + id, e.d("supply_pct"), 100.0 * b.supplied / b.approved, b.approved));
        EXPECT_EQ(e.s("park_id"), b.park) << "batch park = the park holding most of it";
        std::cout << std::setprecision(12) << "[ E2ER ] " << id << ": appr " << e.d("appr_m2") << " / " << b.approved
                  << ", supp " << e.d("supp_m2") << " / " << b.supplied << ", unsup " << e.d("unsup_m2") << " / "
                  << b.unsupplied << "\n";
    }
}

TEST_F(E2ERedevelopment, UnsuppliedPiecesAddUpPerBatch) {
    REQUIRE_REFERENCE();
    std::map<std::string, double> sums;
    std::map<std::string, int> slivers, pieces;
    for (const Row& p : read_layer(*ds_, "unsupplied")) {
        sums[p.s("batch_id")] += p.d("area_m2");
        EXPECT_EQ(p.d("sliver") != 0.0, p.d("area_m2") < kMinOverlap) << p.s("batch_id") << " piece " << p.d("area_m2");
        EXPECT_NEAR(p.d("area_mu"), p.d("area_m2") / kMu, 1e-9 * std::max(1.0, p.d("area_mu")));
        slivers[p.s("batch_id")] += p.d("sliver") != 0.0;
        ++pieces[p.s("batch_id")];
    }
    const auto batches = read_layer(*ds_, "batches");
    for (const Row& e : batches) {
        const std::string id = e.s("batch_id");
        SCOPED_TRACE(id);
        const double sum = sums.count(id) ? sums.at(id) : 0.0;
        EXPECT_TRUE(area_close("Σ unsupplied pieces of " + id + " vs unsup_m2", sum, e.d("unsup_m2")));
        EXPECT_TRUE(area_close("Σ unsupplied pieces of " + id + " vs SQL", sum, ref().batches.at(id).unsupplied));
        // One piece per polygon of the difference (SpatiaLite's ST_NumGeometries), slivers included.
        EXPECT_EQ(pieces[id], ref().batches.at(id).unsupplied_parts) << "pieces of " << id;
        std::cout << "[ E2ER ] " << id << ": " << pieces[id] << " unsupplied piece(s), " << slivers[id]
                  << " sliver(s)\n";
    }
    // A4 is fully supplied: no unsupplied land at all, not even a sliver (README: the difference is empty).
    EXPECT_EQ(sums.count(batch_by_key("A4").pcmc), 0u) << "pieces of A4 add up to " << sums[batch_by_key("A4").pcmc];
    const auto a4 = index_by(batches, "batch_id").at(batch_by_key("A4").pcmc);
    EXPECT_EQ(a4->d("unsup_m2"), 0.0) << "A4: exactly 0 unsupplied";
    EXPECT_EQ(a4->d("supply_pct"), 100.0) << "A4: fully supplied";
    EXPECT_EQ(a4->d("lapsed"), 0.0);
}

TEST_F(E2ERedevelopment, BatchesMatchReadmeTable) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    double appr = 0, supp = 0, unsup = 0;
    for (const ReadmeBatch& b : kBatches) {
        SCOPED_TRACE(b.key);
        ASSERT_TRUE(eng.count(b.pcmc)) << b.pcmc;
        const Row& e = *eng.at(b.pcmc);
        EXPECT_EQ(e.s("appr_no"), b.pzwh);
        EXPECT_EQ(e.s("appr_date"), b.pzrq);
        EXPECT_EQ(e.s("park_id"), b.park);
        EXPECT_NEAR(e.d("rec_m2"), b.pzmj, 1e-6) << "rec_m2 = PZMJ";
        EXPECT_NEAR(e.d("appr_m2"), b.area, kReadmeTol) << "polygon area";
        EXPECT_NEAR(e.d("supp_m2"), b.supplied, kReadmeTol);
        EXPECT_NEAR(e.d("unsup_m2"), b.unsupplied, kReadmeTol);
        EXPECT_NEAR(e.d("supply_pct"), b.ratio_pct, kReadmePctTol);
        // The reference itself against the README, so a broken SQL computation cannot agree with a broken engine.
        const RefBatch& r = ref().batches.at(b.pcmc);
        EXPECT_NEAR(r.approved, b.area, kReadmeTol) << "SQL";
        EXPECT_NEAR(r.supplied, b.supplied, kReadmeTol) << "SQL";
        EXPECT_NEAR(r.unsupplied, b.unsupplied, kReadmeTol) << "SQL";
        appr += e.d("appr_m2");
        supp += e.d("supp_m2");
        unsup += e.d("unsup_m2");
    }
    // All ten batches: approved 1,957,958.15, supplied 793,827.43, unsupplied 1,164,130.71, 40.54 %.
    EXPECT_NEAR(appr, 1957958.15, 0.02);
    EXPECT_NEAR(supp, 793827.43, 0.02);
    EXPECT_NEAR(unsup, 1164130.71, 0.02);
    EXPECT_NEAR(100.0 * supp / appr, 40.54, kReadmePctTol);
}

// ---------------------------------------------------------------------------------------------------
// 2. Buckets, lapse, and the supply records with a special role.

TEST_F(E2ERedevelopment, AgeBucketsAndLapse) {
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    const Date as_of = iso(kAsOf);
    std::map<std::string, std::set<std::string>> buckets_per_park;
    for (const ReadmeBatch& b : kBatches) {
        SCOPED_TRACE(b.key);
        ASSERT_TRUE(eng.count(b.pcmc));
        const Row& e = *eng.at(b.pcmc);
        const Date approved = iso(b.pzrq);
        // The README's bucket, and the same from calendar dates: ≤2y iff as_of ≤ PZRQ + 2 y, 2–5y iff ≤ PZRQ + 5 y.
        const std::string computed = on_or_before(as_of, add_years(approved, 2))   ? "≤2y"
                                     : on_or_before(as_of, add_years(approved, 5)) ? "2–5y"
                                                                                   : ">5y";
        ASSERT_EQ(computed, b.bucket) << "the README and the calendar disagree";
        EXPECT_EQ(full_years(approved, as_of), b.full_years);
        EXPECT_EQ(e.s("bucket"), b.bucket);
        buckets_per_park[b.park].insert(e.s("bucket"));
        // age_y = days / 365.2425 (engine/unsupplied_land.h).
        const double age = double(days_from_civil(as_of) - days_from_civil(approved)) / 365.2425;
        EXPECT_NEAR(e.d("age_y"), age, 1e-9);
        EXPECT_EQ(e.d("lapsed") != 0.0, b.lapsed) << "lapsed";
    }
    // Boundary cases: A2 is exactly five years old (still 2–5y), A4 exactly two (still ≤2y).
    EXPECT_EQ(eng.at(batch_by_key("A2").pcmc)->s("bucket"), "2–5y");
    EXPECT_EQ(eng.at(batch_by_key("A4").pcmc)->s("bucket"), "≤2y");
    EXPECT_NE(eng.at(batch_by_key("A6").pcmc)->d("lapsed"), 0.0) << "A6: nothing supplied for over 2 years";
    // Every bucket in each park.
    for (const char* park : {"G530101", "S530181"})
        EXPECT_EQ(buckets_per_park[park], (std::set<std::string>{"≤2y", "2–5y", ">5y"})) << park;
    // The unsupplied pieces carry their batch's bucket and age.
    for (const Row& p : read_layer(*ds_, "unsupplied")) {
        ASSERT_TRUE(eng.count(p.s("batch_id"))) << p.s("batch_id");
        EXPECT_EQ(p.s("bucket"), eng.at(p.s("batch_id"))->s("bucket"));
        EXPECT_DOUBLE_EQ(p.d("age_y"), eng.at(p.s("batch_id"))->d("age_y"));
        EXPECT_EQ(p.s("appr_date"), eng.at(p.s("batch_id"))->s("appr_date"));
    }
}

TEST_F(E2ERedevelopment, SupplyAfterAsOfIsExcluded) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    const ReadmeBatch& a5 = batch_by_key("A5");
    const RefBatch& r = ref().batches.at(a5.pcmc);
    // The 2026-03-01 supply (24,105.5 m², all in A5) would be counted by an engine that ignores as_of.
    EXPECT_NEAR(r.supplied_all - r.supplied, 24105.5, 0.05) << "SQL: the record dated after as_of lies in A5";
    const Row& e = *eng.at(a5.pcmc);
    EXPECT_NEAR(e.d("supp_m2"), 8855.67, kReadmeTol) << "A5 counts only the 2025-02-14 supply";
    EXPECT_NEAR(e.d("unsup_m2"), 125593.46, kReadmeTol) << "the excluded supply's land stays unsupplied";
    // The other batches are not touched by it.
    for (const ReadmeBatch& b : kBatches) {
        if (std::string(b.key) == "A5") continue;
        EXPECT_NEAR(ref().batches.at(b.pcmc).supplied_all, ref().batches.at(b.pcmc).supplied, 0.01) << b.key;
    }
    // The excluded supply is no "supply without approval" either.
    for (const Row& d : read_layer(*ds_, "diagnostics")) {
        if (d.s("feature_id") != kAfterAsOfSupply) continue;
        EXPECT_NE(d.s("problem"), "supply_without_approval") << "it lies in A5";
    }
}

TEST_F(E2ERedevelopment, OverlappingSuppliesAreNotDoubleCounted) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    const ReadmeBatch& a2 = batch_by_key("A2");
    const RefBatch& r = ref().batches.at(a2.pcmc);
    EXPECT_NEAR(r.supplied_summed, 178826.2, 0.05) << "SQL: summing instead of unioning double counts 24,404.8 m²";
    EXPECT_NEAR(r.supplied_summed - r.supplied, 24404.8, 0.05);
    EXPECT_NEAR(eng.at(a2.pcmc)->d("supp_m2"), 154421.40, kReadmeTol) << "A2 supplied, overlapping pair counted once";
    EXPECT_LT(eng.at(a2.pcmc)->d("supp_m2"), 178826.2 - 24000.0);
    EXPECT_NEAR(eng.at(a2.pcmc)->d("unsup_m2"), 57406.35, kReadmeTol);
}

TEST_F(E2ERedevelopment, StraddlingSupplyCountsInBothBatches) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "batches");
    const auto eng = index_by(rows, "batch_id");
    const std::pair<const char*, double> parts[] = {{"A1", 15360.8}, {"A2", 5311.9}};
    for (const auto& [key, readme_part] : parts) {
        SCOPED_TRACE(key);
        const ReadmeBatch& b = batch_by_key(key);
        const RefBatch& r = ref().batches.at(b.pcmc);
        EXPECT_NEAR(r.straddle_part, readme_part, 0.05) << "SQL: part of " << kStraddleSupply << " in the batch";
        // What the engine counts in the batch beyond the other supplies is exactly the straddler's part.
        const double counted = eng.at(b.pcmc)->d("supp_m2") - r.supplied_no_straddle;
        EXPECT_TRUE(area_close(std::string("straddling supply's part counted in ") + key, counted, r.straddle_part));
    }
    // Its 20,672.6 m² are split, not counted whole in either batch.
    EXPECT_NEAR(ref().batches.at(batch_by_key("A1").pcmc).straddle_part +
                    ref().batches.at(batch_by_key("A2").pcmc).straddle_part,
                20672.6, 0.1);
}

TEST_F(E2ERedevelopment, DiagnosticsReportSupplyWithoutApprovalAndAreaMismatch) {
    REQUIRE_REFERENCE();
    EXPECT_EQ(ref().outside_supply_batches, 0) << "SQL: " << kOutsideSupply << " overlaps no batch";
    std::vector<const Row*> without_approval, mismatch;
    const auto diags = read_layer(*ds_, "diagnostics");
    for (const Row& d : diags) {
        if (d.s("problem") == "supply_without_approval") without_approval.push_back(&d);
        if (d.s("problem") == "area_mismatch") mismatch.push_back(&d);
    }
    ASSERT_EQ(without_approval.size(), 1u) << "exactly one supply lies outside every batch";
    EXPECT_EQ(without_approval[0]->s("feature_id"), kOutsideSupply);
    EXPECT_EQ(without_approval[0]->s("role"), "supplied");
    EXPECT_EQ(without_approval[0]->s("action"), "reported");
    ASSERT_EQ(mismatch.size(), 1u) << "only B1 is off by more than area_tolerance_pct = 1 %";
    EXPECT_EQ(mismatch[0]->s("feature_id"), batch_by_key("B1").pcmc);
    EXPECT_EQ(mismatch[0]->s("role"), "approved");
    EXPECT_EQ(mismatch[0]->s("action"), "reported");
    EXPECT_TRUE(contains(mismatch[0]->s("detail"), "332925.60")) << mismatch[0]->s("detail");
    // The README: B1 records 5.00 % more than its polygon, every other batch is within 0.35 %.
    for (const ReadmeBatch& b : kBatches) {
        const double gap_pct = 100.0 * std::abs(b.pzmj - ref().batches.at(b.pcmc).approved) / ref().batches.at(b.pcmc).approved;
        if (std::string(b.key) == "B1") {
            EXPECT_NEAR(gap_pct, 5.0, 0.005);
        } else {
            EXPECT_LT(gap_pct, 0.36) << b.key;
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// 3. Park totals clipped to the park polygons.

TEST_F(E2ERedevelopment, ParkSupplyTotalsMatchReadmeAndSql) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "parks");
    const auto eng = index_by(rows, "park_id");
    ASSERT_EQ(rows.size(), 2u);
    for (const ReadmePark& k : kParksClipped) {
        SCOPED_TRACE(k.id);
        ASSERT_TRUE(eng.count(k.id));
        const Row& e = *eng.at(k.id);
        for (const char* f : {"appr_m2", "supp_m2", "unsup_m2", "supply_pct"}) ASSERT_FALSE(e.null(f)) << f;
        EXPECT_NEAR(e.d("appr_m2"), k.approved, kReadmeTol);
        EXPECT_NEAR(e.d("supp_m2"), k.supplied, kReadmeTol);
        EXPECT_NEAR(e.d("unsup_m2"), k.unsupplied, kReadmeTol);
        EXPECT_NEAR(e.d("supply_pct"), k.ratio_pct, kReadmePctTol);
        ASSERT_TRUE(ref().parks.count(k.id)) << "SQL found no batch in " << k.id;
        const RefPark& r = ref().parks.at(k.id);
        EXPECT_TRUE(area_close(std::string("appr_m2 of ") + k.id, e.d("appr_m2"), r.approved));
        EXPECT_TRUE(area_close(std::string("supp_m2 of ") + k.id, e.d("supp_m2"), r.supplied));
        EXPECT_TRUE(area_close(std::string("unsup_m2 of ") + k.id, e.d("unsup_m2"), r.unsupplied));
        EXPECT_TRUE(pct_close(std::string("supply_pct of ") + k.id, e.d("supply_pct"), 100.0 * r.supplied / r.approved,
                              r.approved));
        // The SQL against the README too.
        EXPECT_NEAR(r.approved, k.approved, kReadmeTol) << "SQL";
        EXPECT_NEAR(r.supplied, k.supplied, kReadmeTol) << "SQL";
        EXPECT_NEAR(r.unsupplied, k.unsupplied, kReadmeTol) << "SQL";
        std::cout << std::setprecision(12) << "[ E2ER ] park " << k.id << ": appr " << e.d("appr_m2") << " / "
                  << r.approved << ", supp " << e.d("supp_m2") << " / " << r.supplied << ", unsup "
                  << e.d("unsup_m2") << " / " << r.unsupplied << "\n";
    }
}

// ---------------------------------------------------------------------------------------------------
// 4. Idle land.

TEST_F(E2ERedevelopment, NamedParcelsHaveTheirIdleStatus) {
    const auto rows = read_layer(*ds_, "parcels");
    const auto eng = index_by(rows, "parcel_id");
    ASSERT_EQ(rows.size(), 479u);
    for (const NamedParcel& n : kNamed) {
        SCOPED_TRACE(n.id);
        ASSERT_TRUE(eng.count(n.id)) << n.id << " missing";
        const Row& e = *eng.at(n.id);
        EXPECT_EQ(e.s("idle"), n.status) << n.id;
        if (*n.park) {
            EXPECT_EQ(e.s("park_id"), n.park) << n.id;
        } else {
            EXPECT_TRUE(e.null("park_id")) << n.id << " lies outside every park";
        }
    }
    // Every parcel that is not named is not_idle.
    std::set<std::string> named;
    for (const NamedParcel& n : kNamed) named.insert(n.id);
    for (const Row& e : rows)
        if (!named.count(e.s("parcel_id"))) {
            EXPECT_EQ(e.s("idle"), "not_idle") << e.s("parcel_id");
        }
}

TEST_F(E2ERedevelopment, IdleCountsPerParkMatchReadme) {
    std::map<std::string, std::array<int, 3>> counts;
    const auto rows = read_layer(*ds_, "parcels");
    for (const Row& e : rows) {
        const int col = e.null("park_id") ? 2 : e.s("park_id") == "G530101" ? 0 : e.s("park_id") == "S530181" ? 1 : -1;
        ASSERT_GE(col, 0) << e.s("parcel_id") << " has park " << e.s("park_id");
        ASSERT_FALSE(e.null("idle")) << e.s("parcel_id") << ": idle is null";
        ++counts[e.s("idle")][static_cast<std::size_t>(col)];
    }
    EXPECT_EQ(counts, kStatusCounts);
    std::array<int, 3> totals{};
    for (const auto& [status, c] : counts)
        for (int i = 0; i < 3; ++i) totals[static_cast<std::size_t>(i)] += c[static_cast<std::size_t>(i)];
    EXPECT_EQ(totals, (std::array<int, 3>{331, 141, 7}));
}

TEST_F(E2ERedevelopment, IdleFlagsExactlyOnIdleAndSuspectParcels) {
    int idle_flags = 0, suspect_flags = 0;
    for (const Row& e : read_layer(*ds_, "parcels")) {
        const auto flags = split(e.s("flags"));
        const std::string status = e.s("idle");
        EXPECT_EQ(flags.count("IDLE") == 1, is_idle_status(status)) << e.s("parcel_id") << " (" << status << "): flags "
                                                                     << e.s("flags");
        EXPECT_EQ(flags.count("IDLE_SUSPECT") == 1, status == "suspect")
            << e.s("parcel_id") << " (" << status << "): flags " << e.s("flags");
        idle_flags += flags.count("IDLE");
        suspect_flags += flags.count("IDLE_SUSPECT");
    }
    EXPECT_EQ(idle_flags, 6 + 6 + 4);
    EXPECT_EQ(suspect_flags, 5);
}

TEST_F(E2ERedevelopment, IdleFeeAndYears) {
    REQUIRE_REFERENCE();
    const auto rows = read_layer(*ds_, "parcels");
    const auto eng = index_by(rows, "parcel_id");
    const Date as_of = iso(kAsOf);
    // idle_fee: 0.2 × CRJK on idle_1y, null on every other parcel.
    for (const Row& e : rows) {
        const std::string id = e.s("parcel_id");
        if (e.s("idle") == "idle_1y") {
            ASSERT_TRUE(ref().crjk.count(id)) << id << " has no CRJK";
            ASSERT_FALSE(e.null("idle_fee")) << id;
            EXPECT_NEAR(e.d("idle_fee"), kFeeRate * ref().crjk.at(id), 1e-9 * ref().crjk.at(id)) << id;
        } else {
            EXPECT_TRUE(e.null("idle_fee")) << id << " (" << e.s("idle") << ") has idle_fee " << e.s("idle_fee");
        }
    }
    for (const NamedParcel& n : kNamed) {
        SCOPED_TRACE(n.id);
        const Row& e = *eng.at(n.id);
        // The README's fee column agrees with 0.2 × CRJK (to its 2 decimals); the engine charges it on idle_1y.
        if (!std::isnan(n.readme_fee)) {
            ASSERT_TRUE(ref().crjk.count(n.id));
            EXPECT_NEAR(kFeeRate * ref().crjk.at(n.id), n.readme_fee, 0.005 + 1e-9) << "README fee vs CRJK";
        }
        // idle_years: full calendar years from the date the README names; null when none.
        if (*n.years_from) {
            const Date from = iso(n.years_from);
            const int years = on_or_before(from, as_of) ? full_years(from, as_of) : 0;
            ASSERT_FALSE(e.null("idle_years")) << n.id << " (" << n.status << ")";
            EXPECT_EQ(e.d("idle_years"), years) << n.id << " (" << n.status << "), from " << n.years_from;
        } else {
            EXPECT_TRUE(e.null("idle_years")) << n.id << " (" << n.status << ") has idle_years " << e.s("idle_years");
        }
    }
    // The boundary cases spelled out in the README.
    EXPECT_EQ(eng.at("530181002063GB00003")->d("idle_years"), 1) << "leap day 2024-02-29: one year on 2025-02-28, not two";
    EXPECT_EQ(eng.at("530181002063GB00003")->s("idle"), "idle_1y");
    EXPECT_EQ(eng.at("530111001104GB00001")->d("idle_years"), 1) << "2024-12-31: exactly one full year";
    EXPECT_EQ(eng.at("530181002063GB00006")->d("idle_years"), 2) << "2023-12-31: exactly two full years";
    EXPECT_EQ(eng.at("530111001104GB00002")->d("idle_years"), 0) << "2025-01-01: one day short";
    EXPECT_EQ(eng.at("530181002063GB00001")->d("idle_years"), 1) << "suspended 2024-12-31: exactly one year";
}

TEST_F(E2ERedevelopment, UnreadableAgreedStartIsDiagnosed) {
    std::vector<const Row*> found;
    const auto diags = read_layer(*ds_, "diagnostics");
    for (const Row& d : diags)
        if (d.s("problem") == "unreadable_date" && d.s("role") == "parcels") found.push_back(&d);
    ASSERT_EQ(found.size(), 1u) << "only one parcel date (待定) is not a date";
    EXPECT_EQ(found[0]->s("feature_id"), kUnreadableDateParcel);
    EXPECT_TRUE(contains(found[0]->s("detail"), "待定")) << found[0]->s("detail");
    EXPECT_TRUE(contains(found[0]->s("detail"), "agreed_start")) << found[0]->s("detail");
    EXPECT_EQ(found[0]->s("action"), "reported");
}

TEST_F(E2ERedevelopment, IdleLayerHoldsExactlyIdleAndSuspectParcels) {
    const auto parcels = read_layer(*ds_, "parcels");
    const auto eng = index_by(parcels, "parcel_id");
    std::set<std::string> expected;
    for (const Row& e : parcels)
        if (in_idle_layer(e.s("idle"))) expected.insert(e.s("parcel_id"));
    EXPECT_EQ(expected.size(), 21u);
    const auto idle = read_layer(*ds_, "idle");
    std::set<std::string> actual;
    for (const Row& r : idle) {
        const std::string id = r.s("parcel_id");
        EXPECT_TRUE(actual.insert(id).second) << id << " twice in the idle layer";
        ASSERT_TRUE(eng.count(id)) << id;
        const Row& p = *eng.at(id);
        EXPECT_EQ(r.s("idle"), p.s("idle")) << id;
        EXPECT_EQ(r.s("park_id"), p.s("park_id")) << id;
        EXPECT_EQ(r.null("idle_years"), p.null("idle_years")) << id;
        EXPECT_EQ(r.d("idle_years"), p.d("idle_years")) << id;
        EXPECT_EQ(r.null("idle_fee"), p.null("idle_fee")) << id;
        EXPECT_EQ(r.d("idle_fee"), p.d("idle_fee")) << id;
        EXPECT_DOUBLE_EQ(r.d("area_m2"), p.d("area_m2")) << id;
    }
    EXPECT_EQ(actual, expected);
    // The agreed start as an ISO date, whatever form it was written in (2024/2/29, 20241231, 2023年12月31日).
    const auto idx = index_by(idle, "parcel_id");
    EXPECT_EQ(idx.at("530181002063GB00003")->s("agreed"), "2024-02-29");
    EXPECT_EQ(idx.at("530111001104GB00001")->s("agreed"), "2024-12-31");
    EXPECT_EQ(idx.at("530181002063GB00006")->s("agreed"), "2023-12-31");
}

// ---------------------------------------------------------------------------------------------------
// 5. Candidates.

TEST_F(E2ERedevelopment, CandidatesOfEveryKindAndRankedWithinParks) {
    const auto cands = read_layer(*ds_, "candidates");
    std::map<std::string, int> kinds;
    std::map<std::string, std::vector<const Row*>> per_park;  // "" = in no park
    for (const Row& c : cands) {
        ++kinds[c.s("kind")];
        EXPECT_TRUE(kKindWeight.count(c.s("kind"))) << "unknown kind " << c.s("kind");
        per_park[c.null("park_id") ? "" : c.s("park_id")].push_back(&c);
    }
    for (const auto& [kind, w] : kKindWeight) EXPECT_GT(kinds[kind], 0) << "no candidate of kind " << kind;
    for (auto& [park, list] : per_park) {
        SCOPED_TRACE("park '" + park + "'");
        std::sort(list.begin(), list.end(), [](const Row* a, const Row* b) { return a->d("rank") < b->d("rank"); });
        for (std::size_t i = 0; i < list.size(); ++i) {
            EXPECT_EQ(list[i]->d("rank"), double(i + 1)) << "ranks must be 1..n without gaps or repeats";
            if (i == 0) continue;
            EXPECT_LE(list[i]->d("priority"), list[i - 1]->d("priority"))
                << "rank " << list[i]->d("rank") << " (" << list[i]->s("kind") << " " << list[i]->s("source_id")
                << ") has a higher priority than rank " << list[i - 1]->d("rank");
        }
    }
    // The parks' candidate counts per kind.
    const std::map<std::string, const char*> column = {{"unsupplied", "c_unsup"},
                                                       {"idle", "c_idle"},
                                                       {"underused", "c_under"},
                                                       {"not_operating", "c_notop"},
                                                       {"low_efficiency", "c_loweff"}};
    for (const Row& k : read_layer(*ds_, "parks")) {
        std::map<std::string, int> n;
        for (const Row* c : per_park[k.s("park_id")]) ++n[c->s("kind")];
        for (const auto& [kind, field] : column) EXPECT_EQ(k.d(field), n[kind]) << k.s("park_id") << "." << field;
    }
}

TEST_F(E2ERedevelopment, IdleCandidatesAreTheIdleParcels) {
    const auto parcels = read_layer(*ds_, "parcels");
    const auto eng = index_by(parcels, "parcel_id");
    std::multiset<std::string> idle_sources;
    for (const Row& c : read_layer(*ds_, "candidates")) {
        if (c.s("kind") != "idle") continue;
        const std::string id = c.s("source_id");
        idle_sources.insert(id);
        ASSERT_TRUE(eng.count(id)) << "idle candidate " << id << " is no parcel";
        const Row& p = *eng.at(id);
        EXPECT_TRUE(in_idle_layer(p.s("idle"))) << "idle candidate " << id << " has status " << p.s("idle");
        EXPECT_EQ(c.s("park_id"), p.s("park_id")) << id;
        EXPECT_DOUBLE_EQ(c.d("area_m2"), p.d("area_m2")) << id;
        EXPECT_EQ(c.d("years"), p.d("idle_years")) << id << ": years = idle_years";
    }
    std::multiset<std::string> expected;
    for (const Row& p : parcels)
        if (in_idle_layer(p.s("idle"))) expected.insert(p.s("parcel_id"));
    EXPECT_EQ(idle_sources, expected) << "one idle candidate per idle_1y / idle_2y / suspect / gov_delay parcel";
}

TEST_F(E2ERedevelopment, EveryNonSliverUnsuppliedPieceIsACandidate) {
    const auto batches = read_layer(*ds_, "batches");
    const auto bidx = index_by(batches, "batch_id");
    // (park, area) of every non-sliver piece and every unsupplied candidate, per batch.
    std::map<std::string, std::vector<std::pair<double, std::string>>> pieces, cands;
    for (const Row& p : read_layer(*ds_, "unsupplied"))
        if (p.d("sliver") == 0.0) pieces[p.s("batch_id")].push_back({p.d("area_m2"), p.s("park_id")});
    for (const Row& c : read_layer(*ds_, "candidates")) {
        if (c.s("kind") != "unsupplied") continue;
        ASSERT_TRUE(bidx.count(c.s("source_id"))) << "unsupplied candidate " << c.s("source_id") << " is no batch";
        cands[c.s("source_id")].push_back({c.d("area_m2"), c.s("park_id")});
        EXPECT_GE(c.d("area_m2"), kMinOverlap) << "a sliver became a candidate";
        EXPECT_NEAR(c.d("years"), bidx.at(c.s("source_id"))->d("age_y"), 1e-12) << "years = the batch's age";
    }
    EXPECT_FALSE(pieces.empty());
    for (auto& [batch, list] : pieces) {
        SCOPED_TRACE(batch);
        auto& got = cands[batch];
        std::sort(list.begin(), list.end());
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got.size(), list.size()) << "candidates vs non-sliver pieces";
        for (std::size_t i = 0; i < list.size(); ++i) {
            EXPECT_NEAR(got[i].first, list[i].first, 1e-6);
            EXPECT_EQ(got[i].second, list[i].second);
        }
    }
    for (const auto& [batch, list] : cands) EXPECT_TRUE(pieces.count(batch)) << batch << " has candidates but no pieces";
}

TEST_F(E2ERedevelopment, CandidatePriorityRecomputed) {
    const auto cands = read_layer(*ds_, "candidates");
    ASSERT_FALSE(cands.empty());
    double worst = 0;
    for (const Row& c : cands) {
        const std::string kind = c.s("kind");
        ASSERT_TRUE(kKindWeight.count(kind)) << kind;
        EXPECT_NEAR(c.d("area_mu"), c.d("area_m2") / kMu, 1e-9 * std::max(1.0, c.d("area_mu")));
        if (kind != "idle" && kind != "unsupplied") {
            EXPECT_EQ(c.d("years"), 0.0) << kind << " " << c.s("source_id");
        }
        const double priority = kKindWeight.at(kind) + 1.0 * c.d("years") + 0.01 * c.d("area_mu");
        EXPECT_NEAR(c.d("priority"), priority, 1e-9) << kind << " " << c.s("source_id") << ": years " << c.d("years")
                                                      << ", 亩 " << c.d("area_mu");
        worst = std::max(worst, std::abs(c.d("priority") - priority));
    }
    std::cout << "[ E2ER ] " << cands.size() << " candidates, largest |priority − recomputed| " << worst << "\n";
}

// ---------------------------------------------------------------------------------------------------
// 6. Park idle totals.

TEST_F(E2ERedevelopment, ParkIdleAreaAndShare) {
    std::map<std::string, double> idle, supplied;
    for (const Row& p : read_layer(*ds_, "parcels")) {
        if (p.null("park_id")) continue;
        const std::string status = p.s("idle");
        if (is_idle_status(status)) idle[p.s("park_id")] += p.d("area_m2");
        if (status != "not_supplied") supplied[p.s("park_id")] += p.d("area_m2");  // unknown is supplied land too
    }
    for (const Row& k : read_layer(*ds_, "parks")) {
        const std::string id = k.s("park_id");
        SCOPED_TRACE(id);
        ASSERT_FALSE(k.null("idle_m2"));
        ASSERT_FALSE(k.null("idle_pct"));
        EXPECT_GT(idle[id], 0.0);
        EXPECT_TRUE(area_close("idle_m2 of " + id, k.d("idle_m2"), idle[id]));
        EXPECT_TRUE(pct_close("idle_pct of " + id, k.d("idle_pct"), 100.0 * idle[id] / supplied[id], supplied[id]));
        std::cout << std::setprecision(12) << "[ E2ER ] park " << id << ": idle_m2 " << k.d("idle_m2") << " / "
                  << idle[id] << ", idle_pct " << k.d("idle_pct") << " / " << 100.0 * idle[id] / supplied[id] << "\n";
    }
}

}  // namespace
