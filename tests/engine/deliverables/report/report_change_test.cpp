// The report's change section from a change GeoPackage built by hand: present only with a change,
// numbered 三 with the parks from 四, totals that are sums worked out by hand, the 处置率 and the
// annualised growth worked out by hand.
#include "engine/deliverables/report/report_change.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>

#include "engine/deliverables/report/report_html.h"
#include "engine/deliverables/report_fixture.h"

namespace landaudit {
namespace {

using namespace testing;

// Two parks over two years. P1: 批而未供 stock 1000 m², 250 disposed (25 %); idle 400 m², 100
// disposed (25 %) against a 50 % target: FAIL; 亩均营业收入 100 → 121 万元/亩 in 2 years: +10 %/yr.
// P2: 批而未供 3000 m², none disposed; idle 0.
AuditOutput change_output() {
    AuditOutput out;
    out.path = "/data/audit_change.gpkg";
    out.crs_authid = "EPSG:4522";
    OutputTable parks = table("park_change", {{"park_id", S}, {"name", S}, {"years", I}, {"rev_0", R}, {"rev_1", R},
                                              {"rev_d", R}, {"unsup_stk", R}, {"unsup_dsp", R}, {"unsup_rat", R},
                                              {"unsup_tgt", R}, {"unsup_ok", S}, {"idle_stk", R}, {"idle_dsp", R},
                                              {"idle_rat", R}, {"idle_tgt", R}, {"idle_ok", S}, {"targets", S},
                                              {"tgt_pass", S}});
    add(parks, {t("P1"), t("一号园区"), i(2), r(100), r(121), r(21), r(1000), r(250), r(25), null(), null(), r(400),
                r(100), r(25), r(50), t("FAIL"), t("亩均营业收入年均增长 10.00 %/yr ≥ 7 %/yr: PASS"), t("PASS")},
        square(0, 0, 1000));
    add(parks, {t("P2"), t("二号园区"), i(2), r(50), null(), null(), r(3000), r(0), r(0), null(), null(), r(0), r(0),
                null(), r(50), null(), null(), t("NA")},
        square(2000, 0, 500));
    OutputTable parcels = table("parcel_change", {{"parcel_id", S}, {"park_id", S}, {"area_m2", R}, {"change", S},
                                                  {"tgt_pass", S}});
    add(parcels, {t("A"), t("P1"), r(1000), t("unchanged"), t("PASS")}, square(0, 0, 10));
    add(parcels, {t("B"), t("P1"), r(2000), t("became_idle"), t("FAIL")}, square(20, 0, 10));
    add(parcels, {t("C"), t("P2"), r(4000), t("new"), null()}, square(2000, 0, 10));
    OutputTable disposal = table("disposal", {{"kind", S}, {"park_id", S}, {"outcome", S}, {"disposed", I},
                                              {"area_m2", R}});
    add(disposal, {t("unsupplied"), t("P1"), t("supplied"), i(1), r(250)}, square(0, 0, 5));
    add(disposal, {t("unsupplied"), t("P1"), t("still_unsupplied"), i(0), r(750)}, square(0, 10, 5));
    add(disposal, {t("unsupplied"), t("P2"), t("still_unsupplied"), i(0), r(3000)}, square(2000, 0, 5));
    add(disposal, {t("idle"), t("P1"), t("started"), i(1), r(100)}, square(20, 0, 5));
    add(disposal, {t("idle"), t("P1"), t("still_idle"), i(0), r(300)}, square(20, 10, 5));
    OutputTable conflicts = table("conflict_change", {{"layer", S}, {"change", S}, {"parcel_id", S}, {"park_id", S},
                                                      {"feat_ids", S}, {"area_m2", R}});
    add(conflicts, {t("redline"), t("new"), t("B"), t("P1"), t("HX1"), r(40)}, square(20, 0, 2));
    add(conflicts, {t("farmland"), t("left"), t("A"), t("P1"), t("NT1"), r(15)}, square(0, 0, 2));
    OutputTable diagnostics = table("diagnostics", {{"layer", S}, {"problem", S}}, false);
    add(diagnostics, {t("parcels"), t("no_earlier_match")});
    out.tables = {parks, parcels, disposal, conflicts, diagnostics};
    out.run_info.engine_version = "0.1.0";
    out.run_info.as_of = "2025-12-31";
    out.run_info.inputs = {{"earlier", "审计 2023", "/data/audit_2023.gpkg", "aa11", 10, -1, {}, {}},
                           {"later", "审计 2025", "/data/audit.gpkg", "bb22", 20, -1, {}, {}}};
    return out;
}

std::map<std::string, double> totals(const std::string& html) {
    std::map<std::string, double> out;
    static const std::regex cell("data-value=\"([^\"]+)\" data-(total|ratio)=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator(); ++it)
        out[std::string((*it)[3])] = std::stod((*it)[1]);
    return out;
}

TEST(ReportChange, WithoutAChangeThereIsNoSection) {
    const std::string html = compose_report_html(sample_output(), {}, report_assets());
    EXPECT_EQ(html.find("id=\"change\""), std::string::npos);
    EXPECT_EQ(html.find("#change"), std::string::npos);
    EXPECT_NE(html.find("三、一号园区"), std::string::npos) << "the first park is 三";
}

TEST(ReportChange, TheSectionComesThirdWithTheParksAfter) {
    const AuditOutput change = change_output();
    const std::vector<LayerStyle> none;
    const ReportChange report_change{change, none};
    const std::string html = compose_report_html(sample_output(), {}, report_assets(), &report_change);
    EXPECT_NE(html.find("三、年度变化"), std::string::npos);
    EXPECT_NE(html.find("四、一号园区"), std::string::npos);
    EXPECT_NE(html.find("href=\"#change\""), std::string::npos);
    EXPECT_EQ(html.find("{{"), std::string::npos) << "every placeholder filled";
    // The earlier year is the later as_of's less park_change.years; both files and digests shown.
    EXPECT_NE(html.find("2023 → 2025-12-31"), std::string::npos);
    EXPECT_NE(html.find("/data/audit_2023.gpkg"), std::string::npos);
    EXPECT_NE(html.find("aa11"), std::string::npos);
}

TEST(ReportChange, TotalsRatesAndGrowthAreWorkedOutFromTheChange) {
    const AuditOutput change = change_output();
    const std::vector<LayerStyle> none;
    const std::map<std::string, std::string> v = change_section_values(
        ReportContext{sample_output(), ReportLabels::parse(report_assets().templates.at("labels.tsv")), {}, {}, {}, {}, {}, {}},
        ReportChange{change, none});
    std::string all;
    for (const auto& [key, html] : v) all += html;
    const auto shown = totals(all);
    EXPECT_DOUBLE_EQ(shown.at("park_change.unsup_stk"), 4000);  // 1000 + 3000
    EXPECT_DOUBLE_EQ(shown.at("park_change.unsup_dsp"), 250);
    EXPECT_DOUBLE_EQ(shown.at("park_change.unsup_dsp/park_change.unsup_stk"), 6.25);  // 250 ÷ 4000
    EXPECT_DOUBLE_EQ(shown.at("park_change.idle_dsp/park_change.idle_stk"), 25);     // 100 ÷ 400
    EXPECT_DOUBLE_EQ(shown.at("disposal.area_m2[outcome=still_unsupplied]@mu"), 3750 / (2000.0 / 3));
    EXPECT_DOUBLE_EQ(shown.at("disposal.area_m2@mu"), 4400 / (2000.0 / 3));
    EXPECT_DOUBLE_EQ(shown.at("parcel_change.count"), 3);
    EXPECT_DOUBLE_EQ(shown.at("parcel_change.count[change=became_idle]"), 1);
    EXPECT_DOUBLE_EQ(shown.at("parcel_change.area_m2[change=new]@mu"), 6);  // 4000 m² = 6 亩
    EXPECT_DOUBLE_EQ(shown.at("parcel_change.count[tgt_pass=FAIL]"), 1);
    EXPECT_DOUBLE_EQ(shown.at("conflict_change.area_m2[change=new]"), 40);
    EXPECT_DOUBLE_EQ(shown.at("conflict_change.count[change=left]"), 1);

    // P1's 亩均营业收入: (121 ÷ 100)^(1/2) − 1 = 10 %/yr; P2's has no later value, so no growth.
    const std::string& growth = v.at("change_growth_table");
    static const std::regex value("data-value=\"([^\"]+)\"");
    bool ten = false;
    for (auto it = std::sregex_iterator(growth.begin(), growth.end(), value); it != std::sregex_iterator(); ++it)
        ten = ten || std::abs(std::stod((*it)[1]) - 10) < 1e-9;
    EXPECT_TRUE(ten) << growth;
    EXPECT_NE(v.at("change_idle_rate_table").find("class=\"fail\">不达标 FAIL"), std::string::npos);
    // A parcel transition chart without the unchanged parcels, one for each stock.
    EXPECT_EQ(v.at("change_transitions_chart").find("unchanged"), std::string::npos);
    EXPECT_NE(v.at("change_idle_chart").find("data-chart=\"chart-change-idle\""), std::string::npos);
    EXPECT_NE(v.at("change_diagnostics").find("比对诊断 1 条"), std::string::npos);
}

}  // namespace
}  // namespace landaudit
