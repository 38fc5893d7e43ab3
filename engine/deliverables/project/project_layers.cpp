#include "engine/deliverables/project/project_layers.h"

#include <algorithm>
#include <set>

#include "engine/deliverables/project/project_template.h"
#include "engine/deliverables/project/project_xml.h"
#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

namespace {

const LayerStyle* default_style(const std::vector<LayerStyle>& styles, const std::string& table) {
    for (const auto& s : styles)
        if (s.table == table && s.is_default) return &s;
    return nullptr;
}

// A non-default style of the table that classifies by the field `variant` (its renderer's attr,
// e.g. "grade"), or whose name is `variant`.
const LayerStyle* variant_style(const std::vector<LayerStyle>& styles, const std::string& table,
                                const std::string& variant) {
    for (const auto& s : styles) {
        if (s.table != table || s.is_default) continue;
        if (s.name == variant) return &s;
        const XmlElement root = parse_xml(s.qml, "the QML style " + s.name + " of " + table);
        const XmlElement* renderer = root.descendant("renderer-v2");
        if (renderer && renderer->attribute("attr") == variant) return &s;
    }
    return nullptr;
}

constexpr const char* kChangePrefix = "change:";

std::string layer_id(const std::string& key) {
    std::string id = "landaudit_" + key;
    std::replace(id.begin(), id.end(), '@', '_');
    std::replace(id.begin(), id.end(), ':', '_');
    return id;
}

// One "[~]key[=display name]" entry of a layer_tree.txt line; nullopt-like (table null) when the
// output lacks the layer.
ProjectLayer resolve_entry(std::string entry, const AuditOutput& audit, const std::vector<LayerStyle>& audit_styles,
                           const std::string& audit_path, const ProjectSource* change) {
    auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        return s;
    };
    ProjectLayer layer;
    entry = trim(entry);
    if (!entry.empty() && entry[0] == '~') {
        layer.visible = false;
        entry.erase(0, 1);
    }
    const auto eq = entry.find('=');
    if (eq != std::string::npos) {
        layer.name = trim(entry.substr(eq + 1));
        entry.erase(eq);
    }
    layer.key = trim(entry);
    const bool of_change = layer.key.rfind(kChangePrefix, 0) == 0;
    if (of_change && !change) return layer;
    const AuditOutput& output = of_change ? change->output : audit;
    const std::vector<LayerStyle>& styles = of_change ? change->styles : audit_styles;
    const std::string& gpkg_relative_path = of_change ? change->relative_path : audit_path;
    const std::string bare = of_change ? layer.key.substr(std::string(kChangePrefix).size()) : layer.key;
    const auto at = bare.find('@');
    const std::string table = bare.substr(0, at);
    layer.table = output.table(table);
    if (!layer.table) return layer;
    if (at == std::string::npos) {
        layer.style = default_style(styles, table);
    } else {
        layer.style = variant_style(styles, table, bare.substr(at + 1));
        if (!layer.style) layer.table = nullptr;  // no such styling: the layer is left out
    }
    if (layer.name.empty()) layer.name = at != std::string::npos ? layer.style->name
                                         : layer.table->title.empty() ? table : layer.table->title;
    layer.id = layer_id(layer.key);
    std::string base = gpkg_relative_path;
    if (base.rfind("./", 0) != 0 && base.rfind('/', 0) != 0) base = "./" + base;
    layer.datasource = base + "|layername=" + table;
    return layer;
}

std::string layer_tree_layer_xml(const ProjectLayer& l, const std::string& indent) {
    return indent + "<layer-tree-layer id=\"" + xml_escape(l.id) + "\" name=\"" + xml_escape(l.name) +
           "\" source=\"" + xml_escape(l.datasource) + "\" providerKey=\"ogr\" checked=\"" +
           (l.visible ? "Qt::Checked" : "Qt::Unchecked") +
           "\" expanded=\"0\" legend_exp=\"\" patch_size=\"-1,-1\" legend_split_behavior=\"0\">\n" + indent +
           "  <customproperties/>\n" + indent + "</layer-tree-layer>\n";
}

std::string aliases_xml(const OutputTable& table) {
    std::string xml = "      <aliases>\n";
    for (const auto& f : table.fields)
        if (!f.alias.empty())
            xml += "        <alias field=\"" + xml_escape(f.name) + "\" name=\"" + xml_escape(f.alias) + "\"/>\n";
    return xml + "      </aliases>\n";
}

}  // namespace

std::vector<ProjectGroup> project_layer_groups(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                               const std::string& gpkg_relative_path,
                                               const std::string& layer_tree_text, const ProjectSource* change) {
    std::vector<ProjectGroup> groups;
    std::set<std::string> seen;
    for (const auto& cells : read_line_table(layer_tree_text, 2, "layer_tree.txt")) {
        ProjectGroup group{cells[0], {}};
        std::string list = cells[1];
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto comma = list.find(',', start);
            std::string entry = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            start = comma == std::string::npos ? list.size() + 1 : comma + 1;
            if (entry.find_first_not_of(' ') == std::string::npos) continue;
            ProjectLayer layer = resolve_entry(entry, output, styles, gpkg_relative_path, change);
            if (!layer.table) continue;
            if (!seen.insert(layer.key).second)
                throw AuditError(AuditError::Kind::Config,
                                 "styles/project/layer_tree.txt lists the layer " + layer.key + " twice");
            group.layers.push_back(std::move(layer));
        }
        if (!group.layers.empty()) groups.push_back(std::move(group));
    }
    return groups;
}

const ProjectLayer* find_project_layer(const std::vector<ProjectGroup>& groups, const std::string& key) {
    for (const auto& g : groups)
        for (const auto& l : g.layers)
            if (l.key == key) return &l;
    return nullptr;
}

std::string spatialrefsys_xml(const AuditOutput& output) {
    std::string xml = "<spatialrefsys>\n  <wkt>" + xml_escape(output.crs_wkt) + "</wkt>\n";
    if (!output.crs_authid.empty()) xml += "  <authid>" + xml_escape(output.crs_authid) + "</authid>\n";
    if (!output.run_info.working_crs_name.empty())
        xml += "  <description>" + xml_escape(output.run_info.working_crs_name) + "</description>\n";
    return xml + "</spatialrefsys>";
}

std::string layer_tree_xml(const std::vector<ProjectGroup>& groups) {
    std::string xml;
    for (const auto& g : groups) {
        xml += "    <layer-tree-group name=\"" + xml_escape(g.name) +
               "\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n";
        for (const auto& l : g.layers) xml += layer_tree_layer_xml(l, "      ");
        xml += "    </layer-tree-group>\n";
    }
    return xml;
}

std::string project_layers_xml(const std::vector<ProjectGroup>& groups, const AuditOutput& output) {
    const std::string srs = spatialrefsys_xml(output);
    std::string xml;
    for (const auto& g : groups) {
        for (const auto& l : g.layers) {
            const bool spatial = l.table->geometry != OutputGeometry::None;
            std::vector<std::pair<std::string, std::string>> attributes{
                {"type", "vector"},
                {"geometry", spatial ? "Polygon" : "No geometry"},
                {"wkbType", spatial ? "MultiPolygon" : "NoGeometry"}};
            QmlParts qml;
            if (l.style) qml = split_qml(l.style->qml, "layer " + l.key);
            // The QML root's attributes (labelsEnabled, scale visibility, …) belong on <maplayer>.
            for (const auto& [name, value] : qml.root_attributes) {
                const bool taken = std::any_of(attributes.begin(), attributes.end(),
                                               [&name = name](const auto& a) { return a.first == name; });
                if (name != "version" && !taken) attributes.emplace_back(name, value);
            }
            xml += "    <maplayer";
            for (const auto& [name, value] : attributes) xml += " " + name + "=\"" + xml_escape(value) + "\"";
            xml += ">\n      <id>" + xml_escape(l.id) + "</id>\n      <datasource>" + xml_escape(l.datasource) +
                   "</datasource>\n      <layername>" + xml_escape(l.name) + "</layername>\n      <srs>\n" + srs +
                   "\n      </srs>\n      <resourceMetadata>\n        <abstract>" + xml_escape(l.table->title) +
                   "</abstract>\n      </resourceMetadata>\n      <provider encoding=\"UTF-8\">ogr</provider>\n";
            xml += qml.children;
            // Without aliases in the style, QGIS on GDAL 3.6 would show bare field names.
            if (qml.children.find("<aliases") == std::string::npos) xml += aliases_xml(*l.table);
            xml += "\n    </maplayer>\n";
        }
    }
    return xml;
}

std::string layer_order_xml(const std::vector<ProjectGroup>& groups) {
    std::string xml;
    for (const auto& g : groups)
        for (const auto& l : g.layers) xml += "    <layer id=\"" + xml_escape(l.id) + "\"/>\n";
    return xml;
}

}  // namespace landaudit
