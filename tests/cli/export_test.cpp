// `landaudit export` on a fresh sample output, in every format, read back by other programs and
// compared with the GeoPackage read with plain GDAL: the workbook through openpyxl
// (tests/export/check_xlsx.py: sheet order, Chinese headers, frozen header, filters, number
// formats, column totals), the CSV files, the UTF-8 and GBK Shapefiles (Chinese intact, .cpg,
// .qml, every cut text counted in a warning) and the RFC 7946 GeoJSON.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

const std::vector<std::string> kLayers{"parcels", "parks", "conflicts", "idle", "unsupplied", "batches", "candidates",
                                       "standard_land", "star_targets", "diagnostics"};
// Sheet of each table, in the workbook's order (issue 7).
const std::vector<std::pair<std::string, std::string>> kSheets{
    {"parks", "园区汇总"},   {"parcels", "宗地"},   {"conflicts", "冲突图斑"},   {"idle", "闲置土地"},
    {"unsupplied", "批而未供"}, {"batches", "批次"}, {"candidates", "再开发候选"}, {"standard_land", "标准地"},
    {"star_targets", "星级园区"}, {"diagnostics", "数据问题"},
    {"run_info", "运行信息"}, {"run_inputs", "输入数据"}};
const std::vector<std::string> kTotalled{"area_m2", "area_mu", "red_m2", "farm_m2", "unsup_m2", "idle_m2", "appr_m2",
                                         "supp_m2"};

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, sep)) parts.push_back(part);
    return parts;
}

double total(const std::vector<Row>& rows, const std::string& field) {
    double sum = 0;
    for (const Row& r : rows)
        if (!r.null(field)) sum += r.d(field);
    return sum;
}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)); }

// Exported text equals a prefix of the original, '?' standing for one character GBK lacks.
bool is_fitted_prefix(const std::string& exported, const std::string& original) {
    std::size_t i = 0, j = 0;
    auto length = [](unsigned char c) { return c < 0x80 ? 1u : c < 0xE0 ? 2u : c < 0xF0 ? 3u : 4u; };
    while (i < exported.size()) {
        if (j >= original.size()) return false;
        const std::size_t n = length(static_cast<unsigned char>(original[j]));
        if (exported[i] == '?' && original.compare(j, n, exported, i, n) != 0) {
            ++i;
        } else {
            if (original.compare(j, n, exported, i, n) != 0) return false;
            i += n;
        }
        j += n;
    }
    return true;
}

class ExportCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        s_dir = std::make_unique<TempDir>("landaudit-export");
        fs::copy(LANDAUDIT_SAMPLE_DIR, sample(), fs::copy_options::recursive);
        fs::remove_all(sample() / "out");
        s_run = run_cli({"run", "audit.toml", "--no-report", "--out", gpkg().string()}, {sample(), {}});
        GDALDatasetUniquePtr ds = open_vector(gpkg().string());
        if (!ds) return;
        for (const auto& name : kLayers) s_rows[name] = read_layer(*ds, name.c_str());
        if (OGRLayer* result = ds->ExecuteSQL("SELECT table_name, column_name, title FROM gpkg_data_columns", nullptr, nullptr)) {
            for (auto& f : *result) s_aliases[f->GetFieldAsString(0)][f->GetFieldAsString(1)] = f->GetFieldAsString(2);
            ds->ReleaseResultSet(result);
        }
        if (OGRLayer* result = ds->ExecuteSQL("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1",
                                              nullptr, nullptr)) {
            for (auto& f : *result) s_default_qml[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
            ds->ReleaseResultSet(result);
        }
    }
    static void TearDownTestSuite() { s_dir.reset(); }
    void SetUp() override { ASSERT_EQ(s_run.exit_code, 0) << s_run; }

    static fs::path sample() { return s_dir->path() / "sample_gis"; }
    static fs::path gpkg() { return s_dir->path() / "audit.gpkg"; }
    static const std::vector<Row>& rows(const std::string& layer) { return s_rows.at(layer); }
    static std::string alias(const std::string& table, const std::string& field) {
        auto t = s_aliases.find(table);
        if (t == s_aliases.end()) return field;
        auto f = t->second.find(field);
        return f == t->second.end() || f->second.empty() ? field : f->second;
    }
    RunResult export_to(const std::string& folder, const std::vector<std::string>& extra) {
        std::vector<std::string> args{"export", gpkg().string(), (s_dir->path() / folder).string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    }
    static std::size_t long_texts(const std::string& layer, const std::string& field) {
        std::size_t n = 0;
        for (const Row& r : rows(layer))
            if (!r.null(field) && r.s(field).size() > 254) ++n;
        return n;
    }

    static inline std::unique_ptr<TempDir> s_dir;
    static inline RunResult s_run;
    static inline std::map<std::string, std::vector<Row>> s_rows;
    static inline std::map<std::string, std::map<std::string, std::string>> s_aliases;  // table → field → alias
    static inline std::map<std::string, std::string> s_default_qml;                     // table → default QML
};

TEST_F(ExportCommand, XlsxReadByOpenpyxlHasTheSheetsHeadersFormatsAndTotalsOfTheGeoPackage) {
    RunResult r = export_to("xlsx", {"--format", "xlsx"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path xlsx = s_dir->path() / "xlsx" / "audit.xlsx";
    EXPECT_EQ(r.out, xlsx.string() + "\n");
    ScriptResult py = run_script("/usr/bin/python3 -B '" LANDAUDIT_SOURCE_DIR "/tests/export/check_xlsx.py' '" +
                                 xlsx.string() + "' 2>&1");
    ASSERT_EQ(py.exit_code, 0) << py.out;

    std::vector<std::vector<std::string>> sheets;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> columns;  // sheet → header → fields
    for (const std::string& line : split(py.out, '\n')) {
        auto p = split(line, '\t');
        if (p.size() == 7 && p[0] == "sheet") sheets.push_back(p);
        if (p.size() == 7 && p[0] == "col") columns[p[1]][p[2]] = p;
    }
    ASSERT_EQ(sheets.size(), kSheets.size()) << py.out;
    for (std::size_t i = 0; i < kSheets.size(); ++i) {
        const auto& [table, name] = kSheets[i];
        EXPECT_EQ(sheets[i][2], name) << "sheet " << i;
        EXPECT_EQ(sheets[i][3], "A2") << name << ": header row frozen";
        EXPECT_EQ(sheets[i][4].rfind("A1:", 0), 0u) << name << ": autofilter " << sheets[i][4];
        if (!s_rows.count(table)) continue;
        EXPECT_EQ(std::stoul(sheets[i][5]), rows(table).size()) << name << ": one row per feature";
        const auto& cols = columns[name];
        ASSERT_FALSE(rows(table).empty()) << table;
        EXPECT_EQ(std::stoul(sheets[i][6]), rows(table).front().v.size()) << name << ": every field, no geometry";
        for (const auto& field : kTotalled) {
            if (!rows(table).front().v.count(field)) continue;
            const std::string header = alias(table, field);
            ASSERT_TRUE(cols.count(header)) << name << " has no column " << header;
            EXPECT_NE(header, field) << table << "." << field << " has a Chinese header";
            const auto& c = cols.at(header);
            EXPECT_TRUE(near(std::stod(c[4]), total(rows(table), field)))
                << name << " " << header << ": " << c[4] << " vs GeoPackage " << total(rows(table), field);
            if (std::stoul(c[5])) EXPECT_EQ(c[3], "#,##0.00") << name << " " << header;
        }
    }
    // Percentages are 0–100 with two decimals (not Excel's ×100 percent); counts are integers.
    const auto& parks = columns["园区汇总"];
    EXPECT_EQ(parks.at(alias("parks", "red_pct"))[3], "0.00");
    EXPECT_NE(alias("parks", "red_pct").find("(%)"), std::string::npos);
    EXPECT_EQ(parks.at(alias("parks", "n_parcels"))[3], "0");
    EXPECT_EQ(columns["宗地"].at(alias("parcels", "parcel_id"))[3], "@");
}

TEST_F(ExportCommand, CsvStartsWithTheBomAndHasTheRowsAndTotalsOfTheGeoPackage) {
    RunResult r = export_to("csv", {"--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r;
    for (const auto& layer : kLayers) {
        const fs::path csv = s_dir->path() / "csv" / (layer + ".csv");
        EXPECT_TRUE(contains(r.out, csv.string() + "\n")) << r.out;
        EXPECT_EQ(read_bytes(csv).substr(0, 3), "\xEF\xBB\xBF") << csv;
        GDALDatasetUniquePtr ds = open_vector(csv.string());
        ASSERT_TRUE(ds) << csv;
        const std::vector<Row> got = read_layer(*ds, layer.c_str());
        ASSERT_EQ(got.size(), rows(layer).size()) << layer;
        if (got.empty()) continue;
        std::set<std::string> fields_csv, fields_gpkg;
        for (const auto& [k, v] : got.front().v) fields_csv.insert(k);
        for (const auto& [k, v] : rows(layer).front().v) fields_gpkg.insert(k);
        EXPECT_EQ(fields_csv, fields_gpkg) << layer << ": the header is the field names";
        for (const auto& field : kTotalled) {
            if (!fields_gpkg.count(field)) continue;
            double sum = 0;  // the CSV driver reads text: parse each cell
            for (const Row& row : got)
                if (!row.s(field).empty()) sum += std::stod(row.s(field));
            EXPECT_TRUE(near(sum, total(rows(layer), field))) << layer << "." << field;
        }
        // Text is intact: the first row's text cells equal the GeoPackage's.
        for (const auto& [k, v] : rows(layer).front().v)
            if (!v.null && v.d == 0 && v.s.find_first_not_of("0123456789.-e+") != std::string::npos)
                EXPECT_EQ(got.front().s(k), v.s) << layer << "." << k;
    }
    EXPECT_TRUE(fs::exists(s_dir->path() / "csv" / "run_inputs.csv"));
}

TEST_F(ExportCommand, ShapefileUtf8HasEveryFeatureTheStylesAndCountsEveryCutText) {
    RunResult r = export_to("shp", {"--format", "shp"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path dir = s_dir->path() / "shp";
    for (const auto& layer : kLayers) {
        const bool table_only = layer == "diagnostics" || layer == "star_targets";
        const fs::path file = dir / (layer + (table_only ? ".dbf" : ".shp"));
        GDALDatasetUniquePtr ds = open_vector(file.string());
        ASSERT_TRUE(ds) << file;
        const std::vector<Row> got = read_layer(*ds, layer.c_str());
        ASSERT_EQ(got.size(), rows(layer).size()) << layer;
        EXPECT_EQ(read_bytes(dir / (layer + ".cpg")), "UTF-8");
        if (!table_only) EXPECT_TRUE(fs::exists(dir / (layer + ".prj"))) << layer;
        for (const auto& field : kTotalled)
            if (!got.empty() && got.front().v.count(field))
                EXPECT_TRUE(near(total(got, field), total(rows(layer), field))) << layer << "." << field;
        auto qml = s_default_qml.find(layer);
        if (qml != s_default_qml.end()) EXPECT_EQ(read_bytes(dir / (layer + ".qml")), qml->second) << layer;
    }
    ASSERT_FALSE(s_default_qml.empty()) << "the sample output carries default styles";
    // Every text over 254 bytes is counted in a warning, and the GeoPackage has some (评价依据).
    const std::size_t cut = long_texts("parcels", "reasons");
    ASSERT_GT(cut, 0u);
    EXPECT_TRUE(contains(r.out + r.err, "parcels.shp: " + std::to_string(cut) + " value(s) of reasons cut to 254 bytes"))
        << r;
    const std::vector<Row> parks = read_layer(*open_vector((dir / "parks.shp").string()), "parks");
    EXPECT_EQ(parks.front().s("name"), rows("parks").front().s("name"));
}

TEST_F(ExportCommand, ShapefileGbkReadsBackWithChineseIntactAndSaysWhatGbkLacks) {
    RunResult r = export_to("gbk", {"--format", "shp", "--encoding", "GBK"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path dir = s_dir->path() / "gbk";
    EXPECT_EQ(read_bytes(dir / "parcels.cpg"), "936");
    EXPECT_TRUE(fs::exists(dir / "parcels.qml"));
    // Read back the way QGIS does: GDAL takes the encoding from the .cpg.
    const std::vector<Row> got = read_layer(*open_vector((dir / "parcels.shp").string()), "parcels");
    const std::vector<Row>& want = rows("parcels");
    ASSERT_EQ(got.size(), want.size());
    std::size_t chinese = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].s("parcel_id"), want[i].s("parcel_id"));
        EXPECT_EQ(got[i].s("QLR"), want[i].s("QLR")) << "the owner (权利人) in Chinese";
        EXPECT_EQ(got[i].s("status"), want[i].s("status"));
        EXPECT_TRUE(is_fitted_prefix(got[i].s("reasons"), want[i].s("reasons")))
            << got[i].s("reasons") << "\n  vs\n" << want[i].s("reasons");
        if (got[i].s("QLR").find("公司") != std::string::npos) ++chinese;
    }
    EXPECT_GT(chinese, 0u);
    EXPECT_TRUE(contains(r.out + r.err, "parcels.shp: ")) << r;
    EXPECT_TRUE(contains(r.out + r.err, "value(s) of reasons had characters GBK cannot hold")) << r;
    const std::vector<Row> parks = read_layer(*open_vector((dir / "parks.shp").string()), "parks");
    EXPECT_EQ(parks.front().s("name"), rows("parks").front().s("name"));
}

// The renderer type a QML document sets ("categorizedSymbol"), or "none" without one.
std::string renderer_type(const std::string& qml) {
    static const std::regex renderer(R"re(<renderer-v2[^>]*\stype="([^"]+)")re");
    std::smatch m;
    return std::regex_search(qml, m, renderer) ? m[1].str() : "none";
}

TEST_F(ExportCommand, QgisOpensTheGbkShapefilesInChineseWithTheirStyles) {
    RunResult r = export_to("gbk_qgis", {"--format", "shp", "--encoding", "GBK", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r;
    const fs::path dir = s_dir->path() / "gbk_qgis";
    const fs::path log = s_dir->path() / "check_shapefile_qgis.log";
    ScriptResult py = run_script("QT_QPA_PLATFORM=offscreen /usr/bin/python3 -B '" LANDAUDIT_SOURCE_DIR
                                 "/tests/export/check_shapefile_qgis.py' '" + dir.string() + "' 2>'" + log.string() + "'");
    ASSERT_EQ(py.exit_code, 0) << py.out << "\n--- stderr ---\n" << read_bytes(log);
    std::set<std::string> opened;
    std::size_t values = 0;
    for (const std::string& line : split(py.out, '\n')) {
        const auto p = split(line, '\t');
        if (p.size() == 7 && p[0] == "layer") {
            const std::string& layer = p[1];
            opened.insert(layer);
            EXPECT_EQ(p[2], "True") << layer << " is valid";
            EXPECT_EQ(std::stoul(p[3]), rows(layer).size()) << layer;
            EXPECT_EQ(p[5], "GBK") << layer << ": QGIS reads the .cpg";
            auto qml = s_default_qml.find(layer);
            ASSERT_NE(qml, s_default_qml.end()) << layer;
            EXPECT_EQ(p[4], renderer_type(qml->second)) << layer << ": QGIS applied the .qml";
            EXPECT_GT(std::stoul(p[6]), 0u) << layer << ": Chinese aliases from the .qml";
        } else if (p.size() >= 3 && p[0] == "value") {
            const std::string got = p.size() > 3 ? p[3] : "";
            const std::string want = rows(p[1]).front().s(p[2]);
            EXPECT_TRUE(is_fitted_prefix(got, want)) << p[1] << "." << p[2] << ": " << got << "\n  vs\n" << want;
            ++values;
        }
    }
    EXPECT_EQ(opened, std::set<std::string>(kLayers.begin(), kLayers.end())) << py.out;
    EXPECT_GT(values, 20u) << py.out;
}

TEST_F(ExportCommand, GeoJsonIsInWgs84WithTheFeatureCountsOfTheGeoPackage) {
    RunResult r = export_to("geojson", {"--format", "geojson"});
    ASSERT_EQ(r.exit_code, 0) << r;
    for (const auto& layer : kLayers) {
        const fs::path file = s_dir->path() / "geojson" / (layer + ".geojson");
        GDALDatasetUniquePtr ds = open_vector(file.string());
        ASSERT_TRUE(ds) << file;
        OGRLayer* l = ds->GetLayer(0);
        EXPECT_EQ(l->GetFeatureCount(), static_cast<GIntBig>(rows(layer).size())) << layer;
        const std::string text = read_bytes(file);
        EXPECT_EQ(text.find("\"crs\""), std::string::npos) << layer << ": RFC 7946 names no CRS";
        if (layer == "diagnostics" || layer == "star_targets") continue;
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        ASSERT_TRUE(l->GetSpatialRef());
        // GDAL reads GeoJSON as OGC:CRS84, EPSG:4326 with longitude first.
        const char* same[] = {"CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
        EXPECT_TRUE(l->GetSpatialRef()->IsSame(&wgs84, same)) << layer;
        OGREnvelope env;
        ASSERT_EQ(l->GetExtent(&env), OGRERR_NONE);
        EXPECT_GT(env.MinX, 102.0) << layer << ": longitude first, near Kunming";
        EXPECT_LT(env.MaxX, 103.5);
        EXPECT_GT(env.MinY, 24.0);
        EXPECT_LT(env.MaxY, 26.0);
        std::smatch m;
        static const std::regex coordinate(R"(\[ (-?\d+)\.(\d+), (-?\d+)\.(\d+) \])");
        ASSERT_TRUE(std::regex_search(text, m, coordinate)) << layer;
        EXPECT_LE(m[2].length(), 7) << layer << ": 7 decimals";
        EXPECT_LE(m[4].length(), 7) << layer;
    }
}

TEST_F(ExportCommand, RefusesToWriteOverTheInputsAndLeavesThemAsTheyWere) {
    const Snapshot before = snapshot(sample());
    RunResult r = export_to("sample_gis", {"--format", "shp"});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, (sample() / "parcels.dbf").string() + ": the export would replace an input of the audit (parcels)"))
        << r;
    EXPECT_TRUE(contains(r.err, "hint: export into another folder")) << r;
    EXPECT_EQ(snapshot_diff(before, snapshot(sample())), "");
}

TEST_F(ExportCommand, QuietPrintsNothingAndStillWrites) {
    RunResult r = export_to("quiet", {"--format", "geojson", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(fs::exists(s_dir->path() / "quiet" / "parcels.geojson"));
}

}  // namespace
