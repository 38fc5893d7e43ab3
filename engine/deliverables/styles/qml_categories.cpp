// Rebuilds the categories of a QGIS 3.22 QML (<renderer-v2 type="categorizedSymbol"> with
// <categories> and <symbols>) by splicing text, so every other byte of the template stays.
#include "engine/deliverables/styles/qml_categories.h"

#include <map>
#include <set>

#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

namespace {

const XmlElement* renderer_of(const XmlElement& root) { return root.child("renderer-v2"); }

// The renderer's <symbols> by their name attribute (categories refer to them by it).
std::map<std::string, const XmlElement*> symbols_by_name(const XmlElement& renderer) {
    std::map<std::string, const XmlElement*> found;
    if (const XmlElement* symbols = renderer.child("symbols"))
        for (const XmlElement* s : symbols->children_named("symbol")) found[s->attribute("name").value_or("")] = s;
    return found;
}

const XmlElement* symbol_for(const std::map<std::string, const XmlElement*>& symbols, const XmlElement& item) {
    auto it = symbols.find(item.attribute("symbol").value_or(""));
    return it == symbols.end() ? nullptr : it->second;
}

// Leading whitespace of the line `offset` is on, to indent inserted lines like their neighbours.
std::string indentation_at(std::string_view text, std::size_t offset) {
    std::size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::size_t end = line;
    while (end < offset && (text[end] == ' ' || text[end] == '\t')) ++end;
    return std::string(text.substr(line, end - line));
}

// The element's text with the value of `attr` in its start tag replaced.
std::string with_start_tag_attribute(std::string_view qml, const XmlElement& e, std::string_view attr,
                                     const std::string& value) {
    std::string text(qml.substr(e.begin, e.end - e.begin));
    std::size_t tag_end = e.children.empty() ? text.size() : e.children.front().begin - e.begin;
    for (std::size_t at = text.find(attr); at != std::string::npos && at < tag_end; at = text.find(attr, at + 1)) {
        bool word_start = at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n');
        std::size_t eq = at + attr.size();
        if (!word_start || eq + 1 >= text.size() || text[eq] != '=') continue;
        char quote = text[eq + 1];
        std::size_t close = text.find(quote, eq + 2);
        return text.substr(0, eq + 2) + xml_escape(value) + text.substr(close);
    }
    return text;
}

}  // namespace

std::string qml_renderer_attribute(std::string_view qml, const std::string& what) {
    XmlElement root = parse_xml(qml, what);
    const XmlElement* renderer = renderer_of(root);
    return renderer ? renderer->attribute("attr").value_or("") : std::string();
}

std::string with_categories_for_values(std::string_view qml, const std::vector<std::string>& values,
                                       const std::string& what) {
    XmlElement root = parse_xml(qml, what);
    const XmlElement* renderer = renderer_of(root);
    const XmlElement* cats = renderer ? renderer->child("categories") : nullptr;
    const XmlElement* symbols = renderer ? renderer->child("symbols") : nullptr;
    if (!renderer || renderer->attribute("type") != "categorizedSymbol" || !cats || !symbols)
        throw AuditError(AuditError::Kind::Config,
                         what + ": landaudit/categories = from_data needs a categorized renderer with categories",
                         "in QGIS choose Categorized for this style, or remove the custom property");
    auto by_name = symbols_by_name(*renderer);

    struct Known {
        std::string label;
        const XmlElement* symbol;
    };
    std::map<std::string, Known> known;
    std::vector<const XmlElement*> palette;
    std::optional<Known> other;  // the "" category: NULL and all other values
    for (const XmlElement* c : cats->children_named("category")) {
        const XmlElement* symbol = symbol_for(by_name, *c);
        if (!symbol) continue;
        std::string value = c->attribute("value").value_or("");
        Known k{c->attribute("label").value_or(value), symbol};
        if (value.empty()) {
            other = k;
        } else {
            known.emplace(value, k);
            palette.push_back(symbol);
        }
    }
    if (palette.empty())
        throw AuditError(AuditError::Kind::Config, what + ": no category with a value to take colours from",
                         "add at least one category in QGIS and save the style again");

    // Palette symbols not already shown by a known value present in the data go first.
    std::set<const XmlElement*> used;
    for (const std::string& v : values)
        if (auto it = known.find(v); it != known.end()) used.insert(it->second.symbol);
    std::vector<const XmlElement*> order;
    for (const XmlElement* s : palette)
        if (!used.count(s)) order.push_back(s);
    for (const XmlElement* s : palette)
        if (used.count(s)) order.push_back(s);

    const std::string cat_indent = cats->children.empty() ? indentation_at(qml, cats->begin) + "  "
                                                          : indentation_at(qml, cats->children.front().begin);
    const std::string sym_indent = symbols->children.empty() ? indentation_at(qml, symbols->begin) + "  "
                                                             : indentation_at(qml, symbols->children.front().begin);
    std::string cat_text, sym_text;
    std::size_t next_palette = 0, next_symbol = 0;
    auto add = [&](const std::string& value, const std::string& label, const XmlElement* symbol) {
        std::string name = std::to_string(next_symbol++);
        cat_text += "\n" + cat_indent + "<category value=\"" + xml_escape(value) + "\" symbol=\"" + name +
                    "\" label=\"" + xml_escape(label) + "\" render=\"true\"/>";
        sym_text += "\n" + sym_indent + with_start_tag_attribute(qml, *symbol, "name", name);
    };
    for (const std::string& v : values) {
        if (v.empty()) continue;
        if (auto it = known.find(v); it != known.end()) add(v, it->second.label, it->second.symbol);
        else add(v, v, order[next_palette++ % order.size()]);
    }
    if (other) add("", other->label, other->symbol);

    const std::string close_cat = "\n" + indentation_at(qml, cats->begin);
    const std::string close_sym = "\n" + indentation_at(qml, symbols->begin);
    // Splice the later element first so the earlier offsets stay valid.
    std::string out(qml);
    auto splice = [&](const XmlElement& e, const std::string& inner, const std::string& close) {
        std::string start_tag = e.content_begin == e.end
                                    ? std::string(qml.substr(e.begin, e.end - e.begin - 2)) + ">"
                                    : std::string(qml.substr(e.begin, e.content_begin - e.begin));
        out.replace(e.begin, e.end - e.begin, start_tag + inner + close + "</" + e.name + ">");
    };
    if (cats->begin > symbols->begin) {
        splice(*cats, cat_text, close_cat);
        splice(*symbols, sym_text, close_sym);
    } else {
        splice(*symbols, sym_text, close_sym);
        splice(*cats, cat_text, close_cat);
    }
    return out;
}

}  // namespace landaudit
