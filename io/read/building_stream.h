// The buildings layer read a chunk at a time through OGR, mapped onto the domain
// (layers/building_source.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "io/read/vector_reader.h"
#include "layers/building_source.h"
#include "layers/seen_ids.h"

namespace landaudit {

class OgrBuildingSource final : public BuildingSource {
public:
    // `source` is the opened buildings layer; `working` the working CRS (copied).
    OgrBuildingSource(std::unique_ptr<VectorSource> source, const OGRSpatialReference& working);
    std::vector<Building> next(std::size_t max, Diagnostics& diagnostics) override;
    std::string label() const override { return m_source->label(); }
    std::size_t features_read() const override { return m_features_read; }
    std::size_t expected_count() const override { return m_expected; }

private:
    std::unique_ptr<VectorSource> m_source;
    OGRSpatialReference m_working;
    SeenIds m_seen;         // ids so far, for duplicate_id across chunks
    Diagnostics m_reading;  // what the cursor reports, handed on with each chunk
    std::unique_ptr<VectorSource::Cursor> m_cursor;
    std::size_t m_features_read = 0, m_expected = 0;
};

}  // namespace landaudit
