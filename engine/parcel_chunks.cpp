// One chunk read ahead on a reader thread, handed over through a one-slot queue.
#include "engine/parcel_chunks.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "engine/geometry/geometry_hygiene.h"

namespace landaudit {

CleanParcelChunks::CleanParcelChunks(ParcelSource& source, std::size_t chunk_size, InvalidGeometryPolicy policy,
                                     bool read_ahead, Diagnostics& reading, Diagnostics& hygiene)
    : m_source(source), m_chunk_size(std::max<std::size_t>(1, chunk_size)), m_policy(policy), m_label(source.label()),
      m_reading(reading), m_hygiene(hygiene) {
    m_source.rewind();
    if (read_ahead) m_reader = std::thread([this] { this->read_ahead(); });
}

CleanParcelChunks::~CleanParcelChunks() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_reader.joinable()) m_reader.join();
}

CleanParcelChunks::Chunk CleanParcelChunks::read_one(GeosContext& ctx) {
    Chunk out;
    try {
        while (true) {
            out.parcels = m_source.next(m_chunk_size, out.reading);
            if (out.parcels.empty()) break;
            clean_features(ctx, out.parcels, LayerRole::Parcels, m_label, m_policy, out.hygiene);
            if (!out.parcels.empty()) break;  // a chunk whose every parcel was skipped is not the end
        }
    } catch (...) {
        out.parcels.clear();
        out.failure = std::current_exception();
    }
    return out;
}

void CleanParcelChunks::read_ahead() {
    GeosContext ctx;  // GEOS contexts are per thread
    while (true) {
        Chunk chunk = read_one(ctx);
        const bool last = chunk.parcels.empty();
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopping || !m_ready; });
        if (m_stopping) return;
        m_ready = std::move(chunk);
        lock.unlock();
        m_changed.notify_all();
        if (last) return;
    }
}

std::vector<Parcel> CleanParcelChunks::next() {
    if (m_ended) return {};
    Chunk chunk;
    if (m_reader.joinable()) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_ready.has_value(); });
        chunk = std::move(*m_ready);
        m_ready.reset();
        lock.unlock();
        m_changed.notify_all();
    } else {
        if (!m_serial_ctx) m_serial_ctx = std::make_unique<GeosContext>();
        chunk = read_one(*m_serial_ctx);
    }
    m_reading.merge(std::move(chunk.reading));
    m_hygiene.merge(std::move(chunk.hygiene));
    if (chunk.failure || chunk.parcels.empty()) {
        m_ended = true;
        if (m_reader.joinable()) m_reader.join();  // it has ended: what it set on the source is visible
        if (chunk.failure) std::rethrow_exception(chunk.failure);
        return {};
    }
    m_kept += chunk.parcels.size();
    return std::move(chunk.parcels);
}

}  // namespace landaudit
