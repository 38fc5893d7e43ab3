// The parcels layer read a chunk at a time through OGR, mapped onto the domain (layers/parcel_source.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <ogr_spatialref.h>

#include "io/read/vector_reader.h"
#include "layers/field_mapping.h"
#include "layers/parcel_source.h"

namespace landaudit {

class OgrParcelSource final : public ParcelSource {
public:
    // `source` is the opened parcels layer; `working` the working CRS (copied).
    OgrParcelSource(std::unique_ptr<VectorSource> source, const OGRSpatialReference& working);
    void rewind() override;
    std::vector<Parcel> next(std::size_t max, Diagnostics& diagnostics) override;
    const std::vector<FieldDef>& fields() const override { return m_fields; }
    std::string label() const override { return m_source->label(); }
    std::size_t features_read() const override { return m_features_read; }
    std::size_t expected_count() const override { return m_expected; }

private:
    std::unique_ptr<VectorSource> m_source;
    OGRSpatialReference m_working;
    std::vector<FieldDef> m_fields;
    SeenIds m_seen;         // ids of this pass, for duplicate_id across chunks
    Diagnostics m_reading;  // what the cursor reports, handed on with each chunk
    std::unique_ptr<VectorSource::Cursor> m_cursor;
    std::size_t m_features_read = 0, m_this_pass = 0, m_expected = 0;
};

}  // namespace landaudit
