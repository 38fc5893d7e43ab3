// The report's tables of the 标准地 contract checks (layer standard_land) and the star-rated parks
// (parks.stars, star_targets): from the output alone, like every table of the report.
#pragma once

#include <string>

#include "engine/deliverables/report/report_summary.h"

namespace landaudit {

// Per park: its stars and the rating line of star_why (the bands and checks are in the GeoPackage).
std::string stars_table(const ReportContext& ctx);
// Per band: parks reaching exactly it against the document's target (star_targets), or, for an
// output without that table, the parks per stars value of parks.stars.
std::string star_targets_html(const ReportContext& ctx);
// Per park: 标准地 parcels per verdict; then every parcel short of its contract with its reasons.
std::string standard_land_html(const ReportContext& ctx);

}  // namespace landaudit
