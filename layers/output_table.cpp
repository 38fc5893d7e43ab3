// OutputTable helpers.
#include "layers/output_table.h"

namespace landaudit {

std::size_t OutputTable::add_field(std::string name, FieldType type, std::string alias) {
    fields.push_back({std::move(name), type, std::move(alias)});
    return fields.size() - 1;
}

std::optional<std::size_t> OutputTable::field_index(std::string_view field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return i;
    return std::nullopt;
}

}  // namespace landaudit
