// Building footprints and floor areas per parcel, and standard-factory footprints per park.
#include "engine/intensity/building_measures.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"
#include "engine/compliance/park_assignment.h"
#include "engine/intensity/memory_building_store.h"

namespace landaudit {

namespace {

std::string trimmed(const std::string& s) {
    const char* space = " \t\r\n";
    auto b = s.find_first_not_of(space);
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(space);
    return s.substr(b, e - b + 1);
}

// A query box per cell of kCellM metres (the union of the boxes of the parcels whose box centre
// falls in it), so that a chunk of 20 000 parcels asks the store a few hundred times, not once per
// parcel. The store's answer is a superset; the chunk's own index picks each parcel's buildings.
constexpr double kCellM = 250.0;

std::vector<BoundingBox> query_boxes(const std::vector<Envelope>& parcels) {
    std::map<std::pair<long long, long long>, BoundingBox> cells;
    for (const Envelope& e : parcels) {
        if (e.minx > e.maxx) continue;  // a parcel without geometry meets nothing
        const std::pair<long long, long long> cell{static_cast<long long>(std::floor((e.minx + e.maxx) / 2 / kCellM)),
                                                   static_cast<long long>(std::floor((e.miny + e.maxy) / 2 / kCellM))};
        auto [it, fresh] = cells.try_emplace(cell, BoundingBox{e.minx, e.miny, e.maxx, e.maxy});
        if (fresh) continue;
        BoundingBox& box = it->second;
        box = {std::min(box.minx, e.minx), std::min(box.miny, e.miny), std::max(box.maxx, e.maxx),
               std::max(box.maxy, e.maxy)};
    }
    std::vector<BoundingBox> out;
    out.reserve(cells.size());
    for (const auto& [cell, box] : cells) out.push_back(box);
    return out;
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

void add_buildings(GeosContext& ctx, BuildingStore& store, const std::vector<Building>& buildings) {
    for (const Building& b : buildings) {
        GeomPtr g = from_wkb(ctx, b.geometry);
        // Hygiene left no unparseable geometry; an inverted box never meets a query.
        const Envelope e = g ? envelope_of(ctx, g.get()) : Envelope{1, 1, -1, -1};
        store.add(b, {e.minx, e.miny, e.maxx, e.maxy});
    }
}

struct BuildingSharePass::State {
    explicit State(BuildingStore& store) : store(store) {}
    BuildingStore& store;
    GeosContext ctx;
    struct Floorless {
        long long fid = -1;
        std::string id;
        std::vector<std::string> parcels;  // the parcels it stands on, in the order met
    };
    std::map<std::size_t, Floorless> floorless;  // by the building's place in the layer
};

BuildingSharePass::BuildingSharePass(BuildingStore& store) : m_state(std::make_unique<State>(store)) {}

BuildingSharePass::~BuildingSharePass() = default;

std::vector<BuildingShare> BuildingSharePass::shares(const std::vector<Parcel>& parcels, Diagnostics& diag) {
    State& st = *m_state;
    GeosContext& ctx = st.ctx;
    std::vector<BuildingShare> shares(parcels.size());
    if (st.store.size() == 0) return shares;
    std::vector<GeomPtr> geometries;
    std::vector<Envelope> boxes(parcels.size(), Envelope{1, 1, -1, -1});
    geometries.reserve(parcels.size());
    for (std::size_t p = 0; p < parcels.size(); ++p) {
        geometries.push_back(from_wkb(ctx, parcels[p].geometry));
        if (geometries.back()) boxes[p] = envelope_of(ctx, geometries.back().get());
    }
    // The buildings near this chunk, in layer order, parsed for this chunk only.
    std::vector<Building> near;
    std::vector<std::size_t> seqs;
    st.store.for_each_near(query_boxes(boxes), [&](std::size_t seq, const Building& b) {
        near.push_back(b);
        seqs.push_back(seq);
    });
    if (near.empty()) return shares;
    std::vector<const WkbGeometry*> refs;
    refs.reserve(near.size());
    for (const Building& b : near) refs.push_back(&b.geometry);
    const IndexedLayer layer(ctx, std::move(refs));
    LayerView view(ctx, layer);
    std::vector<std::optional<double>> floors(near.size());
    for (std::size_t i = 0; i < near.size(); ++i) floors[i] = counted_floors(near[i]);
    std::vector<double> whole_area(near.size(), -1.0);  // computed when first needed

    for (std::size_t p = 0; p < parcels.size(); ++p) {
        const GEOSGeometry* parcel = geometries[p].get();
        if (!parcel) continue;
        PreparedPtr prepared(GEOSPrepare_r(ctx.handle(), parcel), PreparedDeleter{ctx.handle()});
        if (!prepared) continue;
        BuildingShare& share = shares[p];
        for (std::size_t i : view.candidates(boxes[p])) {
            const GEOSGeometry* building = view.geometry(i);
            if (!building || GEOSPreparedIntersects_r(ctx.handle(), prepared.get(), building) != 1) continue;
            double inside = 0.0;
            if (GEOSPreparedContains_r(ctx.handle(), prepared.get(), building) == 1) {
                if (whole_area[i] < 0.0) whole_area[i] = planar_area(ctx, building);
                inside = whole_area[i];
            } else {
                std::string note;
                GeomPtr part = polygon_intersection(ctx, parcel, building, note);
                if (!note.empty())
                    diag.add({"buildings", "", near[i].fid, near[i].id, "overlay_fallback",
                              DiagnosticAction::Reported, "with parcel " + parcels[p].id + ": " + note});
                inside = planar_area(ctx, part.get());
            }
            if (inside <= 0.0) continue;  // touching along an edge only
            share.footprint_m2 += inside;
            if (floors[i]) {
                share.floor_area_m2 += inside * *floors[i];
            } else {
                share.floors_known = false;
                State::Floorless& f = st.floorless[seqs[i]];
                f.fid = near[i].fid;
                f.id = near[i].id;
                f.parcels.push_back(parcels[p].id);
            }
        }
    }
    return shares;
}

void BuildingSharePass::report_missing_floors(Diagnostics& diag) const {
    for (const auto& [seq, f] : m_state->floorless) {
        std::string list;
        for (const auto& id : f.parcels) list += (list.empty() ? "" : ", ") + id;
        diag.add({"buildings", "", f.fid, f.id, "missing_floors", DiagnosticAction::Reported,
                  "building has neither floors nor height: its footprint counts, but the floor area (and FAR) of "
                  "parcel(s) " + list + " is unknown"});
    }
}

std::vector<BuildingShare> building_shares(const std::vector<Parcel>& parcels, const std::vector<Building>& buildings,
                                           Diagnostics& diag) {
    if (buildings.empty()) return std::vector<BuildingShare>(parcels.size());
    GeosContext ctx;
    MemoryBuildingStore store;
    add_buildings(ctx, store, buildings);
    store.seal();
    BuildingSharePass pass(store);
    std::vector<BuildingShare> shares = pass.shares(parcels, diag);
    pass.report_missing_floors(diag);
    return shares;
}

std::vector<FactoryFootprint> standard_factory_footprints(GeosContext& ctx, const std::vector<Park>& parks,
                                                          const std::vector<Building>& buildings,
                                                          const std::vector<std::string>& standard_kinds) {
    MemoryBuildingStore store;
    add_buildings(ctx, store, buildings);
    store.seal();
    return standard_factory_footprints(ctx, parks, store, standard_kinds);
}

std::vector<FactoryFootprint> standard_factory_footprints(GeosContext& ctx, const std::vector<Park>& parks,
                                                          BuildingStore& buildings,
                                                          const std::vector<std::string>& standard_kinds) {
    std::vector<FactoryFootprint> out(parks.size());
    if (parks.empty() || standard_kinds.empty()) return out;
    std::vector<std::string> kinds;
    for (const auto& k : standard_kinds) kinds.push_back(trimmed(k));

    std::vector<const WkbGeometry*> refs;
    for (const auto& p : parks) refs.push_back(&p.geometry);
    IndexedLayer park_layer(ctx, std::move(refs));
    LayerView park_view(ctx, park_layer);

    buildings.for_each([&](std::size_t, const Building& b) {
        if (std::find(kinds.begin(), kinds.end(), trimmed(b.kind)) == kinds.end()) return;
        GeomPtr g = from_wkb(ctx, b.geometry);
        if (!g) return;
        std::string note;  // a fallback overlay only decides which park; the area is the building's own
        ParkAssignment a = assign_park(ctx, g.get(), park_view, note);
        if (a.park_index < 0) return;
        FactoryFootprint& f = out[static_cast<std::size_t>(a.park_index)];
        const double area = planar_area(ctx, g.get());
        if (b.floors && *b.floors > 0.0) {
            f.all_m2 += area;
            if (*b.floors >= 2.0) f.multi_m2 += area;
        } else {
            f.unknown_m2 += area;
        }
    });
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
