// The QML parts the report needs, read with qml_xml; QML is QGIS's own XML, written from the
// styles/qml/ templates or saved back from QGIS.
#include "engine/deliverables/report_style_colours.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "engine/deliverables/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

namespace {

// "227,26,28,255" (QGIS may append ",rgb:…") → "rgba(227,26,28,1)".
std::string css_colour(const std::string& qgis) {
    std::istringstream in(qgis);
    std::string part;
    std::vector<int> c;
    while (c.size() < 4 && std::getline(in, part, ',')) {
        try {
            c.push_back(std::stoi(part));
        } catch (const std::exception&) {
            return {};
        }
    }
    if (c.size() < 3) return {};
    const double alpha = c.size() == 4 ? c[3] / 255.0 : 1.0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "rgba(%d,%d,%d,%.3g)", c[0], c[1], c[2], alpha);
    return buf;
}

// A symbol's fill colour: its first symbol layer's "color", as <prop k v> (QGIS ≤ 3.26) or as
// <Option name value> inside the layer's Map option (newer QGIS writes both).
std::string symbol_colour(const XmlElement& symbol) {
    const XmlElement* layer = symbol.child("layer");
    if (!layer) return {};
    for (const XmlElement* prop : layer->children_named("prop"))
        if (prop->attribute("k") == "color") return css_colour(prop->attribute("v").value_or(""));
    if (const XmlElement* map = layer->child("Option"))
        for (const XmlElement* option : map->children_named("Option"))
            if (option->attribute("name") == "color") return css_colour(option->attribute("value").value_or(""));
    return {};
}

}  // namespace

QmlCategories qml_categories(const std::string& qml) {
    QmlCategories out;
    XmlElement root;
    try {
        root = parse_xml(qml, "a layer style");
    } catch (const AuditError&) {
        return out;  // not a style the report can read: the template palette applies
    }
    const XmlElement* renderer = root.name == "renderer-v2" ? &root : root.descendant("renderer-v2");
    if (!renderer || renderer->attribute("type") != "categorizedSymbol") return out;
    out.field = renderer->attribute("attr").value_or("");
    std::map<std::string, std::string> colour_by_symbol;
    if (const XmlElement* symbols = renderer->child("symbols"))
        for (const XmlElement* symbol : symbols->children_named("symbol"))
            colour_by_symbol[symbol->attribute("name").value_or("")] = symbol_colour(*symbol);
    if (const XmlElement* categories = renderer->child("categories"))
        for (const XmlElement* category : categories->children_named("category")) {
            StyleClass c{category->attribute("value").value_or(""), category->attribute("label").value_or(""), ""};
            auto it = colour_by_symbol.find(category->attribute("symbol").value_or(""));
            if (it != colour_by_symbol.end()) c.colour = it->second;
            if (c.label.empty()) c.label = c.value;
            out.classes.push_back(std::move(c));
        }
    return out;
}

std::vector<StyleClass> style_classes(const std::vector<LayerStyle>& styles, const std::string& table,
                                      const std::string& field, const ReportLabels& labels,
                                      const std::string& fallback_group) {
    for (bool want_default : {true, false}) {
        for (const auto& style : styles) {
            if (style.table != table || style.is_default != want_default) continue;
            QmlCategories categories = qml_categories(style.qml);
            if (categories.field == field && !categories.classes.empty()) return categories.classes;
        }
    }
    std::vector<StyleClass> out;
    for (const auto& entry : labels.group(fallback_group)) out.push_back({entry.key, entry.label, entry.colour});
    return out;
}

StyleClass class_of(const std::vector<StyleClass>& classes, const std::string& value) {
    for (const auto& c : classes)
        if (c.value == value) return c;
    return {value, value.empty() ? "—" : value, "rgba(160,160,160,1)"};
}

}  // namespace landaudit
