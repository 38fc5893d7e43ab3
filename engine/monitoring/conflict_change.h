// Red-line and farmland conflicts that appeared or left between two audits. Both the parcels and
// the constraint layers change (a red line redrawn, farmland re-designated), so the comparison is
// of the conflict land itself: the later conflict pieces outside every earlier one of the same
// layer are new, the earlier ones outside every later one have left.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "engine/monitoring/table_reader.h"
#include "layers/geometry_blob.h"

namespace landaudit {

struct ConflictChange {
    std::string layer;       // "redline" or "farmland"
    std::string change;      // "new" or "left"
    std::string parcel_id;   // the subject parcel (of the later audit for new, the earlier for left)
    std::string park_id;
    std::string feat_ids;    // constraint features the piece lies in
    double area_m2 = 0;      // planar
    WkbGeometry geometry;
};

// Parcel conflict pieces that are not slivers (conflicts layer: subject = parcel, sliver = 0). A
// changed part under min_overlap_m2 is boundary noise and not reported.
std::vector<ConflictChange> conflict_changes(GeosContext& ctx, const TableReader& earlier_conflicts,
                                             const TableReader& later_conflicts, double min_overlap_m2);

}  // namespace landaudit
