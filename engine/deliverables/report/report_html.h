// report.html: one self-contained, printable page per audit — metadata, per-park tables, maps
// drawn as SVG from the data, charts, candidates — made from the output GeoPackage alone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/deliverables/report/report_change.h"
#include "layers/audit_output.h"
#include "layers/layer_style.h"

namespace landaudit {

struct ReportAssets {
    std::map<std::string, std::string> templates;  // the files of styles/report/ by file name → text
    std::string chart_js;                          // Chart.js as installed by libjs-chart.js
};

// styles: the layer styles (their colours are the maps' colours). change: the comparison with the
// earlier audit (NAME_change.gpkg) for the change section after the park summary; null: no section.
std::string compose_report_html(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                const ReportAssets& assets, const ReportChange* change = nullptr);

}  // namespace landaudit
