#include "engine/deliverables/project/project_template.h"

#include <algorithm>
#include <sstream>

#include "layers/error.h"

namespace landaudit {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

// Calls on_text for the text between placeholders and on_name for each placeholder's name.
template <typename Text, typename Name>
void scan_placeholders(const std::string& text, Text on_text, Name on_name) {
    std::size_t pos = 0;
    while (true) {
        const auto open = text.find("{{", pos);
        const auto close = open == std::string::npos ? std::string::npos : text.find("}}", open + 2);
        if (close == std::string::npos) {
            on_text(text.substr(pos));
            return;
        }
        on_text(text.substr(pos, open - pos));
        on_name(trimmed(text.substr(open + 2, close - open - 2)));
        pos = close + 2;
    }
}

}  // namespace

std::string fill_template(const std::string& text, const std::map<std::string, std::string>& values,
                          const std::string& template_name) {
    std::string out;
    out.reserve(text.size());
    scan_placeholders(
        text, [&](const std::string& part) { out += part; },
        [&](const std::string& name) {
            auto it = values.find(name);
            if (it == values.end())
                throw AuditError(AuditError::Kind::Config,
                                 "styles/project/" + template_name + ": unknown placeholder {{" + name + "}}",
                                 "use only the placeholders listed at the top of the template");
            out += it->second;
        });
    return out;
}

std::vector<std::string> template_placeholders(const std::string& text) {
    std::vector<std::string> names;
    scan_placeholders(
        text, [](const std::string&) {},
        [&](const std::string& name) {
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        });
    return names;
}

std::vector<std::vector<std::string>> read_line_table(const std::string& text, std::size_t min_cells,
                                                      const std::string& template_name) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string content = trimmed(line);
        if (content.empty() || content[0] == '#') continue;
        std::vector<std::string> cells;
        std::size_t start = 0;
        while (true) {
            const auto bar = content.find('|', start);
            cells.push_back(trimmed(content.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
        if (cells.size() < min_cells)
            throw AuditError(AuditError::Kind::Config,
                             "styles/project/" + template_name + " line " + std::to_string(number) + ": expected " +
                                 std::to_string(min_cells) + " cells separated by '|', got \"" + content + "\"");
        rows.push_back(std::move(cells));
    }
    return rows;
}

const std::string& project_template(const std::map<std::string, std::string>& templates, const std::string& name) {
    auto it = templates.find(name);
    if (it == templates.end())
        throw AuditError(AuditError::Kind::Config, "missing template styles/project/" + name,
                         "restore it from the landaudit source tree, or set LANDAUDIT_STYLES_DIR");
    return it->second;
}

}  // namespace landaudit
