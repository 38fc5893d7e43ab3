// A small non-validating XML reader: QML files are machine-written by QGIS or by us, so elements,
// attributes, comments, CDATA and the DOCTYPE line are all it has to understand.
#include "engine/deliverables/styles/qml_xml.h"

#include <cstdint>

#include "layers/error.h"

namespace landaudit {

namespace {

class Parser {
public:
    Parser(std::string_view text, const std::string& what) : m_text(text), m_what(what) {}

    XmlElement document() {
        skip_misc();
        if (m_pos >= m_text.size() || m_text[m_pos] != '<') fail("no root element");
        XmlElement root = element();
        skip_misc();
        if (m_pos != m_text.size()) fail("text after the root element");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw AuditError(AuditError::Kind::Config,
                         m_what + ": not well-formed XML at byte " + std::to_string(m_pos) + ": " + why,
                         "open the file in QGIS (Layer Properties > Style > Load Style) and save it again");
    }

    bool starts(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }

    void skip_past(std::string_view terminator) {
        std::size_t at = m_text.find(terminator, m_pos);
        if (at == std::string_view::npos) fail("unterminated construct, expected " + std::string(terminator));
        m_pos = at + terminator.size();
    }

    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\r'))
            ++m_pos;
    }

    // Whitespace, comments, processing instructions and the DOCTYPE around the root.
    void skip_misc() {
        for (;;) {
            skip_space();
            if (starts("\xEF\xBB\xBF")) m_pos += 3;
            else if (starts("<?")) skip_past("?>");
            else if (starts("<!--")) skip_past("-->");
            else if (starts("<!DOCTYPE")) skip_past(">");
            else return;
        }
    }

    static bool name_char(char c) {
        return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/' && c != '>' && c != '=' && c != '<' &&
               c != '"' && c != '\'';
    }

    std::string name() {
        std::size_t start = m_pos;
        while (m_pos < m_text.size() && name_char(m_text[m_pos])) ++m_pos;
        if (m_pos == start) fail("expected a name");
        return std::string(m_text.substr(start, m_pos - start));
    }

    XmlElement element() {
        XmlElement e;
        e.begin = m_pos;
        ++m_pos;  // '<'
        e.name = name();
        for (;;) {
            skip_space();
            if (m_pos >= m_text.size()) fail("unterminated start tag <" + e.name);
            if (starts("/>")) {
                m_pos += 2;
                e.content_begin = e.content_end = e.end = m_pos;
                return e;
            }
            if (m_text[m_pos] == '>') {
                ++m_pos;
                break;
            }
            std::string key = name();
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != '=') fail("attribute " + key + " without a value");
            ++m_pos;
            skip_space();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\''))
                fail("attribute " + key + " value not quoted");
            char quote = m_text[m_pos++];
            std::size_t close = m_text.find(quote, m_pos);
            if (close == std::string_view::npos) fail("unterminated attribute " + key);
            std::string_view raw = m_text.substr(m_pos, close - m_pos);
            if (raw.find('<') != std::string_view::npos) fail("'<' inside attribute " + key);
            e.attributes.emplace_back(std::move(key), xml_unescape(raw));
            m_pos = close + 1;
        }
        e.content_begin = m_pos;
        for (;;) {
            std::size_t lt = m_text.find('<', m_pos);
            if (lt == std::string_view::npos) fail("missing </" + e.name + ">");
            m_pos = lt;
            if (starts("<!--")) skip_past("-->");
            else if (starts("<![CDATA[")) skip_past("]]>");
            else if (starts("<?")) skip_past("?>");
            else if (starts("</")) {
                e.content_end = m_pos;
                m_pos += 2;
                std::string closing = name();
                if (closing != e.name) fail("</" + closing + "> closes <" + e.name + ">");
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != '>') fail("unterminated end tag");
                e.end = ++m_pos;
                return e;
            } else {
                e.children.push_back(element());
            }
        }
    }

    std::string_view m_text;
    const std::string& m_what;
    std::size_t m_pos = 0;
};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

std::optional<std::string> XmlElement::attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes)
        if (k == key) return v;
    return std::nullopt;
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view tag) const {
    std::vector<const XmlElement*> found;
    for (const XmlElement& c : children)
        if (c.name == tag) found.push_back(&c);
    return found;
}

const XmlElement* XmlElement::child(std::string_view tag) const {
    for (const XmlElement& c : children)
        if (c.name == tag) return &c;
    return nullptr;
}

const XmlElement* XmlElement::descendant(std::string_view tag) const {
    for (const XmlElement& c : children) {
        if (c.name == tag) return &c;
        if (const XmlElement* d = c.descendant(tag)) return d;
    }
    return nullptr;
}

XmlElement parse_xml(std::string_view text, const std::string& what) { return Parser(text, what).document(); }

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#xa;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string xml_unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        std::size_t semi = text.find(';', i);
        if (semi == std::string_view::npos) {
            out += text[i];
            continue;
        }
        std::string_view ref = text.substr(i + 1, semi - i - 1);
        if (ref == "lt") out += '<';
        else if (ref == "gt") out += '>';
        else if (ref == "amp") out += '&';
        else if (ref == "quot") out += '"';
        else if (ref == "apos") out += '\'';
        else if (ref.size() > 1 && ref[0] == '#') {
            bool hex = ref[1] == 'x' || ref[1] == 'X';
            std::uint32_t cp = 0;
            for (char c : ref.substr(hex ? 2 : 1)) {
                int digit = (c >= '0' && c <= '9') ? c - '0'
                            : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                            : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                            : -1;
                if (digit < 0) break;
                cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
            }
            append_utf8(out, cp);
        } else {
            out.append(text.substr(i, semi - i + 1));  // unknown entity: keep as written
            i = semi;
            continue;
        }
        i = semi;
    }
    return out;
}

}  // namespace landaudit
