// OutputTable helpers.
#include "layers/output_table.h"

namespace landaudit {

std::size_t OutputTable::add_field(std::string name, FieldType type, std::string alias) {
    fields.push_back({std::move(name), type, std::move(alias)});
    return fields.size() - 1;
}

}  // namespace landaudit
