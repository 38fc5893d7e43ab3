// Glue only: read the audit back, compose each deliverable (engine/deliverables/), write it (io/).
#include "cli/deliverables.h"

#include <filesystem>

#include "engine/deliverables/styles/layer_styles.h"
#include "engine/deliverables/project/qgis_project.h"
#include "engine/deliverables/report/report_html.h"
#include "io/write/atomic_file.h"
#include "io/read/audit_reader.h"
#include "io/write/qgz_writer.h"
#include "io/config/style_files.h"
#include "io/write/temporary_files.h"

namespace landaudit {

namespace fs = std::filesystem;

// Chart.js as Debian's libjs-chart.js installs it; inlined so the report needs no network.
constexpr const char* kChartJsPath = "/usr/share/javascript/chart.js/chart.min.js";

std::vector<LayerStyle> audit_layer_styles(const std::vector<OutputTable>& tables, const DistinctValues& distinct) {
    return build_layer_styles(tables, read_style_folder("qml", ".qml"), distinct);
}

DeliverablePaths write_deliverables(const std::string& gpkg_path, const ProgressFn& progress) {
    if (progress) progress(0.0, "reading the audit back");
    const fs::path gpkg = fs::absolute(gpkg_path).lexically_normal();
    AuditOutput output = read_audit_output(gpkg.string());
    std::vector<LayerStyle> styles = audit_layer_styles(output.tables);

    DeliverablePaths paths{(gpkg.parent_path() / (gpkg.stem().string() + ".qgz")).string(),
                           (gpkg.parent_path() / "report.html").string()};

    for (const auto& target : {paths.project, paths.report}) remove_stale_temporaries(target);

    if (progress) progress(0.2, "writing the QGIS project");
    std::string qgs = compose_qgis_project(output, styles, gpkg.filename().string(), read_style_folder("project", ""));
    write_qgz(paths.project, gpkg.stem().string() + ".qgs", qgs);

    if (progress) progress(0.5, "writing the report");
    ReportAssets assets{read_style_folder("report", ""),
                        read_text_file(kChartJsPath, "Chart.js (Debian package libjs-chart.js)",
                                       "install it: apt-get install libjs-chart.js")};
    write_file_atomically(paths.report, compose_report_html(output, styles, assets));
    if (progress) progress(1.0, "deliverables written");
    return paths;
}

}  // namespace landaudit
