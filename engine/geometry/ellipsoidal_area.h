// Ellipsoidal (椭球面积) area on the CGCS2000 ellipsoid of polygons given in the working CRS.
#pragma once

#include <proj.h>

#include <string>

#include "engine/geometry/geos_context.h"

namespace landaudit {

// Each vertex is taken to CGCS2000 longitude/latitude (EPSG:4490) with PROJ, and each ring's
// area is the geodesic polygon area (Karney) on a = 6 378 137 m, 1/f = 298.257222101.
// One instance per thread (it owns a PROJ context).
class EllipsoidalArea {
public:
    // working_crs: any PROJ-understood definition (EPSG:4522, WKT, ...). Throws AuditError.
    explicit EllipsoidalArea(const std::string& working_crs);
    ~EllipsoidalArea();
    EllipsoidalArea(const EllipsoidalArea&) = delete;
    EllipsoidalArea& operator=(const EllipsoidalArea&) = delete;

    // m² of a (multi)polygon: shells minus holes. NaN when a vertex cannot be transformed.
    double area_m2(GeosContext& ctx, const GEOSGeometry* g);

private:
    double ring_area(GeosContext& ctx, const GEOSGeometry* ring);
    double polygon_area(GeosContext& ctx, const GEOSGeometry* polygon);
    PJ_CONTEXT* m_ctx = nullptr;
    PJ* m_to_geographic = nullptr;
};

}  // namespace landaudit
