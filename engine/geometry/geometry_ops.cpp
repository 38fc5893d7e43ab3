// GEOS-backed geometry operations with a fixed-precision fallback for robustness.
#include "engine/geometry/geometry_ops.h"

namespace landaudit {

namespace {

// Grid for the fallback overlay: 1 mm, far below any area the audit reports.
constexpr double kFallbackGrid = 0.001;

using OverlayFn = GEOSGeometry* (*)(GEOSContextHandle_t, const GEOSGeometry*, const GEOSGeometry*);
using OverlayPrecFn = GEOSGeometry* (*)(GEOSContextHandle_t, const GEOSGeometry*,
                                        const GEOSGeometry*, double);

GeomPtr robust_overlay(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b, OverlayFn op,
                       OverlayPrecFn op_prec, const char* name, std::string& note) {
    GEOSGeometry* r = op(ctx.handle(), a, b);
    if (r) return polygonal_part(ctx, own(ctx, r).get());
    std::string first_error = ctx.take_error();
    r = op_prec(ctx.handle(), a, b, kFallbackGrid);
    if (r) {
        note = std::string(name) + " failed in floating point (" + first_error +
               "); recomputed on a 1 mm grid";
        return polygonal_part(ctx, own(ctx, r).get());
    }
    note = std::string(name) + " failed: " + first_error + "; then on a 1 mm grid: " + ctx.take_error();
    return GeomPtr(nullptr, GeomDeleter{ctx.handle()});
}

}  // namespace

GeomPtr from_wkb(GeosContext& ctx, const WkbGeometry& wkb) {
    if (wkb.is_null()) return GeomPtr(nullptr, GeomDeleter{ctx.handle()});
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx.handle());
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx.handle(), reader, wkb.bytes.data(), wkb.bytes.size());
    GEOSWKBReader_destroy_r(ctx.handle(), reader);
    return own(ctx, g);
}

WkbGeometry to_wkb(GeosContext& ctx, const GEOSGeometry* g) {
    WkbGeometry out;
    if (!g) return out;
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx.handle());
    GEOSWKBWriter_setOutputDimension_r(ctx.handle(), writer, 2);
    GEOSWKBWriter_setFlavor_r(ctx.handle(), writer, GEOS_WKB_ISO);
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx.handle(), writer, g, &size);
    if (buf) {
        out.bytes.assign(buf, buf + size);
        GEOSFree_r(ctx.handle(), buf);
    }
    GEOSWKBWriter_destroy_r(ctx.handle(), writer);
    return out;
}

GeomPtr clone(GeosContext& ctx, const GEOSGeometry* g) { return own(ctx, GEOSGeom_clone_r(ctx.handle(), g)); }

GeomPtr empty_polygon(GeosContext& ctx) {
    return own(ctx, GEOSGeom_createEmptyCollection_r(ctx.handle(), GEOS_MULTIPOLYGON));
}

Envelope envelope_of(GeosContext& ctx, const GEOSGeometry* g) {
    Envelope e;
    GEOSGeom_getXMin_r(ctx.handle(), g, &e.minx);
    GEOSGeom_getYMin_r(ctx.handle(), g, &e.miny);
    GEOSGeom_getXMax_r(ctx.handle(), g, &e.maxx);
    GEOSGeom_getYMax_r(ctx.handle(), g, &e.maxy);
    return e;
}

double planar_area(GeosContext& ctx, const GEOSGeometry* g) {
    double area = 0.0;
    if (!g || GEOSArea_r(ctx.handle(), g, &area) == 0) return 0.0;
    return area;
}

bool is_polygonal(GeosContext& ctx, const GEOSGeometry* g) {
    int t = GEOSGeomTypeId_r(ctx.handle(), g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

std::vector<GeomPtr> polygons_of(GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<GeomPtr> out;
    if (!g) return out;
    int t = GEOSGeomTypeId_r(ctx.handle(), g);
    if (t == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(ctx.handle(), g)) out.push_back(clone(ctx, g));
        return out;
    }
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(ctx.handle(), g);
        for (int i = 0; i < n; ++i) {
            auto sub = polygons_of(ctx, GEOSGetGeometryN_r(ctx.handle(), g, i));
            for (auto& s : sub) out.push_back(std::move(s));
        }
    }
    return out;
}

GeomPtr polygonal_part(GeosContext& ctx, const GEOSGeometry* g) {
    auto polys = polygons_of(ctx, g);
    std::vector<GEOSGeometry*> raw;
    raw.reserve(polys.size());
    for (auto& p : polys) raw.push_back(p.release());  // ownership passes to the collection
    return own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTIPOLYGON, raw.data(),
                                                static_cast<unsigned>(raw.size())));
}

GeomPtr polygon_intersection(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                             std::string& note) {
    return robust_overlay(ctx, a, b, &GEOSIntersection_r, &GEOSIntersectionPrec_r, "intersection", note);
}

GeomPtr polygon_difference(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                           std::string& note) {
    return robust_overlay(ctx, a, b, &GEOSDifference_r, &GEOSDifferencePrec_r, "difference", note);
}

GeomPtr polygon_union(GeosContext& ctx, std::vector<GeomPtr> parts, std::string& note) {
    if (parts.empty()) return empty_polygon(ctx);
    if (parts.size() == 1) return polygonal_part(ctx, parts.front().get());
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    GeomPtr collection = own(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION,
                                                              raw.data(), static_cast<unsigned>(raw.size())));
    GEOSGeometry* r = GEOSUnaryUnion_r(ctx.handle(), collection.get());
    if (r) return polygonal_part(ctx, own(ctx, r).get());
    std::string first_error = ctx.take_error();
    r = GEOSUnaryUnionPrec_r(ctx.handle(), collection.get(), kFallbackGrid);
    note = "union failed in floating point (" + first_error + "); recomputed on a 1 mm grid";
    if (r) return polygonal_part(ctx, own(ctx, r).get());
    note += ", which failed too: " + ctx.take_error();
    return GeomPtr(nullptr, GeomDeleter{ctx.handle()});
}

bool interiors_overlap(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    // A full relate is costly even for far-apart geometries; boxes that do not overlap settle it.
    const Envelope ea = envelope_of(ctx, a), eb = envelope_of(ctx, b);
    if (ea.maxx <= eb.minx || eb.maxx <= ea.minx || ea.maxy <= eb.miny || eb.maxy <= ea.miny) return false;
    return GEOSRelatePattern_r(ctx.handle(), a, b, "2********") == 1;
}

}  // namespace landaudit
