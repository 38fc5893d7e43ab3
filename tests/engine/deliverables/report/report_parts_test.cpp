// The report's parts: number and text formatting, threshold parsing from checks text, QML colours.
#include <gtest/gtest.h>

#include "engine/deliverables/report/report_checks.h"
#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_style_colours.h"
#include "layers/error.h"

namespace landaudit {
namespace {

TEST(ReportFormat, NumbersForPeopleAndForMachines) {
    EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
    EXPECT_EQ(format_number(-0.001, 2), "0.00");
    EXPECT_EQ(format_number(-1234.6, 0), "-1,235");
    EXPECT_EQ(format_number(999.999, 2), "1,000.00");
    EXPECT_EQ(exact_number(0.1), "0.1");
    EXPECT_EQ(std::stod(exact_number(6692600.00000038)), 6692600.00000038);
}

TEST(ReportFormat, EscapingForHtmlJsonAndScripts) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    EXPECT_EQ(json_string("a\"b\\</script>\n"), "\"a\\\"b\\\\\\u003c/script\\u003e\\n\"");
    EXPECT_EQ(inline_script("s = '</script>';"), "s = '<\\/script>';");
}

TEST(ReportFormat, TemplatesFillInOnePass) {
    EXPECT_EQ(fill_template("<h1>{{a}}</h1>{{b}}", {{"a", "{{b}}"}, {"b", "2"}}, "t.html"), "<h1>{{b}}</h1>2");
    EXPECT_THROW(fill_template("{{c}}", {}, "t.html"), AuditError);
    EXPECT_EQ(shown_of_total("前 {shown} 条,共 {total} 条", 25, 259), "前 25 条,共 259 条");
}

TEST(ReportChecks, ReadsEachCheckedThreshold) {
    const auto c = parse_checks(
        "kunming-2021: FAIL: 亩均投资 inv_mu 413.90 万元/亩 ≥ 350 ✓ [kunming-2021 km21-inv-national; seed 000 “…”]; "
        "主导产业占比 lead_pct 20.31 % < 70 ✗ [kunming-2021 km21-lead; seed 000 …] | national-control-2008: A: "
        "容积率 far 1.35 ≥ 0.7 ✓ [national-control-2008 far-34-39 [U]; 国土资发〔2008〕24号 …]; "
        "行政办公 admin_pct 8.10 % > 7 ✗ [national-control-2008 admin; …]; "
        "亩均税收 tax_mu unknown (no economics row for 2024) [kunming-2021 km21-tax; seed 000 …]; "
        "建筑系数 coverage 42.00 % ≥ 30, ≤ 80 ✓ [x-2020 cov; …]");
    ASSERT_EQ(c.size(), 5u) << "the unknown tax_mu carries no number";
    EXPECT_EQ(c[0].indicator, "inv_mu");
    EXPECT_DOUBLE_EQ(c[0].value, 413.90);
    EXPECT_DOUBLE_EQ(c[0].threshold, 350);
    EXPECT_TRUE(c[0].minimum);
    EXPECT_TRUE(c[0].passed);
    EXPECT_EQ(c[0].rule_set, "kunming-2021");
    EXPECT_EQ(c[0].check_id, "km21-inv-national");
    EXPECT_EQ(c[1].indicator, "lead_pct");
    EXPECT_TRUE(c[1].minimum) << "a failed minimum shows <";
    EXPECT_FALSE(c[1].passed);
    EXPECT_EQ(c[2].check_id, "far-34-39") << "[U] marks an unverified threshold, not part of the id";
    EXPECT_FALSE(c[3].minimum) << "a failed maximum shows >";
    EXPECT_DOUBLE_EQ(c[3].threshold, 7);
    EXPECT_EQ(c[4].indicator, "coverage");
    EXPECT_DOUBLE_EQ(c[4].threshold, 30);
}

TEST(ReportStyleColours, ReadsCategoriesLabelsAndFillColours) {
    const auto q = qml_categories(R"(<qgis><renderer-v2 attr="bucket" type="categorizedSymbol"><categories>
        <category symbol="1" value="&gt;5y" label="五年以上" render="true"/><category value="" symbol="0" label=""/>
        </categories><symbols>
        <symbol name="0" type="fill"><layer><prop k="outline_color" v="0,0,0,255"/><prop k="color" v="10,20,30,255,rgb:0.1,0.2,0.3,1"/></layer></symbol>
        <symbol name="1" type="fill"><layer class="LinePatternFill"><prop k="color" v="200,0,0,255"/><prop k="angle" v="135"/>
          <symbol name="@1@0" type="line"><layer><prop k="line_color" v="1,1,1,255"/></layer></symbol></layer></symbol>
        </symbols></renderer-v2></qgis>)");
    EXPECT_EQ(q.field, "bucket");
    ASSERT_EQ(q.classes.size(), 2u);
    EXPECT_EQ(q.classes[0].value, ">5y");
    EXPECT_EQ(q.classes[0].label, "五年以上");
    EXPECT_EQ(q.classes[0].colour, "rgba(200,0,0,1)");
    EXPECT_EQ(q.classes[0].hatch, "rgba(1,1,1,1)") << "a line-pattern layer's line colour";
    EXPECT_EQ(q.classes[1].colour, "rgba(10,20,30,1)") << "fill colour, not the outline's";
    EXPECT_EQ(q.classes[1].outline, "rgba(0,0,0,1)");
    EXPECT_TRUE(q.classes[1].hatch.empty());
    EXPECT_TRUE(qml_categories("<qgis><renderer-v2 type=\"singleSymbol\"/></qgis>").field.empty());
}

}  // namespace
}  // namespace landaudit
