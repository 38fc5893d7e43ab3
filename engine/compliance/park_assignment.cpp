// Largest-share park assignment.
#include "engine/compliance/park_assignment.h"

#include "engine/geometry/feature_overlay.h"

namespace landaudit {

ParkAssignment assign_park(GeosContext& ctx, const GEOSGeometry* parcel, LayerView& parks,
                           std::string& note) {
    ParkAssignment best;
    for (std::size_t i : parks.candidates(envelope_of(ctx, parcel))) {
        std::string n;
        FeatureOverlay overlay = overlay_feature(ctx, parcel, parks, i, n);
        if (!n.empty()) note = n;
        if (overlay.kind == FeatureOverlay::Kind::Disjoint) continue;
        const double inside = planar_area(ctx, overlay.part.get());
        if (inside > best.inside_m2) best = {static_cast<long>(i), inside};
    }
    return best;
}

}  // namespace landaudit
