// Subject × constraint-layer overlap.
#include "engine/compliance/constraint_overlap.h"

#include "engine/geometry/feature_overlay.h"

namespace landaudit {

namespace {

// True when no two boxes overlap or touch.
bool boxes_apart(const std::vector<Envelope>& boxes) {
    for (std::size_t a = 0; a < boxes.size(); ++a)
        for (std::size_t b = a + 1; b < boxes.size(); ++b)
            if (boxes[a].minx <= boxes[b].maxx && boxes[b].minx <= boxes[a].maxx && boxes[a].miny <= boxes[b].maxy &&
                boxes[b].miny <= boxes[a].maxy)
                return false;
    return true;
}

}  // namespace

bool OverlapResult::has_conflict() const {
    for (const auto& p : pieces)
        if (!p.sliver) return true;
    return false;
}

bool OverlapResult::has_only_slivers() const { return !pieces.empty() && !has_conflict(); }

OverlapResult measure_overlap(GeosContext& ctx, const GEOSGeometry* subject, LayerView& constraints,
                              double min_overlap_m2, PreparedUse prepared_use) {
    OverlapResult result;
    struct Hit {
        std::size_t index;
        GeomPtr part;  // subject ∩ this feature
    };
    std::vector<Hit> hits;
    for (std::size_t i : constraints.candidates(envelope_of(ctx, subject))) {
        std::string note;
        FeatureOverlay overlay = overlay_feature(ctx, subject, constraints, i, note);
        if (prepared_use == PreparedUse::Once) constraints.release_prepared(i);
        if (!note.empty()) result.notes.push_back(note);
        if (overlay.part && planar_area(ctx, overlay.part.get()) > 0.0) hits.push_back({i, std::move(overlay.part)});
    }
    if (hits.empty()) return result;

    // Parts whose boxes are apart cannot merge: each is its own pieces, of its own feature, and
    // the union (and attributing its pieces back) can be skipped. Most subjects meet one feature.
    std::vector<Envelope> boxes;
    for (const auto& h : hits) boxes.push_back(envelope_of(ctx, h.part.get()));
    if (boxes_apart(boxes)) {
        for (auto& h : hits)
            for (GeomPtr& piece : polygons_of(ctx, h.part.get())) {
                OverlapPiece p;
                p.area_m2 = planar_area(ctx, piece.get());
                p.sliver = p.area_m2 < min_overlap_m2;
                p.constraint_indices.push_back(h.index);
                p.geometry = std::move(piece);
                result.area_m2 += p.area_m2;
                result.pieces.push_back(std::move(p));
            }
        return result;
    }

    std::vector<GeomPtr> parts;
    std::vector<GeomPtr> kept_parts;  // copies to attribute pieces to features afterwards
    for (auto& h : hits) {
        kept_parts.push_back(clone(ctx, h.part.get()));
        parts.push_back(std::move(h.part));
    }
    std::string note;
    GeomPtr merged = polygon_union(ctx, std::move(parts), note);
    if (!note.empty()) result.notes.push_back(note);
    if (!merged) return result;
    result.area_m2 = planar_area(ctx, merged.get());

    for (GeomPtr& piece : polygons_of(ctx, merged.get())) {
        OverlapPiece p;
        p.area_m2 = planar_area(ctx, piece.get());
        p.sliver = p.area_m2 < min_overlap_m2;
        for (std::size_t k = 0; k < hits.size(); ++k)
            if (interiors_overlap(ctx, piece.get(), kept_parts[k].get()))
                p.constraint_indices.push_back(hits[k].index);
        p.geometry = std::move(piece);
        result.pieces.push_back(std::move(p));
    }
    return result;
}

}  // namespace landaudit
