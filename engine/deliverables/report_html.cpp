// PLACEHOLDER until the report lands.
#include "engine/deliverables/report_html.h"

namespace landaudit {

std::string compose_report_html(const AuditOutput&, const std::vector<LayerStyle>&, const ReportAssets&) { return {}; }

}  // namespace landaudit
