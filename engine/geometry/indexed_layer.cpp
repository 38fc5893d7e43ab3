// Envelope indexing and lazy per-worker parsing of a polygon layer.
#include "engine/geometry/indexed_layer.h"

#include <algorithm>

#include "engine/geometry/geometry_ops.h"

namespace landaudit {

IndexedLayer::IndexedLayer(GeosContext& ctx, std::vector<const WkbGeometry*> geometries)
    : m_geometries(std::move(geometries)) {
    std::vector<Envelope> boxes;
    boxes.reserve(m_geometries.size());
    for (const WkbGeometry* wkb : m_geometries) {
        GeomPtr g = from_wkb(ctx, *wkb);
        // Unparseable geometry was removed by hygiene; an inverted box never matches a query.
        boxes.push_back(g ? envelope_of(ctx, g.get()) : Envelope{1, 1, -1, -1});
    }
    m_index = EnvelopeIndex(boxes);
}

LayerView::LayerView(GeosContext& ctx, const IndexedLayer& layer)
    : m_ctx(ctx), m_layer(layer) {
    m_geometries.reserve(layer.size());
    m_prepared.reserve(layer.size());
    m_vertex_counts.assign(layer.size(), -1);
    m_use.assign(layer.size(), Use::NotHeld);
    for (std::size_t i = 0; i < layer.size(); ++i) {
        m_geometries.emplace_back(nullptr, GeomDeleter{ctx.handle()});
        m_prepared.emplace_back(nullptr, PreparedDeleter{ctx.handle()});
    }
}

void LayerView::mark_used(std::size_t i) {
    if (m_use[i] == Use::NotHeld) m_held.push_back(i);
    m_use[i] = Use::UsedSinceRelease;
}

const GEOSGeometry* LayerView::geometry(std::size_t i) {
    mark_used(i);
    if (!m_geometries[i]) m_geometries[i] = from_wkb(m_ctx, m_layer.wkb(i));
    return m_geometries[i].get();
}

void LayerView::release_unused() {
    std::size_t kept = 0;
    for (const std::size_t i : m_held) {
        if (m_use[i] == Use::UsedSinceRelease) {
            m_use[i] = Use::Held;
            m_held[kept++] = i;
        } else {
            m_prepared[i].reset();  // before the geometry it was made from
            m_geometries[i].reset();
            m_use[i] = Use::NotHeld;
        }
    }
    m_held.resize(kept);
}

const GEOSPreparedGeometry* LayerView::prepared(std::size_t i) {
    mark_used(i);
    if (!m_prepared[i]) {
        const GEOSGeometry* g = geometry(i);
        if (g) m_prepared[i] = PreparedPtr(GEOSPrepare_r(m_ctx.handle(), g), PreparedDeleter{m_ctx.handle()});
    }
    return m_prepared[i].get();
}

}  // namespace landaudit

namespace landaudit {

int LayerView::vertex_count(std::size_t i) {
    if (m_vertex_counts[i] < 0) {
        const GEOSGeometry* g = geometry(i);
        m_vertex_counts[i] = g ? std::max(0, GEOSGetNumCoordinates_r(m_ctx.handle(), g)) : 0;
    }
    return m_vertex_counts[i];
}

}  // namespace landaudit
