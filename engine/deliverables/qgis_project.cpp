// PLACEHOLDER until the project lands.
#include "engine/deliverables/qgis_project.h"

namespace landaudit {

std::string compose_qgis_project(const AuditOutput&, const std::vector<LayerStyle>&, const std::string&,
                                 const std::map<std::string, std::string>&) {
    return {};
}

}  // namespace landaudit
