// The report and the QGIS project with the change (issue 10): a run of the sample with `[compare]
// earlier` (its 2024 year) writes NAME_change.gpkg, then the report and project include it. Headless
// Chromium opens the report: the change section's totals equal sums computed here from the change
// GeoPackage with plain GDAL, and each park's 处置率 equals the disposal pieces' SQL sums. PyQGIS
// opens the project: the change group's layers load valid from the change file and styled. Without
// a change file (or with one that compares another output) the report and project have no change.
#include <cpl_json.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "chromium_page.h"
#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// The cells of one HTML table row: text, and the exact value of number cells (data-value).
struct Cell {
    std::string text;
    std::optional<double> value;
};

std::vector<std::vector<Cell>> body_rows(const std::string& table_html) {
    std::vector<std::vector<Cell>> rows;
    const auto body_start = table_html.find("<tbody>"), body_end = table_html.find("</tbody>");
    if (body_start == std::string::npos || body_end == std::string::npos) return rows;
    const std::string body = table_html.substr(body_start, body_end - body_start);
    static const std::regex tr("<tr>(.*?)</tr>"), td("<td([^>]*)>([^<]*)</td>"), value("data-value=\"([^\"]+)\"");
    // std::regex has no lazy-across-lines issue here: the report writes a row on one line.
    for (auto r = std::sregex_iterator(body.begin(), body.end(), tr); r != std::sregex_iterator(); ++r) {
        const std::string row = (*r)[1];
        std::vector<Cell> cells;
        for (auto c = std::sregex_iterator(row.begin(), row.end(), td); c != std::sregex_iterator(); ++c) {
            Cell cell{(*c)[2], std::nullopt};
            std::smatch m;
            const std::string attributes = (*c)[1];
            if (std::regex_search(attributes, m, value)) cell.value = std::stod(m[1]);
            cells.push_back(cell);
        }
        rows.push_back(cells);
    }
    return rows;
}

// The table of the DOM whose class list holds `css_class`.
std::string table_with_class(const std::string& dom, const std::string& css_class) {
    const auto at = dom.find("<table class=\"data " + css_class + "\"");
    if (at == std::string::npos) return {};
    return dom.substr(at, dom.find("</table>", at) - at);
}

double sql_number(GDALDataset& ds, const std::string& sql) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLite");
    if (!result) throw std::runtime_error("SQL failed: " + sql);
    double v = 0;
    if (auto f = std::unique_ptr<OGRFeature>(result->GetNextFeature()); f && f->IsFieldSetAndNotNull(0))
        v = f->GetFieldAsDouble(0);
    ds.ReleaseResultSet(result);
    return v;
}

class ChangeDeliverables : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        dir = new TempDir("landaudit-change-deliverables");
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir->path() / "sample", fs::copy_options::recursive);
        fs::remove_all(dir->path() / "sample" / "__pycache__");
        const RunOptions here{dir->path(), std::nullopt};
        earlier_run = new RunResult(run_cli({"run", "sample/2024/audit.toml", "--no-report", "--no-progress", "-q"}, here));
        // The sample's 2025 config writing out/later.gpkg, compared with the 2024 output.
        std::ifstream in(dir->path() / "sample" / "audit.toml");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string from = "path = \"../out/sample_audit.gpkg\"";
        text.replace(text.find(from), from.size(), "path = \"../out/later.gpkg\"");
        std::ofstream(dir->path() / "sample" / "audit_compare.toml")
            << text << "\n[compare]\nearlier = \"../out/sample_audit_2024.gpkg\"\n";
        later_run = new RunResult(run_cli({"run", "sample/audit_compare.toml", "--no-progress"}, here));
    }
    static void TearDownTestSuite() {
        delete later_run;
        delete earlier_run;
        delete dir;
    }
    void SetUp() override {
        ASSERT_EQ(earlier_run->exit_code, 0) << *earlier_run;
        ASSERT_EQ(later_run->exit_code, 0) << *later_run;
    }
    static fs::path out(const std::string& name) { return dir->path() / "out" / name; }

    static TempDir* dir;
    static RunResult* earlier_run;
    static RunResult* later_run;
};

TempDir* ChangeDeliverables::dir = nullptr;
RunResult* ChangeDeliverables::earlier_run = nullptr;
RunResult* ChangeDeliverables::later_run = nullptr;

TEST_F(ChangeDeliverables, TheRunWritesTheChangeBeforeTheDeliverablesAndListsIt) {
    ASSERT_TRUE(fs::exists(out("later_change.gpkg")));
    for (const char* file : {"later.gpkg", "later.qgz", "report.html", "later_change.gpkg"})
        EXPECT_TRUE(contains(later_run->out, file)) << "the summary lists " << file << "\n" << *later_run;
    EXPECT_LE(fs::last_write_time(out("later_change.gpkg")), fs::last_write_time(out("report.html")))
        << "the change is written first, so the report can include it";
    EXPECT_TRUE(contains(read_bytes(out("report.html")), "id=\"change\""));

    // The change names the two audits it compared, with their digests (sha256sum, not landaudit).
    auto change = open_vector(out("later_change.gpkg").string());
    ASSERT_TRUE(change);
    std::map<std::string, Row> inputs;
    for (const Row& r : read_layer(*change, "run_inputs")) inputs[r.s("role")] = r;
    for (const auto& [role, file] : std::map<std::string, std::string>{{"earlier", "sample_audit_2024.gpkg"}, {"later", "later.gpkg"}}) {
        ASSERT_TRUE(inputs.count(role)) << role;
        EXPECT_EQ(inputs[role].s("path"), out(file).string());
        const ScriptResult digest = run_script("sha256sum '" + out(file).string() + "'");
        EXPECT_EQ(inputs[role].s("sha256"), digest.out.substr(0, 64)) << role;
    }
    EXPECT_TRUE(inputs.count("targets"));
}

TEST_F(ChangeDeliverables, TheReportsChangeSectionEqualsTheChangeGeoPackage) {
    const Browser dom = chromium(out("report.html"), "--dump-dom", dir->path());
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(console_lines(dom.err), std::vector<std::string>{}) << "no console message, no uncaught error";

    const auto begin = dom.out.find("<section id=\"change\"");
    ASSERT_NE(begin, std::string::npos) << "a change section";
    const std::string section = dom.out.substr(begin, dom.out.find("</section>", begin) - begin);
    EXPECT_TRUE(contains(dom.out, "href=\"#change\"")) << "the contents list it";
    EXPECT_TRUE(contains(section, "2024 → 2025-12-31")) << "the two years";
    EXPECT_TRUE(contains(section, (dir->path() / "out" / "sample_audit_2024.gpkg").string())) << "the earlier file";
    EXPECT_TRUE(contains(section, (dir->path() / "out" / "later.gpkg").string())) << "the later file";
    EXPECT_TRUE(contains(section, "later_change.gpkg"));

    // Its three charts drawn, with the 14 of the parks.
    const std::regex canvas("<canvas[^>]*data-chart=\"chart-change-[^\"]+\"[^>]*>");
    std::size_t canvases = 0;
    for (auto it = std::sregex_iterator(section.begin(), section.end(), canvas); it != std::sregex_iterator(); ++it) {
        ++canvases;
        EXPECT_TRUE(contains(it->str(), "data-rendered=\"1\"")) << it->str();
    }
    EXPECT_EQ(canvases, 3u);
    EXPECT_TRUE(contains(dom.out, "data-charts=\"17\""));

    // Every total of the section against the change GeoPackage.
    auto change = open_vector(out("later_change.gpkg").string());
    ASSERT_TRUE(change);
    std::map<std::string, double> shown = expect_totals_equal(section, *change);
    for (const char* key : {"park_change.unsup_stk", "park_change.unsup_dsp/park_change.unsup_stk", "park_change.idle_stk",
                            "park_change.idle_dsp/park_change.idle_stk", "disposal.area_m2@mu",
                            "disposal.area_m2[outcome=supplied]@mu", "parcel_change.count",
                            "parcel_change.count[change=new_conflict]", "parcel_change.area_m2@mu",
                            "parcel_change.count[tgt_pass=FAIL]", "conflict_change.count[change=new]",
                            "conflict_change.area_m2[change=new]"})
        EXPECT_TRUE(shown.count(key)) << "the change section totals " << key;
    EXPECT_DOUBLE_EQ(shown["parcel_change.count"], static_cast<double>(read_layer(*change, "parcel_change").size()));

    // Each park's 处置率 row against the disposal pieces themselves (not park_change's fields).
    for (const std::string kind : {"unsupplied", "idle"}) {
        const auto rows = body_rows(table_with_class(section, kind == "idle" ? "change-disposal-idle" : "change-disposal-unsup"));
        ASSERT_EQ(rows.size(), 2u) << "the sample's two parks";
        for (const auto& row : rows) {
            ASSERT_EQ(row.size(), 7u);
            const std::string park = row[1].text;
            const std::string where = " FROM disposal WHERE kind = '" + kind + "' AND park_id = '" + park + "'";
            const double stock = sql_number(*change, "SELECT SUM(area_m2)" + where);
            const double disposed = sql_number(*change, "SELECT SUM(area_m2)" + where + " AND disposed = 1");
            ASSERT_TRUE(row[2].value && row[3].value) << park << " " << kind;
            EXPECT_NEAR(*row[2].value, stock, 1e-6) << park << " " << kind << " stock";
            EXPECT_NEAR(*row[3].value, disposed, 1e-6) << park << " " << kind << " disposed";
            ASSERT_GT(stock, 0) << park << " " << kind << ": the sample has stock of both kinds in both parks";
            ASSERT_TRUE(row[4].value) << park << " " << kind;
            EXPECT_NEAR(*row[4].value, 100 * disposed / stock, 1e-9) << park << " " << kind << " 处置率";
        }
    }
    EXPECT_GT(sql_number(*change, "SELECT SUM(area_m2) FROM disposal WHERE disposed = 1"), 0) << "something was disposed of";

    // The growth table: each park's figures of both audits, and the annual growth worked out here:
    // ((X_1 ÷ X_0)^(1 / years) − 1) × 100, from park_change read with GDAL.
    std::map<std::string, Row> park_rows;
    for (const Row& r : read_layer(*change, "park_change")) park_rows[r.s("park_id")] = r;
    const auto growth_rows = body_rows(table_with_class(section, "change-growth"));
    EXPECT_EQ(growth_rows.size(), 8u) << "two parks × rev, tax, out, inv";
    for (const auto& row : growth_rows) {
        ASSERT_EQ(row.size(), 7u);
        const Row& p = park_rows.at(row[1].text);
        const std::string stem = row[2].text.substr(row[2].text.rfind(' ') + 1);
        const double v0 = p.d(stem + "_0"), v1 = p.d(stem + "_1");
        EXPECT_DOUBLE_EQ(row[3].value.value_or(-1), v0) << row[1].text << " " << stem;
        EXPECT_DOUBLE_EQ(row[4].value.value_or(-1), v1) << row[1].text << " " << stem;
        EXPECT_NEAR(row[6].value.value_or(-1), (std::pow(v1 / v0, 1.0 / p.d("years")) - 1) * 100, 1e-9) << row[1].text << " " << stem;
    }

    // The parcel transitions: each park's count of each change against SQL.
    const std::string transitions = table_with_class(section, "change-transitions");
    static const std::regex header("<th class=\"num\">[^<]*<span class=\"code\">([a-z_]+)</span></th>");
    std::vector<std::string> kinds;
    for (auto it = std::sregex_iterator(transitions.begin(), transitions.end(), header); it != std::sregex_iterator(); ++it)
        kinds.push_back((*it)[1]);
    ASSERT_GE(kinds.size(), 3u) << transitions.substr(0, 2000);
    for (const auto& row : body_rows(transitions)) {
        ASSERT_EQ(row.size(), kinds.size() + 2);
        // "—": the parcels in no park.
        const std::string park = row[1].text == "—" ? "park_id IS NULL" : "park_id = '" + row[1].text + "'";
        for (std::size_t k = 0; k + 1 < kinds.size(); ++k)  // the last is the park's total
            EXPECT_DOUBLE_EQ(row[k + 2].value.value_or(-1),
                             sql_number(*change, "SELECT COUNT(*) FROM parcel_change WHERE " + park + " AND change = '" +
                                                     kinds[k] + "'"))
                << row[1].text << " " << kinds[k];
    }

    // Rendered: the whole page, tall enough to hold the change section; looked at by hand too.
    const fs::path png = dir->path() / "report_change.png";
    const Browser shot = chromium(out("report.html"), "--window-size=1280,9000 --screenshot='" + png.string() + "'", dir->path());
    ASSERT_EQ(shot.exit_code, 0) << shot.err;
    EXPECT_EQ(console_lines(shot.err), std::vector<std::string>{});
    ASSERT_TRUE(fs::exists(png));
    EXPECT_GT(fs::file_size(png), 200u * 1024);
    if (const char* keep = std::getenv("LANDAUDIT_KEEP_PNG")) fs::copy_file(png, keep, fs::copy_options::overwrite_existing);
}

TEST_F(ChangeDeliverables, WithoutAChangeFileOrWithAnotherOnesTheReportAndProjectHaveNone) {
    const fs::path alone = dir->path() / "alone";
    fs::create_directories(alone);
    fs::copy_file(out("later.gpkg"), alone / "later.gpkg");
    RunResult r = run_cli({"report", (alone / "later.gpkg").string()});
    ASSERT_EQ(r.exit_code, 0) << r;
    const std::string html = read_bytes(alone / "report.html");
    EXPECT_FALSE(contains(html, "id=\"change\"")) << "no change file, no section";
    EXPECT_FALSE(contains(html, "href=\"#change\""));
    EXPECT_FALSE(contains(r.out, "include the change")) << r;
    EXPECT_FALSE(contains(html, "年度变化")) << "the parks are numbered from 三 again";

    // A change file beside the 2024 output that compares 2024 with 2025: not about this file.
    fs::copy_file(out("sample_audit_2024.gpkg"), alone / "y2024.gpkg");
    fs::copy_file(out("later_change.gpkg"), alone / "y2024_change.gpkg");
    RunResult other = run_cli({"report", (alone / "y2024.gpkg").string()});
    ASSERT_EQ(other.exit_code, 0) << other;
    EXPECT_TRUE(contains(other.err, "y2024_change.gpkg compares another output")) << other;
    EXPECT_FALSE(contains(read_bytes(alone / "report.html"), "id=\"change\""));

    // `landaudit report` on the run's own output finds its change beside it.
    fs::copy_file(out("later_change.gpkg"), alone / "later_change.gpkg");
    RunResult again = run_cli({"report", (alone / "later.gpkg").string()});
    ASSERT_EQ(again.exit_code, 0) << again;
    EXPECT_TRUE(contains(again.out, "include the change")) << again;
    EXPECT_TRUE(contains(read_bytes(alone / "report.html"), "id=\"change\""));
}

// PyQGIS: the project's change group, its layers read from the change file beside, styled.
CPLJSONObject project_in_qgis(const fs::path& qgz, const fs::path& log) {
    const ScriptResult s = run_script("QT_QPA_PLATFORM=offscreen /usr/bin/python3 '" LANDAUDIT_SOURCE_DIR
                                      "/tests/qgis/check_change_project.py' '" + qgz.string() + "' 2>'" + log.string() + "'");
    CPLJSONDocument doc;
    EXPECT_EQ(s.exit_code, 0) << s.out << read_bytes(log);
    EXPECT_TRUE(doc.LoadMemory(s.out)) << s.out;
    return doc.GetRoot();
}

TEST_F(ChangeDeliverables, TheProjectsChangeGroupLoadsValidAndStyledInQgis) {
    const CPLJSONObject project = project_in_qgis(out("later.qgz"), dir->path() / "qgis.log");
    std::vector<std::string> groups;
    for (const auto& g : project.GetArray("groups")) groups.push_back(g.ToString());
    ASSERT_NE(std::find(groups.begin(), groups.end(), "变化 Change"), groups.end()) << project.Format(CPLJSONObject::PrettyFormat::Pretty);
    auto change = open_vector(out("later_change.gpkg").string());
    ASSERT_TRUE(change);
    const struct {
        const char* name;
        const char* table;
        const char* renderer;
        const char* attr;
    } expected[] = {{"冲突变化", "conflict_change", "QgsCategorizedSymbolRenderer", "change"},
                    {"存量处置结果", "disposal", "QgsCategorizedSymbolRenderer", "outcome"},
                    {"宗地变化", "parcel_change", "QgsCategorizedSymbolRenderer", "change"},
                    {"园区批而未供处置率", "park_change", "QgsGraduatedSymbolRenderer", "unsup_rat"},
                    {"闲置土地处置率", "park_change", "QgsGraduatedSymbolRenderer", "idle_rat"}};
    const CPLJSONObject layers = project.GetObj("change");
    for (const auto& e : expected) {
        const CPLJSONObject l = layers.GetObj(e.name);
        ASSERT_TRUE(l.IsValid()) << e.name << "\n" << layers.Format(CPLJSONObject::PrettyFormat::Pretty);
        EXPECT_TRUE(l.GetBool("valid")) << e.name;
        EXPECT_EQ(l.GetString("renderer"), e.renderer) << e.name << ": styled, not QGIS's single-symbol default";
        EXPECT_EQ(l.GetString("attr"), e.attr) << e.name;
        EXPECT_TRUE(contains(l.GetString("source"), "later_change.gpkg|layername=" + std::string(e.table))) << l.GetString("source");
        EXPECT_EQ(l.GetLong("features"), change->GetLayerByName(e.table)->GetFeatureCount()) << e.name;
    }
    const CPLJSONObject diagnostics = layers.GetObj("比对诊断");
    ASSERT_TRUE(diagnostics.IsValid());
    EXPECT_TRUE(diagnostics.GetBool("valid"));
    EXPECT_FALSE(diagnostics.GetBool("spatial"));

    // Each park's layout lists its 处置率 from park_change.
    int layouts = 0;
    for (const auto& layout : project.GetObj("layouts").GetChildren()) {
        ++layouts;
        bool listed = false;
        for (const auto& row : layout.ToArray())
            if (contains(row.ToString(), "批而未供处置率(%) 较上期 | ")) listed = true;
        EXPECT_TRUE(listed) << layout.GetName();
    }
    EXPECT_EQ(layouts, 2);

    // Moved with its two GeoPackages, the project still finds the change (relative paths).
    const fs::path moved = dir->path() / "moved";
    fs::create_directories(moved);
    for (const char* f : {"later.gpkg", "later_change.gpkg", "later.qgz"}) fs::copy_file(out(f), moved / f);
    const CPLJSONObject again = project_in_qgis(moved / "later.qgz", dir->path() / "qgis-moved.log");
    EXPECT_TRUE(again.GetObj("change").GetObj("冲突变化").GetBool("valid"));
    EXPECT_TRUE(contains(again.GetObj("change").GetObj("冲突变化").GetString("source"), moved.string()));
}

TEST_F(ChangeDeliverables, AProjectWithoutAChangeFileHasNoChangeGroup) {
    const fs::path alone = dir->path() / "alone-project";
    fs::create_directories(alone);
    fs::copy_file(out("later.gpkg"), alone / "later.gpkg");
    ASSERT_EQ(run_cli({"report", (alone / "later.gpkg").string(), "-q"}).exit_code, 0);
    const CPLJSONObject project = project_in_qgis(alone / "later.qgz", dir->path() / "qgis-alone.log");
    for (const auto& g : project.GetArray("groups")) EXPECT_FALSE(contains(g.ToString(), "Change")) << g.ToString();
    for (const auto& layout : project.GetObj("layouts").GetChildren())
        for (const auto& row : layout.ToArray()) EXPECT_FALSE(contains(row.ToString(), "较上期")) << row.ToString();
}

}  // namespace
