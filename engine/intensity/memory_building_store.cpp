// Buildings in a vector, their boxes in a packed R-tree built when the store is sealed.
#include "engine/intensity/memory_building_store.h"

#include <algorithm>

#include "layers/error.h"

namespace landaudit {

void MemoryBuildingStore::add(const Building& building, const BoundingBox& box) {
    if (m_sealed) throw AuditError(AuditError::Kind::Internal, "buildings: one added after the store was sealed");
    m_buildings.push_back(building);
    m_boxes.push_back({box.minx, box.miny, box.maxx, box.maxy});
}

void MemoryBuildingStore::seal() {
    if (m_sealed) return;
    m_index = EnvelopeIndex(m_boxes);
    m_boxes = {};
    m_sealed = true;
}

void MemoryBuildingStore::for_each_near(const std::vector<BoundingBox>& boxes, const BuildingFn& fn) {
    if (!m_sealed) throw AuditError(AuditError::Kind::Internal, "buildings: read before the store was sealed");
    std::vector<std::size_t> near;
    for (const BoundingBox& b : boxes) {
        const std::vector<std::size_t> found = m_index.query({b.minx, b.miny, b.maxx, b.maxy});
        near.insert(near.end(), found.begin(), found.end());
    }
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    for (std::size_t i : near) fn(i, m_buildings[i]);
}

void MemoryBuildingStore::for_each(const BuildingFn& fn) {
    if (!m_sealed) throw AuditError(AuditError::Kind::Internal, "buildings: read before the store was sealed");
    for (std::size_t i = 0; i < m_buildings.size(); ++i) fn(i, m_buildings[i]);
}

}  // namespace landaudit
