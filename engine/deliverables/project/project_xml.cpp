#include "engine/deliverables/project/project_xml.h"

#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

namespace {

const XmlElement* find_element_with(const XmlElement& e, const std::string& key, const std::string& value) {
    if (e.attribute(key) == value) return &e;
    for (const auto& child : e.children)
        if (const XmlElement* hit = find_element_with(child, key, value)) return hit;
    return nullptr;
}

}  // namespace

QmlParts split_qml(const std::string& qml, const std::string& what) {
    const XmlElement root = parse_xml(qml, "the QML style of " + what);
    if (root.name != "qgis")
        throw AuditError(AuditError::Kind::Internal, "the QML style of " + what + " has no <qgis> root element");
    return {root.attributes, qml.substr(root.content_begin, root.content_end - root.content_begin)};
}

std::string without_xml_comments(const std::string& xml) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto open = xml.find("<!--", pos);
        const auto close = open == std::string::npos ? std::string::npos : xml.find("-->", open + 4);
        if (close == std::string::npos) return out + xml.substr(pos);
        out += xml.substr(pos, open - pos);
        pos = close + 3;
        // Drop the line break after a comment that stood on its own lines.
        if (pos < xml.size() && xml[pos] == '\n' && (out.empty() || out.back() == '\n' || out.back() == ' ')) ++pos;
    }
}

std::optional<std::string> attribute_of_element_with(const std::string& xml, const std::string& key,
                                                     const std::string& value, const std::string& attribute,
                                                     const std::string& what) {
    const XmlElement root = parse_xml(xml, what);
    const XmlElement* e = find_element_with(root, key, value);
    return e ? e->attribute(attribute) : std::nullopt;
}

}  // namespace landaudit
