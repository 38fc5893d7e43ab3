// Buildings held in memory with an envelope R-tree: for the library path (inputs held whole) and
// as the reference the spilled store (io/spill/building_spill.h) is tested against.
#pragma once

#include <vector>

#include "engine/geometry/envelope_index.h"
#include "layers/building_store.h"

namespace landaudit {

class MemoryBuildingStore : public BuildingStore {
public:
    void add(const Building& building, const BoundingBox& box) override;
    void seal() override;
    std::size_t size() const override { return m_buildings.size(); }
    void for_each_near(const std::vector<BoundingBox>& boxes, const BuildingFn& fn) override;
    void for_each(const BuildingFn& fn) override;

private:
    std::vector<Building> m_buildings;
    std::vector<Envelope> m_boxes;  // until sealed
    EnvelopeIndex m_index;
    bool m_sealed = false;
};

}  // namespace landaudit
