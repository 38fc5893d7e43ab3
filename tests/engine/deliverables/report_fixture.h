// A small audit output built by hand for the report tests: two parks, parcels of several
// statuses, conflicts, idle land, unsupplied pieces, candidates and diagnostics, with figures
// simple enough to total by hand (stated beside each).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/deliverables/report/report_html.h"
#include "test_config.h"
#include "engine/wkt_fixture.h"

namespace landaudit::testing {

inline FieldValue t(const std::string& s) { return s; }
inline FieldValue r(double d) { return d; }
inline FieldValue i(long long n) { return n; }
inline FieldValue null() { return {}; }

inline OutputTable table(const std::string& name, const std::vector<std::pair<std::string, FieldType>>& fields,
                         bool geometry = true) {
    OutputTable out;
    out.name = name;
    out.geometry = geometry ? OutputGeometry::MultiPolygon : OutputGeometry::None;
    for (const auto& [f, type] : fields) out.add_field(f, type, f == "red_m2" ? "占生态红线面积(平方米)" : "");
    return out;
}

inline void add(OutputTable& table, std::vector<FieldValue> values, const std::string& wkt_text = {}) {
    OutputRow row;
    row.values = std::move(values);
    if (!wkt_text.empty()) row.geometry = wkb(wkt_text);
    table.rows.push_back(std::move(row));
}

constexpr auto S = FieldType::String;
constexpr auto R = FieldType::Real;
constexpr auto I = FieldType::Integer;

// Parks P1 (1000 m square at the origin, area 1 000 000 m², red 100, farm 50, appr 4000, supp 1000)
// and P2 (500 m square at x = 2000, area 250 000 m², red 250, farm 0, appr 2000, supp 1500).
inline AuditOutput sample_output(const std::string& park_name = "一号园区") {
    AuditOutput out;
    out.path = "/data/audit.gpkg";
    out.crs_authid = "EPSG:4522";
    OutputTable parks = table("parks", {{"park_id", S}, {"name", S}, {"level", S}, {"area_m2", R}, {"red_m2", R},
                                        {"red_pct", R}, {"farm_m2", R}, {"farm_pct", R}, {"n_parcels", I},
                                        {"n_conflict", I}, {"inv_mu", R}, {"rev_mu", R}, {"tax_mu", R}, {"far", R},
                                        {"park_pass", S}, {"n_a", I}, {"n_b", I}, {"n_c", I}, {"n_d", I}, {"n_na", I},
                                        {"checks", S}, {"appr_m2", R}, {"supp_m2", R}, {"supply_pct", R},
                                        {"unsup_m2", R}, {"idle_m2", R}, {"idle_pct", R}});
    add(parks, {t("P1"), t(park_name), t("国家级"), r(1000000), r(100), r(0.01), r(50), r(0.005), i(3), i(1), r(400),
                r(500), r(36), r(1.2), t("FAIL"), i(1), i(1), i(0), i(0), i(1),
                t("kunming-2021: FAIL: 亩均投资 inv_mu 400.00 万元/亩 ≥ 350 ✓ [kunming-2021 km21-inv-national; seed 000 …]; "
                  "亩均税收 tax_mu 36.00 万元/亩 < 40 ✗ [kunming-2021 km21-tax-national; seed 000 …]"),
                r(4000), r(1000), r(25), r(3000), r(200), r(2)},
        square(0, 0, 1000));
    add(parks, {t("P2"), t("二号园区"), t("省级"), r(250000), r(250), r(0.1), r(0), r(0), i(1), i(1), null(), null(),
                null(), null(), t("NA"), i(0), i(0), i(0), i(0), i(1), null(), r(2000), r(1500), r(75), r(500), r(0),
                r(0)},
        square(2000, 0, 500));
    OutputTable parcels = table("parcels", {{"parcel_id", S}, {"park_id", S}, {"status", S}, {"grade", S}});
    add(parcels, {t("a"), t("P1"), t("redline"), t("A")}, square(10, 10, 100));
    add(parcels, {t("b"), t("P1"), t("compliant"), t("B")}, square(200, 10, 100));
    add(parcels, {t("c"), t("P1"), t("compliant"), t("NA")}, square(400, 10, 100));
    add(parcels, {t("d"), t("P2"), t("redline"), t("NA")}, square(2010, 10, 100));
    OutputTable conflicts = table("conflicts", {{"subject", S}, {"subject_id", S}, {"park_id", S}, {"layer", S},
                                                {"area_m2", R}, {"sliver", I}});
    add(conflicts, {t("park"), t("P1"), t("P1"), t("redline"), r(100), i(0)}, square(10, 10, 10));
    add(conflicts, {t("parcel"), t("a"), t("P1"), t("redline"), r(100), i(0)}, square(10, 10, 10));
    OutputTable idle = table("idle", {{"parcel_id", S}, {"park_id", S}, {"idle", S}, {"idle_years", I},
                                      {"idle_fee", R}, {"area_m2", R}});
    add(idle, {t("b"), t("P1"), t("idle_1y"), i(1), r(12.5), r(100)}, square(200, 10, 100));
    add(idle, {t("c"), t("P1"), t("idle_1y"), i(1), r(7.5), r(100)}, square(400, 10, 100));
    add(idle, {t("x"), null(), t("idle_2y"), i(3), null(), r(300)}, square(5000, 0, 10));
    OutputTable unsupplied = table("unsupplied", {{"batch_id", S}, {"bucket", S}, {"area_m2", R}, {"park_id", S},
                                                  {"sliver", I}});
    add(unsupplied, {t("B1"), t(">5y"), r(2000), t("P1"), i(0)}, square(600, 600, 40));
    add(unsupplied, {t("B2"), t("≤2y"), r(1000), t("P1"), i(0)}, square(700, 600, 30));
    add(unsupplied, {t("B3"), t("2–5y"), r(500), t("P2"), i(0)}, square(2100, 100, 20));
    OutputTable candidates = table("candidates", {{"kind", S}, {"source_id", S}, {"park_id", S}, {"area_m2", R},
                                                  {"area_mu", R}, {"years", R}, {"priority", R}, {"rank", I},
                                                  {"detail", S}});
    add(candidates, {t("idle"), t("c"), t("P1"), r(100), r(0.15), r(1), r(2), i(2), t("second")}, square(400, 10, 100));
    add(candidates, {t("unsupplied"), t("B1"), t("P1"), r(2000), r(3), r(9), r(9), i(1), t("first")}, square(600, 600, 40));
    add(candidates, {t("idle"), t("x"), null(), r(300), r(0.45), r(3), r(3), i(1), t("outside")}, square(5000, 0, 10));
    OutputTable diagnostics = table("diagnostics", {{"role", S}, {"source", S}, {"src_fid", I}, {"feature_id", S},
                                                    {"problem", S}, {"action", S}, {"detail", S}},
                                    false);
    add(diagnostics, {t("parcels"), t("p.shp"), i(1), t("a"), t("invalid_geometry"), t("repaired"), t("bowtie")});
    add(diagnostics, {t("parcels"), t("p.shp"), i(2), t("b"), t("invalid_geometry"), t("repaired"), t("ring")});
    add(diagnostics, {t("economics"), t("e.csv"), i(7), t("E1"), t("unmatched_key"), t("reported"), t("no parcel")});
    out.tables = {parcels, parks, conflicts, idle, unsupplied, candidates, diagnostics};
    out.run_info.engine_version = "9.9.9";
    out.run_info.audit_name = "测试审计";
    out.run_info.as_of = "2025-12-31";
    out.run_info.working_crs = "EPSG:4522";
    out.run_info.started = "2026-01-01T00:00:00+00:00";
    out.run_info.finished = "2026-01-01T00:00:02+00:00";
    out.run_info.inputs = {{"parcels", "", "/data/p.shp", std::string(64, 'a'), 10, 4, "EPSG:4522", "UTF-8"},
                           {"rule_set", "kunming-2021", "/rules/kunming-2021.toml", std::string(64, 'b'), 5, -1, "", ""}};
    return out;
}

// The report templates of the source tree, and a stand-in for Chart.js.
inline ReportAssets report_assets() {
    ReportAssets assets;
    for (const auto& e : std::filesystem::directory_iterator(std::string(LANDAUDIT_SOURCE_DIR) + "/styles/report")) {
        std::ifstream in(e.path(), std::ios::binary);
        assets.templates[e.path().filename().string()] = {std::istreambuf_iterator<char>(in), {}};
    }
    assets.chart_js = "/* stand-in for Chart.js */ window.Chart = function () {};";
    return assets;
}

inline std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
    return n;
}

}  // namespace landaudit::testing
