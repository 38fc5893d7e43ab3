// Just enough XML for QML styles: elements with their attributes and their byte ranges in the text,
// so a template can be edited by splicing text and everything else a GIS person saved stays as is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace landaudit {

struct XmlElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;  // unescaped values, in document order
    std::size_t begin = 0;          // offset of '<'
    std::size_t end = 0;            // offset just past the closing '>' (of the end tag, or of "/>")
    std::size_t content_begin = 0;  // inner text range; empty for <tag/>
    std::size_t content_end = 0;
    std::vector<XmlElement> children;

    // The attribute's unescaped value, or nullopt.
    std::optional<std::string> attribute(std::string_view key) const;
    // Direct children of that name, in order.
    std::vector<const XmlElement*> children_named(std::string_view tag) const;
    // First direct child of that name, or nullptr.
    const XmlElement* child(std::string_view tag) const;
    // First element of that name at any depth below this one (depth first), or nullptr.
    const XmlElement* descendant(std::string_view tag) const;
};

// Parses a whole document (prolog, DOCTYPE, comments, CDATA, processing instructions allowed) and
// returns its root element. Throws AuditError (Config) with `what` and the offset when the text is
// not well-formed: unbalanced tags, unquoted attributes, text after the root.
XmlElement parse_xml(std::string_view text, const std::string& what);

// Text safe inside a double-quoted attribute value or element content.
std::string xml_escape(std::string_view text);

// Resolves &lt; &gt; &amp; &quot; &apos; and numeric character references (UTF-8 out).
std::string xml_unescape(std::string_view text);

}  // namespace landaudit
