// Validity checks and MakeValid repairs.
#include "engine/geometry/geometry_hygiene.h"

#include <cstdio>
#include <map>

#include "engine/geometry/geometry_ops.h"
#include "layers/error.h"

namespace landaudit {

namespace {

std::string format_m2(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f m²", v);
    return buf;
}

std::string validity_reason(GeosContext& ctx, const GEOSGeometry* g) {
    char* reason = GEOSisValidReason_r(ctx.handle(), g);
    std::string r = reason ? reason : "invalid";
    if (reason) GEOSFree_r(ctx.handle(), reason);
    return r;
}

// MakeValid with the structure method: rings are rebuilt as areas, so a self-intersecting
// boundary keeps the area it encloses; collapsed parts are dropped.
GeomPtr make_valid_structure(GeosContext& ctx, const GEOSGeometry* g) {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx.handle());
    GEOSMakeValidParams_setMethod_r(ctx.handle(), params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx.handle(), params, 0);
    GEOSGeometry* r = GEOSMakeValidWithParams_r(ctx.handle(), g, params);
    GEOSMakeValidParams_destroy_r(ctx.handle(), params);
    return own(ctx, r);
}

}  // namespace

HygieneOutcome check_geometry(GeosContext& ctx, const WkbGeometry& wkb, InvalidGeometryPolicy policy) {
    using S = HygieneOutcome::Status;
    HygieneOutcome o;
    if (wkb.is_null()) return {S::Skipped, "null_geometry", "feature has no geometry", {}};
    GeomPtr g = from_wkb(ctx, wkb);
    if (!g) return {S::Skipped, "unreadable_geometry", "geometry could not be parsed: " + ctx.take_error(), {}};
    if (GEOSisEmpty_r(ctx.handle(), g.get()))
        return {S::Skipped, "empty_geometry", "feature geometry is empty", {}};
    if (!is_polygonal(ctx, g.get())) {
        GeomPtr polys = polygonal_part(ctx, g.get());
        char* t = GEOSGeomType_r(ctx.handle(), g.get());
        std::string type = t ? t : "?";
        if (t) GEOSFree_r(ctx.handle(), t);
        if (GEOSisEmpty_r(ctx.handle(), polys.get()))
            return {S::Skipped, "not_polygon", "geometry is a " + type + ", not a polygon", {}};
        o = {S::Repaired, "mixed_geometry", type + " reduced to its polygons", {}};
        g = std::move(polys);
    }
    if (GEOSisValid_r(ctx.handle(), g.get()) == 1) {
        if (o.status == S::Repaired) o.repaired = to_wkb(ctx, g.get());
        return o;
    }
    std::string reason = validity_reason(ctx, g.get());
    if (policy == InvalidGeometryPolicy::Skip)
        return {S::Skipped, "invalid_geometry", reason + " (invalid_geometry = \"skip\")", {}};
    double before = planar_area(ctx, g.get());
    GeomPtr fixed = make_valid_structure(ctx, g.get());
    if (!fixed) return {S::Skipped, "invalid_geometry", reason + "; MakeValid failed: " + ctx.take_error(), {}};
    fixed = polygonal_part(ctx, fixed.get());
    if (GEOSisEmpty_r(ctx.handle(), fixed.get()))
        return {S::Skipped, "invalid_geometry", reason + "; nothing polygonal is left after MakeValid", {}};
    double after = planar_area(ctx, fixed.get());
    return {S::Repaired, "invalid_geometry",
            reason + "; repaired with MakeValid (structure), area " + format_m2(before) + " → " + format_m2(after),
            to_wkb(ctx, fixed.get())};
}

}  // namespace landaudit

namespace landaudit {

void clean_held_layers(AuditInputs& in, InvalidGeometryPolicy policy, const ProgressFn& progress) {
    GeosContext ctx;
    const double total = static_cast<double>(in.parks.size() + in.redline.size() + in.farmland.size() +
                                             in.approved.size() + in.supplied.size()) + 1.0;
    double done = 0;
    auto clean = [&](auto& features, LayerRole role) {
        if (progress) progress(done / total, "checking geometry: " + std::string(role_key(role)));
        auto it = in.provenance.find(role);
        const std::string label = it == in.provenance.end() ? std::string() : it->second.label;
        clean_features(ctx, features, role, label, policy, in.diagnostics);
        done += static_cast<double>(features.size());
    };
    clean(in.parks, LayerRole::Parks);
    clean(in.redline, LayerRole::Redline);
    clean(in.farmland, LayerRole::Farmland);
    clean(in.approved, LayerRole::Approved);
    clean(in.supplied, LayerRole::Supplied);
    if (auto it = in.provenance.find(LayerRole::Parks); it != in.provenance.end())
        require_usable_geometry(LayerRole::Parks, in.parks.size(), it->second.features_read, it->second.label,
                                in.diagnostics);
    if (progress) progress(1.0, "geometry checked");
}

void require_usable_geometry(LayerRole role, std::size_t kept, std::size_t features_read, const std::string& label,
                             const Diagnostics& diagnostics) {
    if (kept > 0 || features_read == 0) return;
    std::map<std::string, std::size_t> skipped;
    for (const auto& d : diagnostics.items())
        if (d.role == role_key(role) && d.action == DiagnosticAction::Skipped) ++skipped[d.problem];
    std::string why;
    for (const auto& [problem, n] : skipped) why += (why.empty() ? "" : ", ") + std::to_string(n) + " " + problem;
    throw AuditError(AuditError::Kind::Input,
                     "[" + std::string(role_key(role)) + "] " + label + ": none of its " + std::to_string(features_read) +
                         " features has a usable geometry" + (why.empty() ? "" : " (" + why + ")"),
                     "check the layer in QGIS: its geometries are null, empty, not polygons or unreadable");
}

}  // namespace landaudit
