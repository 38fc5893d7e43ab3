// The geometry operations the analyses need, over GEOS, each robust and polygon-focused.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "layers/geometry_blob.h"

namespace landaudit {

struct Envelope {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
};

// Parses WKB; null (with ctx's error pending) when the bytes are not a geometry.
GeomPtr from_wkb(GeosContext& ctx, const WkbGeometry& wkb);
// ISO WKB, 2D.
WkbGeometry to_wkb(GeosContext& ctx, const GEOSGeometry* g);

GeomPtr clone(GeosContext& ctx, const GEOSGeometry* g);
GeomPtr empty_polygon(GeosContext& ctx);
Envelope envelope_of(GeosContext& ctx, const GEOSGeometry* g);
// Planar area in the units of the geometry's CRS (m² in a projected working CRS).
double planar_area(GeosContext& ctx, const GEOSGeometry* g);
bool is_polygonal(GeosContext& ctx, const GEOSGeometry* g);

// Only the polygons of g (dropping points and lines a collection or an overlay may contain),
// as a MultiPolygon; empty when there are none.
GeomPtr polygonal_part(GeosContext& ctx, const GEOSGeometry* g);
// Each polygon of a (multi)polygon as its own geometry.
std::vector<GeomPtr> polygons_of(GeosContext& ctx, const GEOSGeometry* g);

// a ∩ b reduced to its polygons. Floating-point overlay can fail on nearly coincident edges;
// it is then retried snapped to a 1 mm grid, and `note` says so. Null only if both fail.
GeomPtr polygon_intersection(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                             std::string& note);
// a − b, polygons only, with the same retry.
GeomPtr polygon_difference(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                           std::string& note);
// Union of the parts (consumed); never double-counts overlapping parts.
GeomPtr polygon_union(GeosContext& ctx, std::vector<GeomPtr> parts, std::string& note);

// True when a and b share interior area (not just an edge or a point).
bool interiors_overlap(GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);

}  // namespace landaudit
