// Row helpers of the report's tables.
#include "engine/deliverables/report/report_rows.h"

#include <algorithm>
#include <set>

#include "engine/deliverables/report/report_format.h"

namespace landaudit {

ReportRows all_rows(const OutputTable* table) {
    ReportRows rows;
    if (table)
        for (const auto& row : table->rows) rows.push_back(&row);
    return rows;
}

std::map<std::string, ReportRows> rows_by_park(const OutputTable* table) {
    std::map<std::string, ReportRows> out;
    if (!table) return out;
    for (const auto& row : table->rows) out[field_text(*table, row, "park_id")].push_back(&row);
    return out;
}

std::vector<std::string> values_in_order(const OutputTable& table, const ReportRows& rows, const std::string& field,
                                         const std::vector<StyleClass>& classes) {
    std::vector<std::string> present, out;
    std::set<std::string> seen;
    for (const OutputRow* row : rows) {
        std::string v = field_text(table, *row, field);
        if (seen.insert(v).second) present.push_back(v);
    }
    for (const auto& c : classes)
        if (seen.count(c.value)) out.push_back(c.value);
    for (const auto& v : present)
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    return out;
}

std::vector<std::string> values_in_order(const OutputTable* table, const std::string& field,
                                         const std::vector<StyleClass>& classes) {
    return table ? values_in_order(*table, all_rows(table), field, classes) : std::vector<std::string>{};
}

double sum_where(const OutputTable& table, const ReportRows& rows, const std::string& field,
                 const std::string& key_field, const std::string& key) {
    double sum = 0;
    for (const OutputRow* r : rows)
        if (key_field.empty() || field_text(table, *r, key_field) == key)
            sum += field.empty() ? 1 : field_number(table, *r, field).value_or(0);
    return sum;
}

std::string meta_row(const std::string& label, const std::string& code, const std::string& value, bool is_code) {
    return "<tr><th>" + html_escape(label) + "<span class=\"code\">" + html_escape(code) + "</span></th><td" +
           (is_code ? " class=\"code\"" : "") + ">" + (value.empty() ? "—" : html_escape(value)) + "</td></tr>";
}

}  // namespace landaudit
