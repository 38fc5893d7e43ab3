// Building footprints and floor areas per parcel, and standard-factory footprints per park.
#include "engine/intensity/building_measures.h"

#include <algorithm>

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"
#include "engine/compliance/park_assignment.h"

namespace landaudit {

namespace {

std::string trimmed(const std::string& s) {
    const char* space = " \t\r\n";
    auto b = s.find_first_not_of(space);
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(space);
    return s.substr(b, e - b + 1);
}

IndexedLayer index_buildings(GeosContext& ctx, const std::vector<Building>& buildings) {
    std::vector<const WkbGeometry*> refs;
    refs.reserve(buildings.size());
    for (const auto& b : buildings) refs.push_back(&b.geometry);
    return IndexedLayer(ctx, std::move(refs));
}

}  // namespace

std::optional<double> counted_floors(const Building& building) {
    const bool has_floors = building.floors && *building.floors > 0.0;
    const bool has_height = building.height_m && *building.height_m > 0.0;
    if (has_floors) {
        double floors = *building.floors;
        if (has_height && *building.height_m / floors > kDoubleStoreyHeightM) floors *= 2.0;
        return floors;
    }
    if (has_height) return *building.height_m > kDoubleStoreyHeightM ? 2.0 : 1.0;
    return std::nullopt;
}

struct BuildingSharePass::State {
    State(const std::vector<Building>& buildings)
        : buildings(buildings), layer(index_buildings(ctx, buildings)), floors(buildings.size()),
          whole_area(buildings.size(), -1.0), unknown_on(buildings.size()) {
        for (std::size_t i = 0; i < buildings.size(); ++i) floors[i] = counted_floors(buildings[i]);
    }
    const std::vector<Building>& buildings;
    GeosContext ctx;
    IndexedLayer layer;  // envelopes only: the GEOS copies live per chunk (shares())
    std::vector<std::optional<double>> floors;
    std::vector<double> whole_area;                    // lazily computed
    std::vector<std::vector<std::string>> unknown_on;  // parcels a floorless building is on
};

BuildingSharePass::BuildingSharePass(const std::vector<Building>& buildings)
    : m_state(std::make_unique<State>(buildings)) {}

BuildingSharePass::~BuildingSharePass() = default;

std::vector<BuildingShare> BuildingSharePass::shares(const std::vector<Parcel>& parcels, Diagnostics& diag) {
    State& st = *m_state;
    GeosContext& ctx = st.ctx;
    std::vector<BuildingShare> shares(parcels.size());
    if (st.buildings.empty()) return shares;
    // Parsed for this chunk only: kept for the run, every building a chunk touched stayed in GEOS.
    LayerView view(ctx, st.layer);
    for (std::size_t p = 0; p < parcels.size(); ++p) {
        GeomPtr parcel = from_wkb(ctx, parcels[p].geometry);
        if (!parcel) continue;
        PreparedPtr prepared(GEOSPrepare_r(ctx.handle(), parcel.get()), PreparedDeleter{ctx.handle()});
        if (!prepared) continue;
        BuildingShare& share = shares[p];
        for (std::size_t i : view.candidates(envelope_of(ctx, parcel.get()))) {
            const GEOSGeometry* building = view.geometry(i);
            if (!building || GEOSPreparedIntersects_r(ctx.handle(), prepared.get(), building) != 1) continue;
            double inside = 0.0;
            if (GEOSPreparedContains_r(ctx.handle(), prepared.get(), building) == 1) {
                if (st.whole_area[i] < 0.0) st.whole_area[i] = planar_area(ctx, building);
                inside = st.whole_area[i];
            } else {
                std::string note;
                GeomPtr part = polygon_intersection(ctx, parcel.get(), building, note);
                if (!note.empty())
                    diag.add({"buildings", "", st.buildings[i].fid, st.buildings[i].id, "overlay_fallback",
                              DiagnosticAction::Reported, "with parcel " + parcels[p].id + ": " + note});
                inside = planar_area(ctx, part.get());
            }
            if (inside <= 0.0) continue;  // touching along an edge only
            share.footprint_m2 += inside;
            if (st.floors[i]) {
                share.floor_area_m2 += inside * *st.floors[i];
            } else {
                share.floors_known = false;
                st.unknown_on[i].push_back(parcels[p].id);
            }
        }
    }
    return shares;
}

void BuildingSharePass::report_missing_floors(Diagnostics& diag) const {
    const State& st = *m_state;
    for (std::size_t i = 0; i < st.buildings.size(); ++i) {
        if (st.unknown_on[i].empty()) continue;
        std::string list;
        for (const auto& id : st.unknown_on[i]) list += (list.empty() ? "" : ", ") + id;
        diag.add({"buildings", "", st.buildings[i].fid, st.buildings[i].id, "missing_floors", DiagnosticAction::Reported,
                  "building has neither floors nor height: its footprint counts, but the floor area (and FAR) of "
                  "parcel(s) " + list + " is unknown"});
    }
}

std::vector<BuildingShare> building_shares(const std::vector<Parcel>& parcels, const std::vector<Building>& buildings,
                                           Diagnostics& diag) {
    if (buildings.empty()) return std::vector<BuildingShare>(parcels.size());
    BuildingSharePass pass(buildings);
    std::vector<BuildingShare> shares = pass.shares(parcels, diag);
    pass.report_missing_floors(diag);
    return shares;
}

std::vector<FactoryFootprint> standard_factory_footprints(GeosContext& ctx, const std::vector<Park>& parks,
                                                          const std::vector<Building>& buildings,
                                                          const std::vector<std::string>& standard_kinds) {
    std::vector<FactoryFootprint> out(parks.size());
    if (parks.empty() || standard_kinds.empty()) return out;
    std::vector<std::string> kinds;
    for (const auto& k : standard_kinds) kinds.push_back(trimmed(k));

    std::vector<const WkbGeometry*> refs;
    for (const auto& p : parks) refs.push_back(&p.geometry);
    IndexedLayer park_layer(ctx, std::move(refs));
    LayerView park_view(ctx, park_layer);

    for (const auto& b : buildings) {
        if (std::find(kinds.begin(), kinds.end(), trimmed(b.kind)) == kinds.end()) continue;
        GeomPtr g = from_wkb(ctx, b.geometry);
        if (!g) continue;
        std::string note;  // a fallback overlay only decides which park; the area is the building's own
        ParkAssignment a = assign_park(ctx, g.get(), park_view, note);
        if (a.park_index < 0) continue;
        FactoryFootprint& f = out[static_cast<std::size_t>(a.park_index)];
        const double area = planar_area(ctx, g.get());
        if (b.floors && *b.floors > 0.0) {
            f.all_m2 += area;
            if (*b.floors >= 2.0) f.multi_m2 += area;
        } else {
            f.unknown_m2 += area;
        }
    }
    return out;
}

ParcelMeasures parcel_measures(const Parcel& parcel, double area_m2, const BuildingShare* share) {
    ParcelMeasures m;
    m.area_m2 = area_m2;
    const ParcelUse& use = parcel.use;
    if (use.floor_area_m2) {
        m.floor_area_m2 = use.floor_area_m2;
        m.floor_area_source = "attribute";
    } else if (share && share->floors_known) {
        m.floor_area_m2 = share->floor_area_m2;
        m.floor_area_source = "buildings";
    }
    if (use.footprint_m2) {
        m.footprint_m2 = use.footprint_m2;
        m.footprint_source = "attribute";
    } else if (share) {
        m.footprint_m2 = share->footprint_m2;
        m.footprint_source = "buildings";
    }
    m.yard_m2 = use.yard_m2;
    m.admin_m2 = use.admin_m2;
    return m;
}

}  // namespace landaudit
