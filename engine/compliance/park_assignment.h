// Which park a parcel belongs to: the one holding the largest share of its area.
#pragma once

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"

namespace landaudit {

struct ParkAssignment {
    long park_index = -1;     // index into the parks; -1 when no park overlaps the parcel
    double inside_m2 = 0.0;   // parcel area inside that park
};

// Ties (equal areas) go to the park listed first, so results do not depend on index order.
ParkAssignment assign_park(GeosContext& ctx, const GEOSGeometry* parcel, LayerView& parks,
                           std::string& note);

}  // namespace landaudit
