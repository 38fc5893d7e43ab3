// Extents only: a layer whose box meets no park's box cannot overlap any park; one that does may
// still overlap none (a county-wide red line missing both parks is real data, not an error).
#include "io/read/coverage_check.h"

#include <cstdio>

namespace landaudit {

namespace {

std::string box_text(const OGREnvelope& e) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "(%.1f, %.1f) – (%.1f, %.1f)", e.MinX, e.MinY, e.MaxX, e.MaxY);
    return buf;
}

}  // namespace

void report_layers_outside_parks(const std::vector<OGREnvelope>& park_extents, const std::vector<LayerExtent>& layers,
                                 const std::string& crs_name, Diagnostics& diagnostics) {
    OGREnvelope parks;
    for (const OGREnvelope& p : park_extents)
        if (p.IsInit()) parks.Merge(p);
    if (!parks.IsInit()) return;
    for (const LayerExtent& layer : layers) {
        if (layer.role == LayerRole::Parks || is_table_role(layer.role) || !layer.extent.IsInit()) continue;
        bool meets = false;
        for (const OGREnvelope& p : park_extents) meets = meets || (p.IsInit() && p.Intersects(layer.extent));
        if (meets) continue;
        diagnostics.add({std::string(role_key(layer.role)), layer.label, -1, {}, "layer_outside_parks",
                         DiagnosticAction::Reported,
                         "the layer's extent " + box_text(layer.extent) + " overlaps no park (the parks lie within " +
                             box_text(parks) + ", both in " + crs_name +
                             "): none of its features can touch a park, so it changes no figure. Hint: are its "
                             "coordinates in another CRS than its .prj or crs = says (another zone, degrees), or is "
                             "it the wrong file?"});
    }
}

}  // namespace landaudit
