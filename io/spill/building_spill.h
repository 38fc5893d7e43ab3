// The buildings spilled to a temporary SQLite file: each building in a table keyed by its place in
// the layer, its box in an R*Tree, so that a chunk of parcels reads only the buildings near it and
// memory stays within SQLite's bounded page cache whatever the layer's size.
#pragma once

#include <memory>
#include <string>

#include "io/spill/spill_database.h"
#include "layers/building_store.h"

namespace landaudit {

class BuildingSpill : public BuildingStore {
public:
    // The file beside `output_path` (see SpillDatabase). Throws AuditError (Output) on failure.
    explicit BuildingSpill(const std::string& output_path);
    ~BuildingSpill() override;

    const std::string& path() const { return m_db.path(); }

    void add(const Building& building, const BoundingBox& box) override;
    void seal() override;
    std::size_t size() const override { return m_size; }
    void for_each_near(const std::vector<BoundingBox>& boxes, const BuildingFn& fn) override;
    void for_each(const BuildingFn& fn) override;

private:
    void require_sealed(const char* doing) const;

    SpillDatabase m_db;
    std::unique_ptr<SpillStatement> m_insert, m_insert_box;  // while filling
    std::unique_ptr<SpillStatement> m_near, m_by_seq;          // once sealed
    std::size_t m_size = 0, m_pending = 0;
    bool m_sealed = false;
};

}  // namespace landaudit
