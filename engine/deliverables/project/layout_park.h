// One print layout per park (styles/project/park_layout.qpt): the park's map zoomed to its
// outline, legend, scale bar, north arrow, a table of its figures, the sources and provenance.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/deliverables/project/project_layers.h"
#include "engine/geometry/geometry_ops.h"
#include "layers/audit_output.h"

namespace landaudit {

// The park's bounding box grown by margin_fraction of its larger side on every side, widened or
// heightened about its centre to the map item's width:height (so the scale bar is right), then
// grown to the next round scale (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) for an item of that
// width in millimetres and a CRS in metres.
Envelope fitted_map_extent(const Envelope& bbox, double item_width_mm, double item_height_mm,
                           double margin_fraction);

// A figure as printed: format "mu" (m² shown as 亩, 2 decimals), "m2" (0 decimals), "pct"
// (2 decimals), "count" (integer); thousands separated by ','; "—" for null.
std::string format_figure(const FieldValue& value, const std::string& format);

// The <Layout> elements of every park (rows of the parks table, in order), from the templates
// park_layout.qpt, park_map_layers.txt, park_figures.txt and park_figure_row.xml. park_change: the
// change's parks (figures "change:field" are read from the park's row there, and left out when
// it is null or has no row of that park).
std::string compose_park_layouts(const AuditOutput& output, const std::vector<ProjectGroup>& groups,
                                 const std::map<std::string, std::string>& templates,
                                 const OutputTable* park_change = nullptr);

}  // namespace landaudit
