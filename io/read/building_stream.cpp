// Chunks of the buildings layer: the reader's cursor, then the field mapping of each chunk.
#include "io/read/building_stream.h"

#include <algorithm>
#include <utility>

#include "layers/field_mapping.h"

namespace landaudit {

OgrBuildingSource::OgrBuildingSource(std::unique_ptr<VectorSource> source, const OGRSpatialReference& working)
    : m_source(std::move(source)), m_working(working),
      m_expected(static_cast<std::size_t>(std::max<long long>(0, m_source->feature_count()))) {}

std::vector<Building> OgrBuildingSource::next(std::size_t max, Diagnostics& diagnostics) {
    if (!m_cursor) m_cursor = m_source->open_cursor(m_working, m_reading, {});
    while (!m_cursor->done()) {
        SourceLayer chunk = m_cursor->next(max);
        m_features_read += chunk.features.size();
        std::vector<Building> buildings = chunk.features.empty()
                                              ? std::vector<Building>{}
                                              : buildings_from(chunk, m_source->config(), m_reading, m_seen);
        diagnostics.merge(std::exchange(m_reading, Diagnostics{}));
        // A chunk whose every feature was skipped while reading is not the end of the layer.
        if (!buildings.empty()) return buildings;
    }
    diagnostics.merge(std::exchange(m_reading, Diagnostics{}));  // the layer's summary rows
    return {};
}

}  // namespace landaudit
