// One park's part of the report: its key figures, its map (inline SVG from the geometries), its
// charts and its ranked candidate list.
#pragma once

#include <string>
#include <vector>

#include "engine/deliverables/report/report_summary.h"
#include "engine/geometry/geometry_ops.h"

namespace landaudit {

// Envelopes of a layer's rows, computed once for all the park maps.
struct RowEnvelopes {
    std::vector<Envelope> envelopes;  // one per row of the table
    std::vector<bool> present;        // false: no readable geometry
};
RowEnvelopes row_envelopes(GeosContext& ctx, const OutputTable* table);

struct ReportGeometry {
    RowEnvelopes parcels, conflicts, unsupplied;
};

// The placeholders of styles/report/park.html for the park at `park_index` of the parks layer:
// park_anchor, park_id, park_name, park_level, park_figures, map, legend, grade_chart,
// idle_chart, unsupplied_chart, indicator_charts, indicator_note, candidates_table
// (park_number is the caller's).
std::map<std::string, std::string> park_section_values(GeosContext& geos, const ReportContext& ctx,
                                                       const ReportGeometry& geometry, std::size_t park_index);

// The park's map: <svg> and the legend (<ul class="legend">).
struct ParkMap {
    std::string svg;
    std::string legend;
};
ParkMap draw_park_map(GeosContext& geos, const ReportContext& ctx, const ReportGeometry& geometry,
                      std::size_t park_index, const std::string& anchor);

}  // namespace landaudit
