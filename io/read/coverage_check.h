// A layer that lies wholly away from the parks changes no figure, silently: its coordinates are
// in another CRS than declared, or it is the wrong file. Said as a diagnostics row (and a warning).
#pragma once

#include <ogr_core.h>

#include <string>
#include <vector>

#include "layers/diagnostics.h"
#include "layers/layer_role.h"

namespace landaudit {

struct LayerExtent {
    LayerRole role = LayerRole::Parcels;
    std::string label;   // file (and layer) as in the other diagnostics rows
    OGREnvelope extent;  // of its geometries in the working CRS; not IsInit() when it has none
};

// Adds a layer_outside_parks row (reported) for each layer whose extent overlaps the extent of
// no park (each park's own box, so a layer in the gap between two parks is caught), giving both
// bounds in `crs_name` and a hint. Layers without geometry and tables are not judged.
void report_layers_outside_parks(const std::vector<OGREnvelope>& park_extents, const std::vector<LayerExtent>& layers,
                                 const std::string& crs_name, Diagnostics& diagnostics);

}  // namespace landaudit
