// The buildings layer as the intensity pass reads it: a province has millions of footprints, so
// the audit keeps them in a store, held in memory (engine/intensity/memory_building_store.h) or
// spilled to a temporary SQLite file with an R*Tree (io/spill/building_spill.h), and asks it for
// the buildings near each chunk of parcels.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "layers/domain.h"

namespace landaudit {

// An axis-aligned box in the working CRS; touching boxes meet.
struct BoundingBox {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    bool meets(const BoundingBox& o) const { return minx <= o.maxx && o.minx <= maxx && miny <= o.maxy && o.miny <= maxy; }
};

// Not thread-safe: filled once, then read by one pass.
class BuildingStore {
public:
    virtual ~BuildingStore() = default;

    // Filling, in layer order, each building (geometry clean) with its box; then sealed once,
    // before any read.
    virtual void add(const Building& building, const BoundingBox& box) = 0;
    virtual void seal() = 0;
    virtual std::size_t size() const = 0;  // buildings added

    // `seq` is the building's place in the order added (0, 1, …): its key for per-building state.
    using BuildingFn = std::function<void(std::size_t seq, const Building& building)>;
    // Every building whose box meets one of `boxes`, once each, in the order added. A store may
    // also hand over buildings whose box only nearly meets one (the spill keeps boxes in single
    // precision, rounded outwards): the caller tests the geometries.
    virtual void for_each_near(const std::vector<BoundingBox>& boxes, const BuildingFn& fn) = 0;
    // Every building, in the order added.
    virtual void for_each(const BuildingFn& fn) = 0;
};

}  // namespace landaudit
