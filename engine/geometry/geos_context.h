// RAII over GEOS's thread-safe C API: one context per thread, owning pointers that know it.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>

namespace landaudit {

// A GEOS context handle that collects the last error message instead of printing it.
// Not shareable between threads: each worker makes its own.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }
    // Message of the last GEOS error (e.g. a TopologyException), then cleared.
    std::string take_error();

private:
    static void on_error(const char* message, void* self);
    GEOSContextHandle_t m_handle;
    std::string m_last_error;
};

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(ctx, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const {
        if (g) GEOSPreparedGeom_destroy_r(ctx, g);
    }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

inline GeomPtr own(GeosContext& ctx, GEOSGeometry* g) { return GeomPtr(g, GeomDeleter{ctx.handle()}); }

}  // namespace landaudit
