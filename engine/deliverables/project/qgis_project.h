// The QGIS project (.qgs XML) for an audit: every layer grouped and styled, in the working CRS,
// with a relative path to the GeoPackage, and one print layout per park.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/deliverables/project/project_layers.h"
#include "layers/audit_output.h"
#include "layers/layer_style.h"

namespace landaudit {

// gpkg_relative_path: the GeoPackage as seen from the project's folder (usually its file name).
// templates: the files of styles/project/ by file name → text. change: the comparison with the
// earlier audit (NAME_change.gpkg), whose layers the "change:" entries of layer_tree.txt and
// park_map_layers.txt and the "change:" figures of park_figures.txt name; null: they are left out.
std::string compose_qgis_project(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                 const std::string& gpkg_relative_path,
                                 const std::map<std::string, std::string>& templates,
                                 const ProjectSource* change = nullptr);

}  // namespace landaudit
