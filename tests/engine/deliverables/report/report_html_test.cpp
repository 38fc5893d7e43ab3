// report.html composition: self-contained, escaped, totals that are the sums of their rows, one
// map path per parcel status in the style's colours, thresholds read from the checks text.
#include "engine/deliverables/report/report_html.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "layers/error.h"
#include "engine/deliverables/report_fixture.h"

namespace landaudit {
namespace {

using namespace testing;

std::string compose(const AuditOutput& out, const std::vector<LayerStyle>& styles = {}) {
    return compose_report_html(out, styles, report_assets());
}

// data-total / data-ratio key → data-value of the totals cell.
std::map<std::string, double> totals(const std::string& html) {
    std::map<std::string, double> out;
    static const std::regex cell("data-value=\"([^\"]+)\" data-(total|ratio)=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator(); ++it)
        out[std::string((*it)[2]) + ":" + std::string((*it)[3])] = std::stod((*it)[1]);
    return out;
}

TEST(ReportHtml, IsOneSelfContainedPageWithNoAddressOutside) {
    const std::string html = compose(sample_output());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(html.find("http"), std::string::npos) << "no URL at all: no fonts, no CDN, no xmlns";
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_NE(html.find("stand-in for Chart.js"), std::string::npos) << "Chart.js is inlined";
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("size: A4"), std::string::npos);
    EXPECT_EQ(html.find("{{"), std::string::npos) << "every placeholder filled";
}

TEST(ReportHtml, ShowsTheRunsProvenance) {
    const std::string html = compose(sample_output());
    EXPECT_NE(html.find("测试审计"), std::string::npos);
    EXPECT_NE(html.find(std::string(64, 'a')), std::string::npos) << "input SHA-256";
    EXPECT_NE(html.find("/rules/kunming-2021.toml"), std::string::npos) << "rule set listed";
    EXPECT_NE(html.find("2026-01-01T00:00:00+00:00 → 2026-01-01T00:00:02+00:00"), std::string::npos);
    EXPECT_NE(html.find("landaudit 9.9.9"), std::string::npos);
    AuditOutput old = sample_output();
    old.run_info = {};
    EXPECT_NE(compose(old).find("run_info"), std::string::npos) << "an output without run_info says so";
}

TEST(ReportHtml, EscapesTextFromTheData) {
    AuditOutput out = sample_output("<script>alert(\"园\")</script> & Co");
    out.table("unsupplied");
    for (auto& t : out.tables)
        if (t.name == "unsupplied") t.rows[0].values[1] = std::string("</script><b>");
    const std::string html = compose(out);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&quot;园&quot;)&lt;/script&gt; &amp; Co"), std::string::npos);
    EXPECT_EQ(html.find("</script><b>"), std::string::npos) << "a value cannot end a script element";
    EXPECT_NE(html.find("\\u003c/script\\u003e\\u003cb\\u003e"), std::string::npos) << "chart JSON escapes it";
}

TEST(ReportHtml, TotalsAreTheSumsOfTheRows) {
    const auto t = totals(compose(sample_output()));
    const double mu = 2000.0 / 3.0;
    // Parks: 1 000 000 + 250 000 m²; red 100 + 250; conflicts 1 + 1; grades A 1, NA 1 + 1.
    EXPECT_DOUBLE_EQ(t.at("total:parks.area_m2"), 1250000);
    EXPECT_DOUBLE_EQ(t.at("total:parks.area_m2@mu"), 1250000 / mu);
    EXPECT_DOUBLE_EQ(t.at("total:parks.red_m2"), 350);
    EXPECT_DOUBLE_EQ(t.at("ratio:parks.red_m2/parks.area_m2"), 350.0 / 1250000 * 100);
    EXPECT_DOUBLE_EQ(t.at("total:parks.n_conflict"), 2);
    EXPECT_DOUBLE_EQ(t.at("total:parks.n_na"), 2);
    // Idle: two idle_1y in P1 (fees 12.5 + 7.5), one idle_2y in no park, on its own row.
    EXPECT_DOUBLE_EQ(t.at("total:idle.count[idle=idle_1y]"), 2);
    EXPECT_DOUBLE_EQ(t.at("total:idle.count[idle=idle_2y]"), 1);
    EXPECT_DOUBLE_EQ(t.at("total:idle.idle_fee"), 20);
    // 批而未供: approved 4000 + 2000, supplied 1000 + 1500 → 41.67 %; >5y piece 2000 m².
    EXPECT_DOUBLE_EQ(t.at("total:parks.appr_m2"), 6000);
    EXPECT_DOUBLE_EQ(t.at("ratio:parks.supp_m2/parks.appr_m2"), 2500.0 / 6000 * 100);
    EXPECT_DOUBLE_EQ(t.at("total:unsupplied.area_m2[bucket=&gt;5y]@mu"), 2000 / mu);
    // Candidates: 3 in all, one outside every park; diagnostics: 3 rows.
    EXPECT_DOUBLE_EQ(t.at("total:candidates.count"), 3);
    EXPECT_DOUBLE_EQ(t.at("total:candidates.count[kind=idle]"), 2);
    EXPECT_DOUBLE_EQ(t.at("total:diagnostics.count"), 3);
}

TEST(ReportHtml, MapsGroupParcelsOfOneStatusIntoOnePathInTheStylesColours) {
    LayerStyle style;
    style.table = "parcels";
    style.is_default = true;
    style.qml = R"(<qgis><renderer-v2 type="categorizedSymbol" attr="status"><categories>
      <category value="redline" symbol="0" label="红线"/><category value="compliant" symbol="1" label="合规"/>
      </categories><symbols>
      <symbol name="0" type="fill"><layer class="SimpleFill"><prop k="color" v="1,2,3,255"/><prop k="outline_color" v="9,9,9,255"/></layer></symbol>
      <symbol name="1" type="fill"><layer class="SimpleFill"><Option type="Map"><Option name="color" value="4,5,6,128" type="QString"/></Option></layer></symbol>
      </symbols></renderer-v2></qgis>)";
    const std::string html = compose(sample_output(), {style});
    // P1's map: parcels a (redline), b and c (compliant); P2's: d (redline). Three paths in all.
    EXPECT_EQ(count_of(html, "<path class=\"parcels status-redline\" fill=\"rgba(1,2,3,1)\""), 2u);
    EXPECT_EQ(count_of(html, "<path class=\"parcels status-compliant\" fill=\"rgba(4,5,6,0.502)\""), 1u);
    EXPECT_EQ(count_of(html, "<path class=\"parcels "), 3u);
    EXPECT_EQ(count_of(html, "class=\"park-outline\""), 2u);
    EXPECT_EQ(count_of(html, "class=\"scale-bar\""), 2u);
    EXPECT_EQ(count_of(html, "class=\"north-arrow\""), 2u);
    EXPECT_NE(html.find("红线 <span class=\"code\">redline</span> (1 宗地)"), std::string::npos) << "legend from the style";
}

TEST(ReportHtml, WithoutStylesTheTemplatePaletteColoursTheMap) {
    const std::string html = compose(sample_output());
    EXPECT_NE(html.find("<path class=\"parcels status-redline\" fill=\"#d7301f\""), std::string::npos);
}

TEST(ReportHtml, CandidatesAreListedByRankWithinTheirPark) {
    const std::string html = compose(sample_output());
    const auto first = html.find(">first<"), second = html.find(">second<");
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(second, std::string::npos);
    EXPECT_LT(first, second) << "rank 1 before rank 2 although the layer lists rank 2 first";
    EXPECT_EQ(html.find(">outside<"), std::string::npos) << "a candidate in no park is in no park's list";
}

TEST(ReportHtml, IndicatorChartsShowTheThresholdsTheChecksName) {
    const std::string html = compose(sample_output());
    // P1: inv_mu 400 against ≥ 350, tax_mu 36 against ≥ 40 (failed); rev_mu has no threshold.
    EXPECT_NE(html.find("\"kunming-2021 ≥ 350\"]"), std::string::npos);
    EXPECT_NE(html.find("\"data\":[400,350]"), std::string::npos);
    EXPECT_NE(html.find("\"data\":[36,40]"), std::string::npos);
    EXPECT_NE(html.find("亩均营业收入 rev_mu: 所用规则集未设园区阈值"), std::string::npos);
    EXPECT_NE(html.find("id=\"chart-p1-grade\""), std::string::npos);
    EXPECT_NE(html.find("id=\"chart-p1-idle\""), std::string::npos);
    EXPECT_NE(html.find("id=\"chart-p1-unsupplied\""), std::string::npos);
}

TEST(ReportHtml, AParkOfFiftyThousandParcelsStaysASmallFile) {
    AuditOutput out = sample_output();
    OutputTable& parcels = out.tables.front();
    ASSERT_EQ(parcels.name, "parcels");
    // 250 × 200 parcels of 3.5 m on a 4 m grid inside P1 (1000 m square), statuses in turn.
    const char* statuses[] = {"compliant", "low_eff", "redline", "idle_1y"};
    for (int i = 0; i < 250; ++i)
        for (int j = 0; j < 200; ++j)
            add(parcels, {t("g" + std::to_string(i * 200 + j)), t("P1"), t(statuses[(i + j) % 4]), t("B")},
                square(i * 4.0, j * 4.0, 3.5));
    const std::string html = compose(out);
    EXPECT_LT(html.size(), 5u * 1024 * 1024);
    EXPECT_EQ(count_of(html, "<path class=\"parcels status-"), 4u + 1u) << "P1: four statuses; P2: one";
    EXPECT_NE(html.find("(12501 宗地)"), std::string::npos) << "every parcel counted in the legend";
}

TEST(ReportHtml, AMistypedPlaceholderIsAnError) {
    ReportAssets assets = report_assets();
    assets.templates["park.html"] += "{{no_such_thing}}";
    EXPECT_THROW(compose_report_html(sample_output(), {}, assets), AuditError);
    assets = report_assets();
    assets.templates.erase("labels.tsv");
    EXPECT_THROW(compose_report_html(sample_output(), {}, assets), AuditError);
}

}  // namespace
}  // namespace landaudit
