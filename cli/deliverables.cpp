// Glue only: read the audit back, compose each deliverable (engine/deliverables/), write it (io/).
#include "cli/deliverables.h"

#include <filesystem>
#include <optional>

#include "engine/deliverables/styles/layer_styles.h"
#include "engine/deliverables/project/qgis_project.h"
#include "engine/deliverables/report/report_html.h"
#include "io/write/atomic_file.h"
#include "io/read/audit_reader.h"
#include "io/write/file_digest.h"
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

std::string change_path_beside(const std::string& gpkg_path) {
    const fs::path gpkg(gpkg_path);
    return (gpkg.parent_path() / (gpkg.stem().string() + "_change.gpkg")).string();
}

namespace {

// The change beside the audit when it compares this audit; a warning in `paths` when it does not.
std::optional<AuditOutput> change_of(const fs::path& gpkg, const std::string& just_compared, DeliverablePaths& paths) {
    const std::string path = change_path_beside(gpkg.string());
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    AuditOutput change = read_change_output(path);
    if (!just_compared.empty() && fs::equivalent(just_compared, path, ec)) {
        paths.change = path;
        return change;
    }
    std::string later_digest;
    for (const auto& in : change.run_info.inputs)
        if (in.role == "later") later_digest = in.sha256;
    if (!later_digest.empty() && later_digest != sha256_of_file(gpkg.string())) {
        paths.warnings.push_back(path + " compares another output than " + gpkg.string() +
                                 " (its run_inputs name a later file with another SHA-256): the project and the report "
                                 "leave it out; run `landaudit compare EARLIER " + gpkg.filename().string() + " --out " +
                                 fs::path(path).filename().string() + "` to bring it up to date");
        return std::nullopt;
    }
    paths.change = path;
    return change;
}

}  // namespace

DeliverablePaths write_deliverables(const std::string& gpkg_path, const ProgressFn& progress,
                                    const std::string& just_compared) {
    if (progress) progress(0.0, "reading the audit back");
    const fs::path gpkg = fs::absolute(gpkg_path).lexically_normal();
    AuditOutput output = read_audit_output(gpkg.string());
    std::vector<LayerStyle> styles = audit_layer_styles(output.tables);

    DeliverablePaths paths{(gpkg.parent_path() / (gpkg.stem().string() + ".qgz")).string(),
                           (gpkg.parent_path() / "report.html").string(), {}, {}};
    const std::optional<AuditOutput> change = change_of(gpkg, just_compared, paths);
    const std::vector<LayerStyle> change_styles = change ? audit_layer_styles(change->tables) : std::vector<LayerStyle>{};

    for (const auto& target : {paths.project, paths.report}) remove_stale_temporaries(target);

    if (progress) progress(0.2, "writing the QGIS project");
    const std::optional<ProjectSource> project_change =
        change ? std::optional<ProjectSource>(ProjectSource{*change, change_styles, fs::path(paths.change).filename().string()})
               : std::nullopt;
    std::string qgs = compose_qgis_project(output, styles, gpkg.filename().string(), read_style_folder("project", ""),
                                           project_change ? &*project_change : nullptr);
    write_qgz(paths.project, gpkg.stem().string() + ".qgs", qgs);

    if (progress) progress(0.5, "writing the report");
    ReportAssets assets{read_style_folder("report", ""),
                        read_text_file(kChartJsPath, "Chart.js (Debian package libjs-chart.js)",
                                       "install it: apt-get install libjs-chart.js")};
    const ReportChange report_change{change ? *change : output, change_styles};
    write_file_atomically(paths.report, compose_report_html(output, styles, assets, change ? &report_change : nullptr));
    if (progress) progress(1.0, "deliverables written");
    return paths;
}

}  // namespace landaudit
