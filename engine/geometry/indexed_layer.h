// A polygon layer prepared for repeated spatial queries: one shared envelope index, and per
// worker a view that parses and prepares each geometry the first time it is needed.
#pragma once

#include <vector>

#include "engine/geometry/envelope_index.h"
#include "engine/geometry/geos_context.h"
#include "layers/geometry_blob.h"

namespace landaudit {

// Immutable after construction; shared by all workers.
class IndexedLayer {
public:
    // Geometries must already be clean (see geometry_hygiene); they are referenced, not copied.
    IndexedLayer(GeosContext& ctx, std::vector<const WkbGeometry*> geometries);

    std::size_t size() const { return m_geometries.size(); }
    const WkbGeometry& wkb(std::size_t i) const { return *m_geometries[i]; }
    const EnvelopeIndex& index() const { return m_index; }

private:
    std::vector<const WkbGeometry*> m_geometries;
    EnvelopeIndex m_index;
};

// One worker's GEOS copies of an IndexedLayer's geometries, made lazily: a province-wide
// farmland layer is parsed only where subjects are.
class LayerView {
public:
    LayerView(GeosContext& ctx, const IndexedLayer& layer);

    std::vector<std::size_t> candidates(const Envelope& box) const { return m_layer.index().query(box); }
    const GEOSGeometry* geometry(std::size_t i);
    const GEOSPreparedGeometry* prepared(std::size_t i);
    // Drops feature i's prepared geometry (made again when next asked). GEOS 3.11's prepared
    // intersects keeps, per prepared feature, a buffer the size of the largest subject tested
    // (MCIndexSegmentSetMutualIntersector's monotone chains): a whole park kept it on every
    // farmland patch it met, 1.4 GB at 1M parcels (bench/README.md).
    void release_prepared(std::size_t i) { m_prepared[i].reset(); }
    // Drops the GEOS copies (parsed and prepared) of the features not asked for since the last
    // call. The streamed audit calls it after each chunk of parcels, so that a worker holds the
    // features near the last chunk, not every feature a province's parcels have met.
    void release_unused();
    std::size_t held() const { return m_held.size(); }  // features with a GEOS copy
    // Number of vertices of feature i (0 when it does not parse).
    int vertex_count(std::size_t i);
    std::size_t size() const { return m_layer.size(); }

private:
    void mark_used(std::size_t i);

    GeosContext& m_ctx;
    const IndexedLayer& m_layer;
    std::vector<GeomPtr> m_geometries;
    std::vector<PreparedPtr> m_prepared;
    std::vector<int> m_vertex_counts;  // -1 until asked
    enum class Use : unsigned char { NotHeld, Held, UsedSinceRelease };
    std::vector<Use> m_use;
    std::vector<std::size_t> m_held;  // the features whose m_use is not NotHeld
};

}  // namespace landaudit
