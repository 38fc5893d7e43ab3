// Parsing styles/report/labels.tsv.
#include "engine/deliverables/report/report_labels.h"

#include <sstream>

namespace landaudit {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        parts.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return parts;
}

}  // namespace

ReportLabels ReportLabels::parse(const std::string& tsv) {
    ReportLabels labels;
    std::istringstream in(tsv);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> parts = split_tabs(line);
        if (parts.size() < 3) continue;
        labels.m_groups[parts[0]].push_back({parts[1], parts[2], parts.size() > 3 ? parts[3] : ""});
    }
    return labels;
}

const ReportLabel* ReportLabels::find(const std::string& group, const std::string& key) const {
    auto it = m_groups.find(group);
    if (it == m_groups.end()) return nullptr;
    for (const auto& entry : it->second)
        if (entry.key == key) return &entry;
    return nullptr;
}

std::string ReportLabels::label(const std::string& group, const std::string& key) const {
    const ReportLabel* entry = find(group, key);
    return entry ? entry->label : key;
}

std::string ReportLabels::colour(const std::string& group, const std::string& key) const {
    const ReportLabel* entry = find(group, key);
    return entry ? entry->colour : "";
}

const std::vector<ReportLabel>& ReportLabels::group(const std::string& group) const {
    static const std::vector<ReportLabel> none;
    auto it = m_groups.find(group);
    return it == m_groups.end() ? none : it->second;
}

int ReportLabels::setting(const std::string& key, int fallback) const {
    const ReportLabel* entry = find("setting", key);
    if (!entry) return fallback;
    try {
        return std::stoi(entry->label);
    } catch (const std::exception&) {
        return fallback;
    }
}

}  // namespace landaudit
