// The layers of the QGIS project: which output tables appear, under which group, with which
// style and id (styles/project/layer_tree.txt), and their XML (<maplayer>, layer tree, order).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layers/audit_output.h"
#include "layers/layer_style.h"

namespace landaudit {

struct ProjectLayer {
    std::string key;         // as in layer_tree.txt: "parcels", or "parcels@grade" for the parcels styled by grade
    std::string id;          // QGIS layer id, fixed so layouts can name it: "landaudit_parcels_grade"
    std::string name;        // shown in QGIS's layer panel
    std::string datasource;  // "./NAME.gpkg|layername=parcels": relative to the project's folder
    const OutputTable* table = nullptr;
    const LayerStyle* style = nullptr;  // nullptr: QGIS's default style
    bool visible = true;
};

// A second GeoPackage whose layers the project shows: the change beside the audit (NAME_change.gpkg).
struct ProjectSource {
    const AuditOutput& output;
    const std::vector<LayerStyle>& styles;
    std::string relative_path;  // as seen from the project's folder, e.g. "NAME_change.gpkg"
};

struct ProjectGroup {
    std::string name;
    std::vector<ProjectLayer> layers;  // top first
};

// The groups of layer_tree.txt, keeping only layers the output has (and, for "table@field",
// only when a non-default style of that table classifies by that field, or is named so). A
// table's default style is its LayerStyle with is_default. Line syntax:
// "group | [~]key[=display name], …" (~: unchecked when the project opens). A key "change:table"
// (or "change:table@field") is a layer of `change`, left out when change is null.
std::vector<ProjectGroup> project_layer_groups(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                               const std::string& gpkg_relative_path,
                                               const std::string& layer_tree_text,
                                               const ProjectSource* change = nullptr);

// The layer of that key in the groups, or nullptr.
const ProjectLayer* find_project_layer(const std::vector<ProjectGroup>& groups, const std::string& key);

// <spatialrefsys> of the working CRS (authid when known, WKT always).
std::string spatialrefsys_xml(const AuditOutput& output);

// The <layer-tree-group> elements, the <maplayer> elements and the <layerorder> items.
std::string layer_tree_xml(const std::vector<ProjectGroup>& groups);
std::string project_layers_xml(const std::vector<ProjectGroup>& groups, const AuditOutput& output);
std::string layer_order_xml(const std::vector<ProjectGroup>& groups);

}  // namespace landaudit
