// The parcels of one pass as chunks with a usable geometry, read one chunk ahead: a reader thread
// reads and cleans chunk N+1 (OGR, field mapping, geometry hygiene) while the audit analyses chunk
// N, so that neither waits for the other (issue 8: reading was a fifth of the main thread's time).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "layers/audit_config.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"
#include "layers/parcel_source.h"

namespace landaudit {

class CleanParcelChunks {
public:
    // Rewinds `source` and starts the pass. `reading` and `hygiene` receive each chunk's
    // diagnostics as the chunk is handed over, so in the order a serial read gives them. With
    // `read_ahead` false everything runs on the calling thread (`--threads 1`).
    CleanParcelChunks(ParcelSource& source, std::size_t chunk_size, InvalidGeometryPolicy policy, bool read_ahead,
                      Diagnostics& reading, Diagnostics& hygiene);
    // Stops the reader after the chunk it is on and waits for it: an audit that fails or is
    // cancelled mid-pass leaves no thread behind.
    ~CleanParcelChunks();
    CleanParcelChunks(const CleanParcelChunks&) = delete;
    CleanParcelChunks& operator=(const CleanParcelChunks&) = delete;

    // The next chunk (never empty while parcels remain), an empty one at the end of the pass;
    // rethrows here what reading met, after the chunks before it were handed over.
    std::vector<Parcel> next();
    // Parcels handed over so far.
    std::size_t kept() const { return m_kept; }

private:
    struct Chunk {
        std::vector<Parcel> parcels;  // empty: the end of the pass
        Diagnostics reading, hygiene;
        std::exception_ptr failure;
    };
    // On whichever thread reads; the source is only ever used by one thread at a time.
    Chunk read_one(GeosContext& ctx);
    void read_ahead();

    ParcelSource& m_source;
    const std::size_t m_chunk_size;
    const InvalidGeometryPolicy m_policy;
    const std::string m_label;
    Diagnostics& m_reading;
    Diagnostics& m_hygiene;
    std::size_t m_kept = 0;
    bool m_ended = false;
    std::unique_ptr<GeosContext> m_serial_ctx;  // without read-ahead

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<Chunk> m_ready;  // read ahead, not yet handed over
    bool m_stopping = false;
    std::thread m_reader;  // not started without read-ahead
};

}  // namespace landaudit
