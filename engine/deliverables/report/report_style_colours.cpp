// The QML parts the report needs, read with qml_xml; QML is QGIS's own XML, written from the
// styles/qml/ templates or saved back from QGIS.
#include "engine/deliverables/report/report_style_colours.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "engine/deliverables/styles/qml_xml.h"
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

// A symbol layer's property, as <prop k v> (QGIS ≤ 3.26) or as <Option name value> inside the
// layer's Map option (newer QGIS writes both).
std::string layer_property(const XmlElement& layer, const std::string& key) {
    for (const XmlElement* prop : layer.children_named("prop"))
        if (prop->attribute("k") == key) return prop->attribute("v").value_or("");
    if (const XmlElement* map = layer.child("Option"))
        for (const XmlElement* option : map->children_named("Option"))
            if (option->attribute("name") == key) return option->attribute("value").value_or("");
    return {};
}

// Fill and outline of the first layer, hatch of the first line-pattern layer (its line
// sub-symbol's colour when it has one).
void read_symbol(const XmlElement& symbol, StyleClass& c) {
    const std::vector<const XmlElement*> layers = symbol.children_named("layer");
    if (layers.empty()) return;
    c.colour = css_colour(layer_property(*layers.front(), "color"));
    c.outline = css_colour(layer_property(*layers.front(), "outline_color"));
    for (const XmlElement* layer : layers) {
        if (layer->attribute("class") != "LinePatternFill") continue;
        std::string colour = layer_property(*layer, "color");
        if (const XmlElement* line = layer->child("symbol"))
            if (const XmlElement* line_layer = line->child("layer"))
                if (std::string lc = layer_property(*line_layer, "line_color"); !lc.empty()) colour = lc;
        c.hatch = css_colour(colour);
        try {
            c.hatch_angle = std::stod(layer_property(*layer, "angle"));
        } catch (const std::exception&) {
        }
        break;
    }
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
    std::map<std::string, const XmlElement*> symbol_by_name;
    if (const XmlElement* symbols = renderer->child("symbols"))
        for (const XmlElement* symbol : symbols->children_named("symbol"))
            symbol_by_name[symbol->attribute("name").value_or("")] = symbol;
    if (const XmlElement* categories = renderer->child("categories"))
        for (const XmlElement* category : categories->children_named("category")) {
            StyleClass c;
            c.value = category->attribute("value").value_or("");
            c.label = category->attribute("label").value_or("");
            auto it = symbol_by_name.find(category->attribute("symbol").value_or(""));
            if (it != symbol_by_name.end()) read_symbol(*it->second, c);
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
    for (const auto& entry : labels.group(fallback_group)) {
        StyleClass c;
        c.value = entry.key;
        c.label = entry.label;
        c.colour = entry.colour;
        out.push_back(std::move(c));
    }
    return out;
}

StyleClass class_of(const std::vector<StyleClass>& classes, const std::string& value) {
    for (const auto& c : classes)
        if (c.value == value) return c;
    StyleClass c;
    c.value = value;
    c.label = value.empty() ? "—" : value;
    c.colour = "rgba(160,160,160,1)";
    return c;
}

}  // namespace landaudit
