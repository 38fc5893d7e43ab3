// Reading an output layer back by field name: the comparison works on GeoPackages of any
// landaudit version, so it looks fields up by their contract names, never by position.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "layers/output_table.h"

namespace landaudit {

class TableReader {
public:
    explicit TableReader(const OutputTable& table) : m_table(table) {}

    const OutputTable& table() const { return m_table; }
    std::size_t size() const { return m_table.rows.size(); }
    bool has(std::string_view field) const { return m_table.field_index(field).has_value(); }
    // Text of a field ("" when null or when the layer has no such field).
    std::string text(std::size_t row, std::string_view field) const;
    // Number of a field (nullopt when null, not a number or absent).
    std::optional<double> number(std::size_t row, std::string_view field) const;
    const WkbGeometry& geometry(std::size_t row) const { return m_table.rows[row].geometry; }

private:
    const OutputTable& m_table;
};

}  // namespace landaudit
