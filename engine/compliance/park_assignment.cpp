// Largest-share park assignment.
#include "engine/compliance/park_assignment.h"

namespace landaudit {

ParkAssignment assign_park(GeosContext& ctx, const GEOSGeometry* parcel, LayerView& parks,
                           std::string& note) {
    ParkAssignment best;
    for (std::size_t i : parks.candidates(envelope_of(ctx, parcel))) {
        const GEOSPreparedGeometry* prepared = parks.prepared(i);
        if (!prepared || GEOSPreparedIntersects_r(ctx.handle(), prepared, parcel) != 1) continue;
        double inside = 0.0;
        if (GEOSPreparedContains_r(ctx.handle(), prepared, parcel) == 1) {
            inside = planar_area(ctx, parcel);
        } else {
            std::string n;
            GeomPtr part = polygon_intersection(ctx, parcel, parks.geometry(i), n);
            if (!n.empty()) note = n;
            inside = planar_area(ctx, part.get());
        }
        if (inside > best.inside_m2) best = {static_cast<long>(i), inside};
    }
    return best;
}

}  // namespace landaudit
