// The buildings spilled to SQLite come back as the in-memory store gives them: the same buildings
// near any boxes, field for field, in layer order; the same shares per parcel chunk; and the
// temporary file lives only as long as the store.
#include "io/spill/building_spill.h"

#include <gtest/gtest.h>

#include <random>

#include "engine/intensity/building_measures.h"
#include "engine/intensity/memory_building_store.h"
#include "engine/wkt_fixture.h"
#include "layers/error.h"
#include "tests/io/spill/spill_folder_test_base.h"

namespace landaudit {
namespace {

// A CGCS2000 3° zone coordinate with its zone prefix: a single-precision float is 4 m apart here.
constexpr double X = 34500000.0;
constexpr double Y = 2760000.0;

Building building(long long fid, double x, double y, double w, double h, std::optional<double> floors) {
    Building b;
    b.fid = fid;
    b.id = fid % 7 == 0 ? "宗地-" + std::to_string(fid) : "B" + std::to_string(fid);
    b.floors = floors;
    b.height_m = fid % 3 == 0 ? std::optional<double>(4.5 * (fid % 5)) : std::nullopt;
    b.kind = fid % 2 ? "标准厂房" : "";
    b.geometry = testing::wkb(testing::rect(X + x, Y + y, X + x + w, Y + y + h));
    return b;
}

struct Seen {
    std::size_t seq;
    Building b;
};

std::vector<Seen> near(BuildingStore& store, const std::vector<BoundingBox>& boxes) {
    std::vector<Seen> out;
    store.for_each_near(boxes, [&](std::size_t seq, const Building& b) { out.push_back({seq, b}); });
    return out;
}

void expect_same(const std::vector<Seen>& got, const std::vector<Seen>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].seq, want[i].seq) << i;
        EXPECT_EQ(got[i].b.fid, want[i].b.fid) << i;
        EXPECT_EQ(got[i].b.id, want[i].b.id) << i;
        EXPECT_EQ(got[i].b.floors, want[i].b.floors) << i;
        EXPECT_EQ(got[i].b.height_m, want[i].b.height_m) << i;
        EXPECT_EQ(got[i].b.kind, want[i].b.kind) << i;
        EXPECT_EQ(got[i].b.geometry.bytes, want[i].b.geometry.bytes) << i;
    }
}

using BuildingSpillTest = SpillFolderTest;

// Buildings on a 10 m grid: a box picks exactly those it meets, touching included, in layer order.
TEST_F(BuildingSpillTest, FindsWhatEachBoxMeetsInLayerOrder) {
    GeosContext ctx;
    BuildingSpill spill(output);
    std::vector<Building> buildings;
    for (int row = 0; row < 10; ++row)
        for (int col = 0; col < 10; ++col) buildings.push_back(building(row * 10 + col, col * 20.0, row * 20.0, 10, 10, 2.0));
    add_buildings(ctx, spill, buildings);
    spill.seal();
    EXPECT_EQ(spill.size(), 100u);
    // (25..55, 25..45) meets columns 1–2 (20–30, 40–50) and rows 1–2: four buildings.
    const std::vector<Seen> four = near(spill, {{X + 25, Y + 25, X + 45, Y + 45}});
    ASSERT_EQ(four.size(), 4u);
    EXPECT_EQ(four[0].b.fid, 11);
    EXPECT_EQ(four[1].b.fid, 12);
    EXPECT_EQ(four[2].b.fid, 21);
    EXPECT_EQ(four[3].b.fid, 22);
    // Two boxes finding the same building: it comes once.
    const std::vector<Seen> once = near(spill, {{X + 41, Y + 41, X + 42, Y + 42}, {X + 45, Y + 45, X + 46, Y + 46}});
    ASSERT_EQ(once.size(), 1u);
    EXPECT_EQ(once[0].b.fid, 22);
    EXPECT_EQ(once[0].seq, 22u);
    EXPECT_TRUE(near(spill, {{X - 100, Y - 100, X - 50, Y - 50}}).empty());
}

// Random buildings and boxes: every building the memory store finds, the spill finds too, with
// the same fields; what the spill adds (its boxes are single precision, rounded outwards) lies
// within a few metres of a box. Each chunk's shares are equal, to the bit.
TEST_F(BuildingSpillTest, AgreesWithTheStoreInMemory) {
    std::mt19937 rng(20261207);
    std::uniform_real_distribution<double> pos(0.0, 5000.0), size(3.0, 60.0);
    GeosContext ctx;
    std::vector<Building> buildings;
    for (long long fid = 0; fid < 3000; ++fid)
        buildings.push_back(building(fid, pos(rng), pos(rng), size(rng), size(rng),
                                     fid % 11 ? std::optional<double>(1.0 + fid % 6) : std::nullopt));
    BuildingSpill spill(output);
    MemoryBuildingStore memory;
    add_buildings(ctx, spill, buildings);
    add_buildings(ctx, memory, buildings);
    spill.seal();
    memory.seal();
    for (int round = 0; round < 50; ++round) {
        std::vector<BoundingBox> boxes;
        for (int k = 0; k < 1 + round % 5; ++k) {
            const double x = pos(rng), y = pos(rng);
            boxes.push_back({X + x, Y + y, X + x + size(rng) * 3, Y + y + size(rng) * 3});
        }
        const std::vector<Seen> want = near(memory, boxes);
        std::vector<Seen> got = near(spill, boxes);
        std::vector<Seen> exact;
        for (Seen& s : got) {
            GeomPtr g = from_wkb(ctx, s.b.geometry);
            const Envelope e = envelope_of(ctx, g.get());
            const BoundingBox box{e.minx, e.miny, e.maxx, e.maxy};
            const bool meets = std::any_of(boxes.begin(), boxes.end(), [&](const BoundingBox& q) { return q.meets(box); });
            const BoundingBox grown{box.minx - 8, box.miny - 8, box.maxx + 8, box.maxy + 8};
            EXPECT_TRUE(meets || std::any_of(boxes.begin(), boxes.end(), [&](const BoundingBox& q) { return q.meets(grown); }))
                << "building " << s.b.fid << " is far from every box";
            if (meets) exact.push_back(std::move(s));
        }
        expect_same(exact, want);
    }
    std::vector<Seen> all;
    spill.for_each([&](std::size_t seq, const Building& b) { all.push_back({seq, b}); });
    std::vector<Seen> all_memory;
    memory.for_each([&](std::size_t seq, const Building& b) { all_memory.push_back({seq, b}); });
    expect_same(all, all_memory);

    // 100 m parcels over the area, in chunks of 250: the shares from either store are identical.
    std::vector<Parcel> parcels;
    for (int row = 0; row < 50; ++row)
        for (int col = 0; col < 50; ++col) {
            Parcel p;
            p.fid = row * 50 + col;
            p.id = "P" + std::to_string(p.fid);
            p.geometry = testing::wkb(testing::square(X + col * 100.0, Y + row * 100.0, 100));
            parcels.push_back(std::move(p));
        }
    BuildingSharePass from_spill(spill), from_memory(memory);
    Diagnostics spill_diag, memory_diag;
    for (std::size_t first = 0; first < parcels.size(); first += 250) {
        const std::vector<Parcel> chunk(parcels.begin() + first, parcels.begin() + first + 250);
        const std::vector<BuildingShare> a = from_spill.shares(chunk, spill_diag);
        const std::vector<BuildingShare> b = from_memory.shares(chunk, memory_diag);
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].footprint_m2, b[i].footprint_m2) << chunk[i].id;
            EXPECT_EQ(a[i].floor_area_m2, b[i].floor_area_m2) << chunk[i].id;
            EXPECT_EQ(a[i].floors_known, b[i].floors_known) << chunk[i].id;
        }
    }
    from_spill.report_missing_floors(spill_diag);
    from_memory.report_missing_floors(memory_diag);
    ASSERT_EQ(spill_diag.items().size(), memory_diag.items().size());
    EXPECT_GT(spill_diag.items().size(), 100u);  // one floorless building in 11
    for (std::size_t i = 0; i < spill_diag.items().size(); ++i)
        EXPECT_EQ(spill_diag.items()[i].detail, memory_diag.items()[i].detail) << i;
}

TEST_F(BuildingSpillTest, TheFileLivesAsLongAsTheStore) {
    std::string path;
    {
        BuildingSpill spill(output);
        path = spill.path();
        EXPECT_TRUE(std::filesystem::exists(path));
        EXPECT_EQ(std::filesystem::path(path).parent_path(), dir);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_EQ(files_in_dir(), 0u);
}

TEST_F(BuildingSpillTest, RefusesReadsBeforeSealAndAddsAfter) {
    BuildingSpill spill(output);
    EXPECT_THROW(spill.for_each([](std::size_t, const Building&) {}), AuditError);
    spill.seal();
    EXPECT_THROW(spill.add(building(1, 0, 0, 10, 10, 1.0), {X, Y, X + 10, Y + 10}), AuditError);
}

}  // namespace
}  // namespace landaudit
