// A result layer described independently of any file format: what io/ writes to the GeoPackage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/attribute.h"
#include "layers/geometry_blob.h"

namespace landaudit {

enum class OutputGeometry { None, MultiPolygon };

struct OutputRow {
    WkbGeometry geometry;  // ignored for OutputGeometry::None
    std::vector<FieldValue> values;
};

struct OutputTable {
    std::string name;         // layer name in the GeoPackage, a contract
    std::string title;        // human title (Chinese), stored as the layer description
    OutputGeometry geometry = OutputGeometry::None;
    std::vector<FieldDef> fields;
    std::vector<OutputRow> rows;

    // Appends a field and returns its index.
    std::size_t add_field(std::string name, FieldType type, std::string alias);
    // Index of the field of that name, or nullopt.
    std::optional<std::size_t> field_index(std::string_view field) const;
};

}  // namespace landaudit
