// The report's change section (issue 10): the comparison with the earlier audit, read from the
// change GeoPackage beside the output (NAME_change.gpkg) — 处置率 of 批而未供 and idle land per park,
// the 亩均 figures against their yearly targets, the parcel transitions, new and resolved conflicts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/deliverables/report/report_summary.h"
#include "layers/audit_output.h"
#include "layers/layer_style.h"

namespace landaudit {

struct ReportChange {
    const AuditOutput& output;              // the change GeoPackage read back
    const std::vector<LayerStyle>& styles;  // its layers' styles: the charts' colours
};

// The values of styles/report/change.html (every change_* placeholder but change_number). Every
// number is read from the change GeoPackage; the totals rows carry their keys (report_table.h)
// over its layers (park_change, parcel_change, disposal, conflict_change).
std::map<std::string, std::string> change_section_values(const ReportContext& ctx, const ReportChange& change);

}  // namespace landaudit
