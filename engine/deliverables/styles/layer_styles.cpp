// Fills the QML templates of styles/qml/ for the tables of one audit. A template says what it is in
// its layer custom properties (QGIS keeps them when the style is loaded, edited and saved again):
//   landaudit/table        the output layer it styles
//   landaudit/style        the style name shown in QGIS's style manager
//   landaudit/description  a sentence for the style manager
//   landaudit/default      "1" for the style QGIS applies on load (one per layer)
//   landaudit/categories   "from_data": rebuild the categories from the values in the data
// Field aliases are written from the table's fields at every run, replacing any <aliases> saved
// in the template, so a template never has to list them.
#include "engine/deliverables/styles/layer_styles.h"

#include <algorithm>
#include <set>

#include "engine/deliverables/styles/qml_categories.h"
#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::string_view kPropertyPrefix = "landaudit/";

// The landaudit/* custom properties: QGIS ≥ 3.20 writes <Option type="Map"><Option name value/>,
// older versions <property key value/>.
std::map<std::string, std::string> template_properties(const XmlElement& root) {
    std::map<std::string, std::string> props;
    const XmlElement* custom = root.child("customproperties");
    if (!custom) return props;
    auto keep = [&](const std::optional<std::string>& key, const std::optional<std::string>& value) {
        if (key && key->rfind(kPropertyPrefix, 0) == 0) props[key->substr(kPropertyPrefix.size())] = value.value_or("");
    };
    if (const XmlElement* map = custom->child("Option"))
        for (const XmlElement* o : map->children_named("Option")) keep(o->attribute("name"), o->attribute("value"));
    for (const XmlElement* p : custom->children_named("property")) keep(p->attribute("key"), p->attribute("value"));
    return props;
}

std::string aliases_element(const OutputTable& table, const std::string& indent) {
    std::string xml = "<aliases>";
    for (const FieldDef& f : table.fields) {
        if (f.alias.empty()) continue;
        xml += "\n" + indent + "  <alias field=\"" + xml_escape(f.name) + "\" name=\"" + xml_escape(f.alias) + "\"/>";
    }
    return xml + "\n" + indent + "</aliases>";
}

// The QML with its <aliases> replaced by the table's aliases (inserted before </qgis> when absent).
std::string with_aliases(const std::string& qml, const OutputTable& table, const std::string& what) {
    XmlElement root = parse_xml(qml, what);
    std::string out = qml;
    if (const XmlElement* old = root.child("aliases")) {
        std::size_t line = qml.rfind('\n', old->begin);
        std::string indent = qml.substr(line + 1, old->begin - line - 1);
        out.replace(old->begin, old->end - old->begin, aliases_element(table, indent));
    } else if (root.content_end > root.content_begin || !root.children.empty()) {
        out.insert(root.content_end, "  " + aliases_element(table, "  ") + "\n");
    } else {
        throw AuditError(AuditError::Kind::Config, what + ": the <qgis> element is empty",
                         "save the style again from QGIS");
    }
    return out;
}

// Distinct non-empty text values of the field, sorted; empty when the table lacks the field.
std::vector<std::string> distinct_values(const OutputTable& table, const std::string& field) {
    std::set<std::string> seen;
    if (auto index = table.field_index(field))
        for (const OutputRow& row : table.rows) {
            std::string text = value_as_text(row.values.at(*index));
            if (!text.empty()) seen.insert(std::move(text));
        }
    return {seen.begin(), seen.end()};
}

}  // namespace

std::vector<LayerStyle> build_layer_styles(const std::vector<OutputTable>& tables,
                                           const std::map<std::string, std::string>& templates,
                                           const DistinctValues& distinct) {
    std::map<std::string, std::vector<LayerStyle>> by_table;
    std::map<std::string, std::string> default_file;  // table → template file of its default style
    for (const auto& [file, text] : templates) {
        const std::string what = "styles/qml/" + file;
        auto props = template_properties(parse_xml(text, what));
        if (props["table"].empty())
            throw AuditError(AuditError::Kind::Config, what + ": no landaudit/table custom property",
                             "every template names its layer in the custom property landaudit/table "
                             "(see styles/qml/README.md)");
        auto table = std::find_if(tables.begin(), tables.end(),
                                  [&](const OutputTable& t) { return t.name == props["table"]; });
        if (table == tables.end()) continue;

        LayerStyle style;
        style.table = table->name;
        style.geometry_column = table->geometry == OutputGeometry::None ? "" : "geom";
        style.name = props["style"].empty() ? file.substr(0, file.rfind('.')) : props["style"];
        style.description = props["description"];
        style.is_default = props["default"] == "1";
        if (style.is_default) {
            auto [it, fresh] = default_file.emplace(table->name, file);
            if (!fresh)
                throw AuditError(AuditError::Kind::Config,
                                 "styles/qml/: both " + it->second + " and " + file + " are the default style of " +
                                     table->name,
                                 "set landaudit/default to 0 in one of them");
        }
        std::string qml = text;
        if (props["categories"] == "from_data") {
            const std::string field = qml_renderer_attribute(qml, what);
            qml = with_categories_for_values(qml, distinct ? distinct(*table, field) : distinct_values(*table, field), what);
        }
        style.qml = with_aliases(qml, *table, what);
        by_table[table->name].push_back(std::move(style));
    }

    // In the tables' order, each layer's default style first.
    std::vector<LayerStyle> styles;
    for (const OutputTable& t : tables) {
        auto it = by_table.find(t.name);
        if (it == by_table.end()) continue;
        std::stable_partition(it->second.begin(), it->second.end(), [](const LayerStyle& s) { return s.is_default; });
        for (LayerStyle& s : it->second) styles.push_back(std::move(s));
    }
    return styles;
}

}  // namespace landaudit
