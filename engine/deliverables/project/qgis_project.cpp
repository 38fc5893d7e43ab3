// Assembles the .qgs from styles/project/project.qgs: layers and groups (project_layers.h), the
// working CRS, and one print layout per park (layout_park.h).
#include "engine/deliverables/project/qgis_project.h"

#include "engine/deliverables/project/layout_park.h"
#include "engine/deliverables/project/project_layers.h"
#include "engine/deliverables/project/project_template.h"
#include "engine/deliverables/project/project_xml.h"
#include "engine/deliverables/styles/qml_xml.h"

namespace landaudit {

std::string compose_qgis_project(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                 const std::string& gpkg_relative_path,
                                 const std::map<std::string, std::string>& templates,
                                 const ProjectSource* change) {
    std::map<std::string, std::string> plain;  // the templates without their explanatory comments
    for (const auto& [name, text] : templates) plain[name] = without_xml_comments(text);

    const auto groups = project_layer_groups(output, styles, gpkg_relative_path,
                                             project_template(plain, "layer_tree.txt"), change);
    const RunInfo& info = output.run_info;
    const std::string title = info.audit_name.empty() ? gpkg_relative_path : info.audit_name;
    std::map<std::string, std::string> values{
        {"project_title", xml_escape(title)},
        {"project_abstract", xml_escape(info.area_method)},
        {"engine_version", xml_escape(info.engine_version)},
        {"run_finished", xml_escape(info.finished)},
        {"project_crs", spatialrefsys_xml(output)},
        {"layer_tree", layer_tree_xml(groups)},
        {"project_layers", project_layers_xml(groups, output)},
        {"layer_order", layer_order_xml(groups)},
        {"layouts", compose_park_layouts(output, groups, plain, change ? change->output.table("park_change") : nullptr)},
    };
    return fill_template(project_template(plain, "project.qgs"), values, "project.qgs");
}

}  // namespace landaudit
