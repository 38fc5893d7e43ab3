// PLACEHOLDER until the exports land.
#include "io/table_export.h"

namespace landaudit {

std::vector<std::string> export_audit(const AuditOutput&, const std::vector<LayerStyle>&, const ExportOptions&,
                                      const ProgressFn&) {
    return {};
}

}  // namespace landaudit
