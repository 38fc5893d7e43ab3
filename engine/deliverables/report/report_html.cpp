// report.html: the page template (styles/report/report.html) filled with the audit's sections;
// one park.html section per park; the CSS, the chart script and Chart.js inlined so the file
// opens offline.
#include "engine/deliverables/report/report_html.h"

#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_labels.h"
#include "engine/deliverables/report/report_park.h"
#include "engine/deliverables/report/report_standard_land.h"
#include "engine/deliverables/report/report_summary.h"
#include "layers/error.h"

namespace landaudit {

namespace {

const std::string& template_file(const ReportAssets& assets, const std::string& name) {
    auto it = assets.templates.find(name);
    if (it == assets.templates.end())
        throw AuditError(AuditError::Kind::Config, "styles/report/" + name + ": the report template is missing",
                         "the styles/ folder of landaudit's source is incomplete, or LANDAUDIT_STYLES_DIR points elsewhere");
    return it->second;
}

// Section numbers as a Chinese reader expects them: 一 … 九十九.
std::string chinese_number(int n) {
    static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) return std::to_string(n);
    if (n < 10) return digits[n];
    return std::string(n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10];
}

}  // namespace

std::string compose_report_html(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                const ReportAssets& assets, const ReportChange* change) {
    const ReportLabels labels = ReportLabels::parse(template_file(assets, "labels.tsv"));
    const OutputTable* parks = output.table("parks");
    if (!parks) throw AuditError(AuditError::Kind::Input, output.path + ": no parks layer", "is it a landaudit output?");

    ReportContext ctx{output, labels,
                      style_classes(styles, "parcels", "status", labels, "status"),
                      style_classes(styles, "parcels", "grade", labels, "grade"),
                      style_classes(styles, "idle", "idle", labels, "idle"),
                      style_classes(styles, "unsupplied", "bucket", labels, "bucket"),
                      style_classes(styles, "candidates", "kind", labels, "kind"),
                      {}};
    for (const auto& row : parks->rows) ctx.park_ids.push_back(field_text(*parks, row, "park_id"));

    GeosContext geos;
    const ReportGeometry geometry{row_envelopes(geos, output.table("parcels")), row_envelopes(geos, output.table("conflicts")),
                                  row_envelopes(geos, output.table("unsupplied"))};

    // 三、年度变化 after 一、审计信息 and 二、园区汇总 when there is a change file, then the parks.
    std::string change_section, change_link;
    if (change) {
        std::map<std::string, std::string> values = change_section_values(ctx, *change);
        values["change_number"] = chinese_number(3);
        change_section = fill_template(template_file(assets, "change.html"), values, "change.html");
        change_link = "<li><a href=\"#change\">" + html_escape(labels.label("text", "change_toc")) + " <span class=\"en\">" +
                      html_escape(labels.label("text", "change_toc_en")) + "</span></a></li>";
    }
    const std::string& park_template = template_file(assets, "park.html");
    std::string park_sections, park_links;
    const int first_park_number = change ? 4 : 3;
    for (std::size_t i = 0; i < parks->rows.size(); ++i) {
        std::map<std::string, std::string> values = park_section_values(geos, ctx, geometry, i);
        values["park_number"] = chinese_number(first_park_number + static_cast<int>(i));
        park_links += "<li><a href=\"#park-" + values["park_anchor"] + "\">" + values["park_name"] + " <span class=\"en\">" +
                      values["park_id"] + "</span></a></li>";
        park_sections += fill_template(park_template, values, "park.html");
    }

    const RunInfo& run = output.run_info;
    const std::string audit_name = run.audit_name.empty() ? output.path : run.audit_name;
    const std::map<std::string, std::string> page{
        {"audit_name", html_escape(audit_name)},
        {"as_of", html_escape(run.as_of.empty() ? "—" : run.as_of)},
        {"engine_version", html_escape(run.engine_version.empty() ? "—" : run.engine_version)},
        {"source", html_escape(output.path)},
        {"css", template_file(assets, "report.css")},
        {"change_link", change_link},
        {"change", change_section},
        {"park_links", park_links},
        {"metadata", metadata_table(ctx)},
        {"inputs", inputs_table(ctx)},
        {"rule_sets", rule_sets_table(ctx)},
        {"total_note", html_escape(labels.label("text", "total_note"))},
        {"compliance_table", compliance_table(ctx)},
        {"intensity_table", intensity_table(ctx)},
        {"idle_table", idle_table(ctx)},
        {"unsupplied_table", unsupplied_table(ctx)},
        {"stars_table", stars_table(ctx)},
        {"star_targets", star_targets_html(ctx)},
        {"standard_land_table", standard_land_html(ctx)},
        {"candidates_summary", candidates_summary_table(ctx)},
        {"parks", park_sections},
        {"diagnostics_number", chinese_number(first_park_number + static_cast<int>(parks->rows.size()))},
        {"diagnostics_summary", diagnostics_summary_table(ctx)},
        {"diagnostics_list", diagnostics_list_table(ctx)},
        {"chart_js", inline_script(assets.chart_js)},
        {"report_js", inline_script(template_file(assets, "report.js"))},
    };
    return fill_template(template_file(assets, "report.html"), page, "report.html");
}

}  // namespace landaudit
