// Attribute schemas and values as they come from a source layer, independent of GDAL.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace landaudit {

enum class FieldType { Integer, Real, String, Date };

struct FieldDef {
    std::string name;
    FieldType type = FieldType::String;
    std::string alias;  // Chinese label shown by QGIS; empty when none
};

// Null, integer, real or text. Dates travel as ISO text ("2019-03-05").
using FieldValue = std::variant<std::monostate, long long, double, std::string>;

inline bool is_null(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

// Text form of a value for ids and messages; empty for null.
std::string value_as_text(const FieldValue& v);

}  // namespace landaudit
