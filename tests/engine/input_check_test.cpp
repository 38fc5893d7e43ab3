// `check` reads the parcels a chunk at a time: what it finds must not depend on the chunk size.
#include "engine/input_check.h"

#include <gtest/gtest.h>

#include "engine/wkt_fixture.h"
#include "layers/error.h"

namespace landaudit {
namespace {

using testing::rect;
using testing::wkb;

Parcel parcel(long long fid, const std::string& id, const std::string& wkt) {
    Parcel p;
    p.fid = fid;
    p.id = id;
    p.geometry = wkb(wkt);
    return p;
}

AuditInputs inputs_with(std::vector<Parcel> parcels) {
    AuditInputs in;
    Park park;
    park.fid = 1;
    park.id = "P1";
    park.geometry = wkb(rect(0, 0, 1000, 1000));
    in.parks.push_back(park);
    in.parcels = std::move(parcels);
    return in;
}

std::vector<Parcel> mixed_parcels() {
    std::vector<Parcel> out{parcel(1, "A", rect(0, 0, 100, 100)),
                            parcel(2, "B", "POLYGON((0 0,10 10,10 0,0 10,0 0))"),  // bow-tie: repaired
                            parcel(3, "C", "POINT(5 5)"),                          // not a polygon: skipped
                            parcel(4, "D", rect(100, 0, 200, 100)), parcel(5, "E", rect(200, 0, 300, 100))};
    out[3].idle.mapped = true;
    out[3].idle.supply_date = "not a date";
    return out;
}

std::vector<std::string> problems(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(item.role + " " + std::to_string(item.fid) + " " + item.problem);
    return out;
}

TEST(InputCheck, FindsTheSameWhateverTheChunk) {
    AuditConfig config;
    config.as_of = "2026-06-30";
    config.invalid_geometry = InvalidGeometryPolicy::Repair;
    std::vector<std::vector<std::string>> found;
    for (std::size_t chunk : {1u, 2u, 1000u}) {
        config.chunk_parcels = chunk;
        AuditInputs in = inputs_with(mixed_parcels());
        EXPECT_EQ(check_inputs(in, config, {}), 4u) << "chunk " << chunk;  // C skipped
        EXPECT_EQ(in.provenance[LayerRole::Parcels].features_read, 5u);
        found.push_back(problems(in.diagnostics));
    }
    const std::vector<std::string> expected{"parcels 2 invalid_geometry", "parcels 3 not_polygon",
                                            "parcels 4 unreadable_date"};
    EXPECT_EQ(found[0], expected);
    EXPECT_EQ(found[1], expected);
    EXPECT_EQ(found[2], expected);
}

TEST(InputCheck, NoDatesCheckedWithoutAsOf) {
    AuditConfig config;  // no [audit] as_of: idle land is not evaluated, its dates are not read
    AuditInputs in = inputs_with(mixed_parcels());
    check_inputs(in, config, {});
    for (const auto& p : problems(in.diagnostics)) EXPECT_EQ(p.find("unreadable_date"), std::string::npos) << p;
}

TEST(InputCheck, NoUsableParcelIsAnError) {
    AuditConfig config;
    AuditInputs in = inputs_with({parcel(1, "A", "POINT(1 1)"), parcel(2, "B", "LINESTRING(0 0,1 1)")});
    in.provenance[LayerRole::Parcels].label = "parcels.gpkg";
    try {
        check_inputs(in, config, {});
        FAIL() << "expected an error";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find("none of its 2 features has a usable geometry"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace landaudit
