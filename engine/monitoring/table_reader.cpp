// Field lookups by name over an OutputTable.
#include "engine/monitoring/table_reader.h"

namespace landaudit {

std::string TableReader::text(std::size_t row, std::string_view field) const {
    auto i = m_table.field_index(field);
    if (!i || *i >= m_table.rows[row].values.size()) return {};
    return value_as_text(m_table.rows[row].values[*i]);
}

std::optional<double> TableReader::number(std::size_t row, std::string_view field) const {
    auto i = m_table.field_index(field);
    if (!i || *i >= m_table.rows[row].values.size()) return std::nullopt;
    const FieldValue& v = m_table.rows[row].values[*i];
    if (auto d = std::get_if<double>(&v)) return *d;
    if (auto n = std::get_if<long long>(&v)) return static_cast<double>(*n);
    return std::nullopt;
}

}  // namespace landaudit
