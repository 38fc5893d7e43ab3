// AuditOutput look-ups.
#include "layers/audit_output.h"

namespace landaudit {

const OutputTable* AuditOutput::table(std::string_view name) const {
    for (const auto& t : tables)
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace landaudit
