// Which parcel of the later audit is which of the earlier: by id, and where ids changed (a parcel
// split, merged or renumbered) by geometry.
#pragma once

#include <string_view>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "engine/monitoring/table_reader.h"

namespace landaudit {

struct ParcelMatch {
    enum class How { Id, Geometry, New, Gone };
    How how = How::Id;
    long earlier = -1;      // row in the earlier parcels layer; -1 for New
    long later = -1;        // row in the later parcels layer; -1 for Gone
    double overlap_m2 = 0;  // Geometry: the area the two share
};

std::string_view match_key(ParcelMatch::How how);

// Same parcel_id first (the first row of an id when it repeats). The parcels left over on either
// side are then matched by geometry: each takes the parcel of the other side it overlaps most, if
// that overlap is at least `min_share` of either parcel's area. A split links the parent to each
// part, a merge each part to the whole. Leftovers with no such partner are Gone (earlier) or New
// (later). Order: later rows in order (Id, Geometry or New), then Gone.
std::vector<ParcelMatch> match_parcels(GeosContext& ctx, const TableReader& earlier, const TableReader& later,
                                       double min_share);

}  // namespace landaudit
