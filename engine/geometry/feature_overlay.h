// subject ∩ one feature of an indexed layer, answered without an overlay wherever possible.
#pragma once

#include <string>

#include "engine/geometry/indexed_layer.h"

namespace landaudit {

// What a subject shares with feature i of `layer`.
struct FeatureOverlay {
    enum class Kind { Disjoint, Inside, Crossing };
    Kind kind = Kind::Disjoint;
    GeomPtr part;  // the subject's polygons inside the feature; null when Disjoint
};

// Province-scale constraint layers have features of thousands of vertices, and most subjects lie
// wholly inside or outside one. Prepared geometry answers those two cases without an overlay
// (Inside, clear of the boundary: part is a copy of the subject). Only a subject crossing or
// touching the boundary is overlaid, and then against the feature clipped to a box around the
// subject, so the overlay indexes a few dozen vertices instead of thousands. The box lies strictly outside the subject, so the clip
// never cuts through the result: the part is the same polygon the whole-feature overlay gives.
// `note` says when the overlay needed the fixed-precision fallback (see polygon_intersection).
FeatureOverlay overlay_feature(GeosContext& ctx, const GEOSGeometry* subject, LayerView& layer, std::size_t i,
                               std::string& note);

}  // namespace landaudit
