// The words, fallback colours and settings of the report, read from styles/report/labels.tsv so
// a person can retranslate or recolour the report without touching code.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace landaudit {

struct ReportLabel {
    std::string key;
    std::string label;
    std::string colour;  // CSS colour, may be empty
};

class ReportLabels {
public:
    // labels.tsv: one entry a line, "group<TAB>key<TAB>label[<TAB>colour]"; '#' starts a comment.
    static ReportLabels parse(const std::string& tsv);

    // The label, or `key` itself when the file has none (a code nobody translated still shows).
    std::string label(const std::string& group, const std::string& key) const;
    // The colour, or empty.
    std::string colour(const std::string& group, const std::string& key) const;
    // The group's entries in file order (the order legends and charts use).
    const std::vector<ReportLabel>& group(const std::string& group) const;
    // A number from group "setting", or `fallback`.
    int setting(const std::string& key, int fallback) const;

private:
    const ReportLabel* find(const std::string& group, const std::string& key) const;
    std::map<std::string, std::vector<ReportLabel>> m_groups;
};

}  // namespace landaudit
