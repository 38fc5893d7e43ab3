// Prepared-geometry fast paths and envelope clipping ahead of the overlay.
#include "engine/geometry/feature_overlay.h"

#include <algorithm>

#include "engine/geometry/geometry_ops.h"

namespace landaudit {

namespace {

// Below this many vertices the overlay's own indexing is cheap and clipping would not pay.
constexpr int kClipAboveVertices = 64;

// The subject's envelope grown by a margin, so that no side of the box touches the subject.
Envelope clip_box(const Envelope& e) {
    const double margin = std::max({1.0, 0.01 * (e.maxx - e.minx), 0.01 * (e.maxy - e.miny)});
    return {e.minx - margin, e.miny - margin, e.maxx + margin, e.maxy + margin};
}

}  // namespace

FeatureOverlay overlay_feature(GeosContext& ctx, const GEOSGeometry* subject, LayerView& layer, std::size_t i,
                               std::string& note) {
    FeatureOverlay out;
    const GEOSPreparedGeometry* prepared = layer.prepared(i);
    if (!prepared || GEOSPreparedIntersects_r(ctx.handle(), prepared, subject) != 1) return out;
    // containsProperly, not covers: covers falls back to a full relate of the whole feature when
    // the subject touches its boundary; such a subject is overlaid below instead (same part).
    if (GEOSPreparedContainsProperly_r(ctx.handle(), prepared, subject) == 1) {
        out.kind = FeatureOverlay::Kind::Inside;
        out.part = polygonal_part(ctx, subject);
        return out;
    }
    out.kind = FeatureOverlay::Kind::Crossing;
    const GEOSGeometry* feature = layer.geometry(i);
    GeomPtr clipped(nullptr, GeomDeleter{ctx.handle()});
    if (layer.vertex_count(i) > kClipAboveVertices) {
        const Envelope box = clip_box(envelope_of(ctx, subject));
        clipped = own(ctx, GEOSClipByRect_r(ctx.handle(), feature, box.minx, box.miny, box.maxx, box.maxy));
        if (!clipped) ctx.take_error();  // clipping is only a shortcut: overlay the whole feature instead
    }
    out.part = polygon_intersection(ctx, subject, clipped ? clipped.get() : feature, note);
    return out;
}

}  // namespace landaudit
