// Chunks of the parcels layer: the reader's cursor, then the field mapping of each chunk.
#include "io/read/parcel_stream.h"

#include <algorithm>
#include <utility>

namespace landaudit {

OgrParcelSource::OgrParcelSource(std::unique_ptr<VectorSource> source, const OGRSpatialReference& working)
    : m_source(std::move(source)), m_working(working), m_fields(m_source->fields()),
      m_expected(static_cast<std::size_t>(std::max<long long>(0, m_source->feature_count()))) {}

void OgrParcelSource::rewind() {
    m_cursor.reset();
    m_seen.clear();
    m_this_pass = 0;
}

std::vector<Parcel> OgrParcelSource::next(std::size_t max, Diagnostics& diagnostics) {
    if (!m_cursor) m_cursor = m_source->open_cursor(m_working, m_reading, {});
    if (m_cursor->done()) return {};
    SourceLayer chunk = m_cursor->next(max);
    m_this_pass += chunk.features.size();
    if (m_cursor->done()) m_features_read = m_this_pass;
    std::vector<Parcel> parcels = chunk.features.empty()
                                      ? std::vector<Parcel>{}
                                      : parcels_from(chunk, m_source->config(), m_reading, m_seen);
    diagnostics.merge(std::exchange(m_reading, Diagnostics{}));
    // A chunk whose every feature was skipped while reading is not the end of the layer.
    if (parcels.empty() && !m_cursor->done()) return next(max, diagnostics);
    return parcels;
}

}  // namespace landaudit
