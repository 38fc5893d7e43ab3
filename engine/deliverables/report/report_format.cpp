// Escaping, number formatting and template filling for the report.
#include "engine/deliverables/report/report_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"

namespace landaudit {

// XML's escaping is HTML5's too (&apos; included).
std::string html_escape(std::string_view text) { return xml_escape(text); }

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string inline_script(std::string_view js) {
    std::string out;
    out.reserve(js.size());
    for (std::size_t i = 0; i < js.size(); ++i) {
        // "<\/script" is the same text to JavaScript (in strings, regexes and comments alike).
        if (js[i] == '<' && i + 1 < js.size() && js[i + 1] == '/') {
            out += "<\\/";
            ++i;
        } else {
            out += js[i];
        }
    }
    return out;
}

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) return "—";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    const bool negative = !s.empty() && s[0] == '-';
    std::string digits = negative ? s.substr(1) : s;
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot), frac = dot == std::string::npos ? "" : digits.substr(dot);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    // "-0.00" reads as a negative figure that is not there.
    const bool zero = grouped.find_first_not_of("0,") == std::string::npos &&
                      frac.find_first_not_of(".0") == std::string::npos;
    return (negative && !zero ? "-" : "") + grouped + frac;
}

std::string exact_number(double value) {
    if (!std::isfinite(value)) return "null";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, ec == std::errc() ? end : buf);
}

std::optional<double> numeric_value(const FieldValue& value) {
    if (const auto* i = std::get_if<long long>(&value)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value)) return *d;
    return std::nullopt;
}

std::string shown_of_total(std::string pattern, std::size_t shown, std::size_t total) {
    for (const auto& [name, n] : {std::pair<std::string, std::size_t>{"{shown}", shown}, {"{total}", total}})
        for (std::size_t pos = pattern.find(name); pos != std::string::npos; pos = pattern.find(name, pos))
            pattern.replace(pos, name.size(), std::to_string(n));
    return pattern;
}

std::string field_text(const OutputTable& table, const OutputRow& row, std::string_view field) {
    auto i = table.field_index(field);
    return i && *i < row.values.size() ? value_as_text(row.values[*i]) : std::string();
}

std::optional<double> field_number(const OutputTable& table, const OutputRow& row, std::string_view field) {
    auto i = table.field_index(field);
    return i && *i < row.values.size() ? numeric_value(row.values[*i]) : std::nullopt;
}

std::string field_alias(const OutputTable& table, std::string_view field, const std::string& fallback) {
    auto i = table.field_index(field);
    return i && !table.fields[*i].alias.empty() ? table.fields[*i].alias : fallback;
}

std::string fill_template(std::string_view tpl, const std::map<std::string, std::string>& values,
                          const std::string& template_name) {
    std::string out;
    out.reserve(tpl.size());
    std::size_t pos = 0;
    while (pos < tpl.size()) {
        const std::size_t open = tpl.find("{{", pos);
        if (open == std::string_view::npos) break;
        const std::size_t close = tpl.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        const std::string name(tpl.substr(open + 2, close - open - 2));
        auto it = values.find(name);
        if (it == values.end())
            throw AuditError(AuditError::Kind::Config,
                             "styles/report/" + template_name + ": unknown placeholder {{" + name + "}}",
                             "the report templates know only the placeholders listed in styles/report/README.md");
        out.append(tpl.substr(pos, open - pos));
        out += it->second;
        pos = close + 2;
    }
    out.append(tpl.substr(pos));
    return out;
}

}  // namespace landaudit
