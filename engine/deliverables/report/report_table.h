// One HTML table of the report: headers in Chinese with the English code beside, number cells
// carrying their exact value (data-value), and a totals row whose cells name what they total
// (data-total="parks.red_m2", data-ratio="parks.red_m2/parks.area_m2") so a test can recompute
// each from the GeoPackage.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace landaudit {

struct ReportColumn {
    enum class Format { Text, Code, Integer, Decimal2, Year };  // Year: a number shown without separators (2026)
    ReportColumn(std::string header_, std::string code_, Format format_ = Format::Text, std::string total_key_ = {},
                 std::string ratio_numerator_ = {}, std::string ratio_denominator_ = {})
        : header(std::move(header_)), code(std::move(code_)), format(format_), total_key(std::move(total_key_)),
          ratio_numerator(std::move(ratio_numerator_)), ratio_denominator(std::move(ratio_denominator_)) {}
    std::string header;  // Chinese, usually the field's alias with its unit
    std::string code;    // English code shown beside, e.g. the field name
    Format format = Format::Text;
    // The totals row: the sum of the column under this key (empty: no total). Keys read
    // "table.field" (sum of the field), "table.count" (rows), optionally filtered "[field=value]"
    // and converted "@mu" (m² → 亩): "unsupplied.area_m2[bucket=>5y]@mu" …
    std::string total_key;
    // … or, for a percentage, sum(numerator column) ÷ sum(denominator column) × 100, the columns
    // named by their total keys.
    std::string ratio_numerator, ratio_denominator;
    bool numeric() const { return format == Format::Integer || format == Format::Decimal2 || format == Format::Year; }
};

struct ReportCell {
    ReportCell(std::string text_ = {}, std::optional<double> value_ = {}, std::string css_class_ = {})
        : text(std::move(text_)), value(value_), css_class(std::move(css_class_)) {}
    std::string text;             // shown (for Text/Code columns); empty number → "—"
    std::optional<double> value;  // for number columns
    std::string css_class;        // optional, e.g. "fail"
};

class ReportTable {
public:
    explicit ReportTable(std::vector<ReportColumn> columns, std::string css_class = "data");
    void add_row(std::vector<ReportCell> cells);
    std::size_t row_count() const { return m_rows.size(); }
    // The table; with `totals_label` non-empty, a totals row for the columns that have a total.
    std::string html(const std::string& totals_label = {}) const;
    // The column's total as the totals row shows it (sum or ratio), nullopt when it has none.
    std::optional<double> total(std::size_t column) const;

private:
    std::optional<double> sum_of(const std::string& total_key) const;
    std::vector<ReportColumn> m_columns;
    std::vector<std::vector<ReportCell>> m_rows;
    std::string m_class;
};

}  // namespace landaudit
