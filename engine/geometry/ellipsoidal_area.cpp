// Geodesic polygon area via PROJ's geodesic library.
#include "engine/geometry/ellipsoidal_area.h"

#include <geodesic.h>

#include <cmath>
#include <limits>
#include <vector>

#include "layers/error.h"

namespace landaudit {

namespace {
constexpr double kCgcs2000A = 6378137.0;
constexpr double kCgcs2000F = 1.0 / 298.257222101;
}  // namespace

EllipsoidalArea::EllipsoidalArea(const std::string& working_crs) : m_ctx(proj_context_create()) {
    PJ* p = proj_create_crs_to_crs(m_ctx, working_crs.c_str(), "EPSG:4490", nullptr);
    if (p) {
        m_to_geographic = proj_normalize_for_visualization(m_ctx, p);  // lon, lat order
        proj_destroy(p);
    }
    if (!m_to_geographic) {
        std::string why = proj_context_errno_string(m_ctx, proj_context_errno(m_ctx));
        proj_context_destroy(m_ctx);
        throw AuditError(AuditError::Kind::Config,
                         "cannot transform the working CRS '" + working_crs + "' to CGCS2000 (EPSG:4490): " + why,
                         "set [audit] crs to a projected CGCS2000 CRS such as EPSG:4522");
    }
}

EllipsoidalArea::~EllipsoidalArea() {
    proj_destroy(m_to_geographic);
    proj_context_destroy(m_ctx);
}

double EllipsoidalArea::ring_area(GeosContext& ctx, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), ring);
    unsigned int n = 0;
    GEOSCoordSeq_getSize_r(ctx.handle(), seq, &n);
    if (n < 4) return 0.0;
    std::vector<double> x(n), y(n);
    for (unsigned int i = 0; i < n; ++i) {
        GEOSCoordSeq_getX_r(ctx.handle(), seq, i, &x[i]);
        GEOSCoordSeq_getY_r(ctx.handle(), seq, i, &y[i]);
    }
    proj_trans_generic(m_to_geographic, PJ_FWD, x.data(), sizeof(double), n, y.data(), sizeof(double), n,
                       nullptr, 0, 0, nullptr, 0, 0);
    for (unsigned int i = 0; i < n; ++i)
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL)
            return std::numeric_limits<double>::quiet_NaN();
    geod_geodesic geod;
    geod_init(&geod, kCgcs2000A, kCgcs2000F);
    double area = 0.0, perimeter = 0.0;
    // The closing vertex repeats the first; geod_polygonarea closes rings itself.
    geod_polygonarea(&geod, y.data(), x.data(), static_cast<int>(n - 1), &area, &perimeter);
    return std::fabs(area);
}

double EllipsoidalArea::polygon_area(GeosContext& ctx, const GEOSGeometry* polygon) {
    if (GEOSisEmpty_r(ctx.handle(), polygon)) return 0.0;
    double area = ring_area(ctx, GEOSGetExteriorRing_r(ctx.handle(), polygon));
    int holes = GEOSGetNumInteriorRings_r(ctx.handle(), polygon);
    for (int i = 0; i < holes; ++i) area -= ring_area(ctx, GEOSGetInteriorRingN_r(ctx.handle(), polygon, i));
    return area;
}

double EllipsoidalArea::area_m2(GeosContext& ctx, const GEOSGeometry* g) {
    int type = GEOSGeomTypeId_r(ctx.handle(), g);
    if (type == GEOS_POLYGON) return polygon_area(ctx, g);
    double total = 0.0;
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(ctx.handle(), g);
        for (int i = 0; i < n; ++i) total += area_m2(ctx, GEOSGetGeometryN_r(ctx.handle(), g, i));
    }
    return total;
}

}  // namespace landaudit
