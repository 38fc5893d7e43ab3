// Test fixtures: geometries from WKT, so cases read as the shapes they are.
#pragma once

#include <string>

#include "engine/geometry/geometry_ops.h"
#include "layers/geometry_blob.h"

namespace landaudit::testing {

inline GeomPtr geom(GeosContext& ctx, const std::string& wkt) {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
    GeomPtr g = own(ctx, GEOSWKTReader_read_r(ctx.handle(), reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(ctx.handle(), reader);
    return g;
}

inline WkbGeometry wkb(const std::string& wkt) {
    GeosContext ctx;
    return to_wkb(ctx, geom(ctx, wkt).get());
}

// A square of side `size` with its lower-left corner at (x, y).
inline std::string square(double x, double y, double size) {
    auto n = [](double v) { return std::to_string(v); };
    return "POLYGON((" + n(x) + " " + n(y) + ", " + n(x + size) + " " + n(y) + ", " + n(x + size) + " " +
           n(y + size) + ", " + n(x) + " " + n(y + size) + ", " + n(x) + " " + n(y) + "))";
}

inline std::string rect(double x0, double y0, double x1, double y1) {
    auto n = [](double v) { return std::to_string(v); };
    return "POLYGON((" + n(x0) + " " + n(y0) + ", " + n(x1) + " " + n(y0) + ", " + n(x1) + " " + n(y1) + ", " +
           n(x0) + " " + n(y1) + ", " + n(x0) + " " + n(y0) + "))";
}

}  // namespace landaudit::testing
