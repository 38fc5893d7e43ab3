// How parcels are built on, from the buildings layer: footprint and floor area per parcel, the
// standard-factory footprints per park, and the measures of one parcel (attributes first).
#pragma once

#include <memory>

#include <optional>
#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "engine/intensity/intensity_types.h"
#include "layers/building_store.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"

namespace landaudit {

// Storey height above which a storey counts double in floor area for FAR (land-rules §6).
inline constexpr double kDoubleStoreyHeightM = 8.0;

// What the buildings layer puts on one parcel.
struct BuildingShare {
    double footprint_m2 = 0;    // Σ area(building ∩ parcel)
    double floor_area_m2 = 0;   // Σ area(building ∩ parcel) × counted floors; meaningless when !floors_known
    bool floors_known = true;   // false: a building on the parcel has neither floors nor height
};

// Floors a building counts for FAR: floors, doubled when the storey height (height ÷ floors)
// exceeds 8 m; with a height but no floors, one storey (doubled above 8 m). nullopt when the
// building has neither (or only values ≤ 0, which are not data).
std::optional<double> counted_floors(const Building& building);

// Adds `buildings` (geometries clean, working CRS) to `store` in order, each with its box; the
// caller seals the store.
void add_buildings(GeosContext& ctx, BuildingStore& store, const std::vector<Building>& buildings);

// Per parcel (parallel to `parcels`; geometries valid, working CRS): a building crossing a
// parcel boundary is split by it, each parcel getting area(building ∩ parcel). A building with
// neither floors nor height still counts in the footprint, but makes the floor area of each
// parcel it stands on unknown, with one diagnostic per building (role "buildings", problem
// "missing_floors", action reported). Overlapping buildings are summed as delivered.
std::vector<BuildingShare> building_shares(const std::vector<Parcel>& parcels, const std::vector<Building>& buildings,
                                           Diagnostics& diag);

// The same, a chunk of parcels at a time, over a sealed store: each chunk reads only the buildings
// near its parcels and parses them for that chunk alone, so that memory follows the chunk, not the
// layer. A floorless building's diagnostic names every parcel it stands on, so it is reported
// once, after the last chunk; until then the pass keeps the floorless buildings met, only those.
class BuildingSharePass {
public:
    explicit BuildingSharePass(BuildingStore& store);  // sealed; must outlive the pass
    ~BuildingSharePass();
    BuildingSharePass(const BuildingSharePass&) = delete;
    BuildingSharePass& operator=(const BuildingSharePass&) = delete;
    std::vector<BuildingShare> shares(const std::vector<Parcel>& parcels, Diagnostics& diag);
    void report_missing_floors(Diagnostics& diag) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Standard-factory (标准厂房) footprints of one park, for multi_pct.
struct FactoryFootprint {
    double all_m2 = 0;      // standard factories with known floors
    double multi_m2 = 0;    // of those, with floors ≥ 2
    double unknown_m2 = 0;  // standard factories without floors: in neither figure
};

// Per park index: the whole footprint of each building whose kind is one of `standard_kinds`
// (compared exactly, surrounding spaces ignored) goes to the park holding most of it (ties to
// the park listed first); buildings outside every park are ignored. A building without floors
// cannot be called single- or multi-storey, so it counts in `unknown_m2` only.
std::vector<FactoryFootprint> standard_factory_footprints(GeosContext& ctx, const std::vector<Park>& parks,
                                                          BuildingStore& buildings,
                                                          const std::vector<std::string>& standard_kinds);
std::vector<FactoryFootprint> standard_factory_footprints(GeosContext& ctx, const std::vector<Park>& parks,
                                                          const std::vector<Building>& buildings,
                                                          const std::vector<std::string>& standard_kinds);

// The measures of one parcel of planar area `area_m2`. Floor area and footprint come from the
// parcel's attributes (ParcelUse) when present (source "attribute"), else from `share` when a
// buildings layer was given (source "buildings"; floor area only when share->floors_known),
// else they stay unknown (source ""). Yard and admin areas come from attributes only.
ParcelMeasures parcel_measures(const Parcel& parcel, double area_m2, const BuildingShare* share);

}  // namespace landaudit
