// Taking the buildings in: streamed a chunk at a time or held whole, the store ends up with the
// same buildings and the diagnostics are the same, hygiene applied once.
#include "engine/intensity/building_intake.h"

#include <gtest/gtest.h>

#include "engine/intensity/intensity.h"
#include "engine/wkt_fixture.h"
#include "layers/error.h"

namespace landaudit {
namespace {

Building building(long long fid, const std::string& wkt) {
    Building b;
    b.fid = fid;
    b.id = "B" + std::to_string(fid);
    b.floors = 2.0;
    if (!wkt.empty()) b.geometry = testing::wkb(wkt);
    return b;
}

// Five buildings: a bow-tie (invalid, repaired), a null geometry (skipped), three squares.
std::vector<Building> five() {
    return {building(1, testing::square(100, 0, 10)),
            building(2, "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"),
            building(3, ""),
            building(4, testing::square(20, 0, 10)),
            building(5, testing::square(40, 0, 10))};
}

// Hands out `buildings` two at a time, as a reader of a layer would.
class TwoAtATime final : public BuildingSource {
public:
    explicit TwoAtATime(std::vector<Building> b) : m_buildings(std::move(b)) {}
    std::vector<Building> next(std::size_t, Diagnostics&) override {
        std::vector<Building> out;
        while (out.size() < 2 && m_next < m_buildings.size()) out.push_back(m_buildings[m_next++]);
        return out;
    }
    std::string label() const override { return "buildings.gpkg"; }
    std::size_t features_read() const override { return m_next; }
    std::size_t expected_count() const override { return m_buildings.size(); }

private:
    std::vector<Building> m_buildings;
    std::size_t m_next = 0;
};

std::vector<long long> stored_fids(BuildingStore& store) {
    std::vector<long long> fids;
    store.for_each([&](std::size_t, const Building& b) { fids.push_back(b.fid); });
    return fids;
}

TEST(BuildingIntake, StreamedAndHeldGiveTheSameStoreAndDiagnostics) {
    AuditInputs held;
    held.buildings = five();
    take_in_buildings(held, InvalidGeometryPolicy::Repair);
    AuditInputs streamed;
    streamed.building_source = std::make_shared<TwoAtATime>(five());
    streamed.provenance[LayerRole::Buildings].label = "buildings.gpkg";
    take_in_buildings(streamed, InvalidGeometryPolicy::Repair);

    for (AuditInputs* in : {&held, &streamed}) {
        ASSERT_TRUE(in->building_store);
        EXPECT_EQ(stored_fids(*in->building_store), (std::vector<long long>{1, 2, 4, 5}));
        EXPECT_TRUE(in->buildings.empty());
        EXPECT_FALSE(in->building_source);
        ASSERT_EQ(in->diagnostics.items().size(), 2u);
        EXPECT_EQ(in->diagnostics.items()[0].fid, 2);
        EXPECT_EQ(in->diagnostics.items()[0].action, DiagnosticAction::Repaired);
        EXPECT_EQ(in->diagnostics.items()[1].fid, 3);
        EXPECT_EQ(in->diagnostics.items()[1].action, DiagnosticAction::Skipped);
    }
    EXPECT_EQ(streamed.provenance[LayerRole::Buildings].features_read, 5u);
    // The repaired bow-tie is stored repaired: two triangles of 25 m² each, near (5, 5).
    std::size_t near_centre = 0;
    streamed.building_store->for_each_near({{4, 4, 6, 6}}, [&](std::size_t, const Building& b) {
        EXPECT_EQ(b.fid, 2);
        GeosContext ctx;
        EXPECT_DOUBLE_EQ(planar_area(ctx, from_wkb(ctx, b.geometry).get()), 50.0);
        ++near_centre;
    });
    EXPECT_EQ(near_centre, 1u);

    // A second call changes nothing; no buildings leave no store.
    take_in_buildings(streamed, InvalidGeometryPolicy::Repair);
    EXPECT_EQ(streamed.building_store->size(), 4u);
    AuditInputs none;
    take_in_buildings(none, InvalidGeometryPolicy::Repair);
    EXPECT_FALSE(none.building_store);
}

// On a thread of its own, the intake leaves the inputs' building fields empty until finish(),
// then gives what take_in_buildings gives; destroyed unfinished it stops and leaves no thread.
TEST(BuildingIntake, ConcurrentIntakeGivesTheSameStoreAndDiagnosticsAtFinish) {
    AuditInputs in;
    in.building_source = std::make_shared<TwoAtATime>(five());
    in.diagnostics.add({"parks", "parks.gpkg", 9, "Q", "earlier_note", DiagnosticAction::Reported, ""});
    BuildingIntake intake(in, InvalidGeometryPolicy::Repair, true);
    EXPECT_FALSE(in.building_source) << "held by the intake meanwhile";
    EXPECT_FALSE(in.building_store);
    intake.finish();
    intake.finish();  // a second call does nothing
    ASSERT_TRUE(in.building_store);
    EXPECT_EQ(stored_fids(*in.building_store), (std::vector<long long>{1, 2, 4, 5}));
    EXPECT_EQ(in.provenance[LayerRole::Buildings].features_read, 5u);
    ASSERT_EQ(in.diagnostics.items().size(), 3u);
    EXPECT_EQ(in.diagnostics.items()[0].problem, "earlier_note") << "the buildings' notes come after what was there";
    EXPECT_EQ(in.diagnostics.items()[1].fid, 2);
    EXPECT_EQ(in.diagnostics.items()[2].fid, 3);
    EXPECT_EQ(in.diagnostics.items()[1].source, "buildings.gpkg");

    for (int i = 0; i < 20; ++i) {
        AuditInputs unfinished;
        std::vector<Building> many;
        for (int k = 0; k < 2000; ++k) many.push_back(building(k + 1, testing::square(20.0 * k, 0, 10)));
        unfinished.building_source = std::make_shared<TwoAtATime>(many);
        BuildingIntake stopped(unfinished, InvalidGeometryPolicy::Repair, true);
    }
}

// Buildings left untaken would count as none: the intensity pass refuses them instead.
TEST(BuildingIntake, IntensityRefusesBuildingsNotTakenIn) {
    AuditInputs in;
    in.buildings = five();
    AuditConfig config;
    IntensityPass pass(in, config);
    EXPECT_THROW(pass.take_buildings(), AuditError);
    EXPECT_THROW(pass.assess({}, {}), AuditError) << "nor does it assess without them";
}

}  // namespace
}  // namespace landaudit
