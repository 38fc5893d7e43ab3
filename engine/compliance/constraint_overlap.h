// Overlap of one subject (parcel or park) with a constraint layer: area(subject ∩ union(layer)),
// split into connected pieces, each naming the constraint features it lies in.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"

namespace landaudit {

struct OverlapPiece {
    GeomPtr geometry;
    double area_m2 = 0.0;
    bool sliver = false;  // smaller than min_overlap_m2: boundary noise, not a conflict
    std::vector<std::size_t> constraint_indices;  // features whose interior this piece is in
};

struct OverlapResult {
    double area_m2 = 0.0;  // all overlap, slivers included
    std::vector<OverlapPiece> pieces;
    std::vector<std::string> notes;  // robustness fallbacks taken, for diagnostics

    bool has_conflict() const;     // a piece at or above the sliver threshold
    bool has_only_slivers() const;
};

// Constraint features that overlap each other are unioned first, so overlap is never
// double-counted; features that only touch the subject along an edge give no piece.
// `PreparedUse::Once` releases each feature's prepared geometry after this subject: for large,
// few subjects (parks), whose test would otherwise stay allocated on every feature they meet.
enum class PreparedUse { Keep, Once };
OverlapResult measure_overlap(GeosContext& ctx, const GEOSGeometry* subject, LayerView& constraints,
                              double min_overlap_m2, PreparedUse prepared_use = PreparedUse::Keep);

}  // namespace landaudit
