// What the project composer needs of XML beyond engine/deliverables/qml_xml.h: taking a QML document
// apart to embed it in a <maplayer>, dropping a template's comments, and reading one attribute of
// a template's element.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace landaudit {

// A QML style (<qgis …>…</qgis>) taken apart: the root's attributes (values unescaped) and
// everything between its start and end tags, as written.
struct QmlParts {
    std::vector<std::pair<std::string, std::string>> root_attributes;
    std::string children;
};

// Throws AuditError naming `what` when the text is not a QML document (no <qgis> root).
QmlParts split_qml(const std::string& qml, const std::string& what);

// The text without its <!-- … --> comments (templates explain their placeholders in comments).
std::string without_xml_comments(const std::string& xml);

// The unescaped value of `attribute` on the first element (depth first) whose attribute `key`
// equals `value`, e.g. the size of the item with id="park_map"; nullopt when there is none.
// Throws AuditError (Config) naming `what` when xml is not well-formed.
std::optional<std::string> attribute_of_element_with(const std::string& xml, const std::string& key,
                                                     const std::string& value, const std::string& attribute,
                                                     const std::string& what);

}  // namespace landaudit
