// HTML tables with machine-readable totals.
#include "engine/deliverables/report/report_table.h"

#include "engine/deliverables/report/report_format.h"

namespace landaudit {

namespace {

std::string number_text(const ReportColumn& column, double v) {
    if (column.format == ReportColumn::Format::Year) return exact_number(v);
    return format_number(v, column.format == ReportColumn::Format::Integer ? 0 : 2);
}

std::string number_cell(const ReportColumn& column, const std::optional<double>& v, const std::string& extra,
                        const std::string& css_class) {
    std::string cls = "num" + (css_class.empty() ? "" : " " + css_class);
    if (!v) return "<td class=\"" + cls + " null\"" + extra + ">—</td>";
    return "<td class=\"" + cls + "\" data-value=\"" + exact_number(*v) + "\"" + extra + ">" + number_text(column, *v) +
           "</td>";
}

}  // namespace

ReportTable::ReportTable(std::vector<ReportColumn> columns, std::string css_class)
    : m_columns(std::move(columns)), m_class(std::move(css_class)) {}

void ReportTable::add_row(std::vector<ReportCell> cells) {
    cells.resize(m_columns.size());
    m_rows.push_back(std::move(cells));
}

std::optional<double> ReportTable::sum_of(const std::string& total_key) const {
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].total_key != total_key) continue;
        double sum = 0;
        for (const auto& row : m_rows)
            if (row[c].value) sum += *row[c].value;
        return sum;
    }
    return std::nullopt;
}

std::optional<double> ReportTable::total(std::size_t column) const {
    const ReportColumn& col = m_columns.at(column);
    if (!col.total_key.empty()) return sum_of(col.total_key);
    if (col.ratio_numerator.empty()) return std::nullopt;
    auto num = sum_of(col.ratio_numerator), den = sum_of(col.ratio_denominator);
    if (!num || !den || *den == 0) return std::nullopt;
    return *num / *den * 100;
}

std::string ReportTable::html(const std::string& totals_label) const {
    std::string out = "<table class=\"" + html_escape(m_class) + "\"><thead><tr>";
    for (const auto& col : m_columns) {
        out += std::string("<th") + (col.numeric() ? " class=\"num\"" : "") + ">" + html_escape(col.header);
        if (!col.code.empty()) out += "<span class=\"code\">" + html_escape(col.code) + "</span>";
        out += "</th>";
    }
    out += "</tr></thead><tbody>";
    for (const auto& row : m_rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            const ReportColumn& col = m_columns[c];
            const ReportCell& cell = row[c];
            if (col.numeric()) {
                out += number_cell(col, cell.value, "", cell.css_class);
                continue;
            }
            std::string cls = cell.css_class;
            if (col.format == ReportColumn::Format::Code) cls = "code" + (cls.empty() ? "" : " " + cls);
            out += (cls.empty() ? std::string("<td>") : "<td class=\"" + html_escape(cls) + "\">") +
                   (cell.text.empty() ? "—" : html_escape(cell.text)) + "</td>";
        }
        out += "</tr>";
    }
    out += "</tbody>";
    if (!totals_label.empty() && !m_rows.empty()) {
        out += "<tfoot><tr class=\"totals\">";
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            const ReportColumn& col = m_columns[c];
            if (c == 0) {
                out += "<th>" + html_escape(totals_label) + "</th>";
            } else if (!col.total_key.empty()) {
                out += number_cell(col, total(c), " data-total=\"" + html_escape(col.total_key) + "\"", "");
            } else if (!col.ratio_numerator.empty()) {
                out += number_cell(col, total(c),
                                   " data-ratio=\"" + html_escape(col.ratio_numerator + "/" + col.ratio_denominator) + "\"",
                                   "");
            } else {
                out += "<td></td>";
            }
        }
        out += "</tr></tfoot>";
    }
    return out + "</table>";
}

}  // namespace landaudit
