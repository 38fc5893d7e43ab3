// What became of the earlier 批而未供 and idle land, with areas computed by hand from rectangles.
#include "engine/monitoring/disposal.h"

#include <gtest/gtest.h>

#include <map>

#include "monitoring_fixture.h"

namespace landaudit {
namespace {

using testing::Box;
using testing::layer;

std::map<std::string, double> by_outcome(const std::vector<DisposalPiece>& pieces, const std::string& source) {
    std::map<std::string, double> out;
    for (const auto& p : pieces)
        if (p.source_id == source) out[p.outcome] += p.area_m2;
    return out;
}

TEST(UnsuppliedDisposal, PartlySuppliedWithdrawnStillAndNoise) {
    GeosContext ctx;
    const std::vector<std::string> f{"batch_id", "park_id", "sliver", "bucket"};
    const OutputTable earlier = layer("unsupplied", f, {"sliver"},
                                      {{{0, 200, 100, 300}, {"B1", "K", "0", "≤2y"}},
                                       {{200, 200, 300, 300}, {"B2", "K", "0", "2–5y"}},
                                       {{250, 400, 251, 400.5}, {"B3", "K", "1", "≤2y"}},
                                       {{400, 200, 500, 300}, {"B4", "K", "0", ">5y"}},
                                       {{600, 200, 700, 300}, {"B5", "K", "0", "≤2y"}}});
    const OutputTable later = layer("unsupplied", f, {"sliver"},
                                    {{{0, 200, 100, 250}, {"B1", "K", "0", "≤2y"}},
                                     {{400, 200, 500, 300}, {"B4", "K", "0", ">5y"}},
                                     {{600, 200, 700, 299.995}, {"B5", "K", "0", "≤2y"}}});
    const OutputTable batches = layer("batches", {"batch_id"}, {},
                                      {{{0, 0, 1, 1}, {"B1"}}, {{0, 0, 1, 1}, {"B3"}}, {{0, 0, 1, 1}, {"B4"}},
                                       {{0, 0, 1, 1}, {"B5"}}});
    const TableReader b(batches);
    const auto pieces = unsupplied_disposal(ctx, TableReader(earlier), TableReader(later), &b, 1.0);
    // B1: 100 × 50 = 5 000 m² supplied since, the other half still unsupplied.
    EXPECT_EQ(by_outcome(pieces, "B1"), (std::map<std::string, double>{{"supplied", 5000.0}, {"still_unsupplied", 5000.0}}));
    // B2: the later audit has no such batch: the approval was withdrawn, all 10 000 m² disposed of.
    EXPECT_EQ(by_outcome(pieces, "B2"), (std::map<std::string, double>{{"withdrawn", 10000.0}}));
    EXPECT_TRUE(by_outcome(pieces, "B3").empty());  // a sliver is no stock
    EXPECT_EQ(by_outcome(pieces, "B4"), (std::map<std::string, double>{{"still_unsupplied", 10000.0}}));
    // B5: 100 × 0.005 = 0.5 m² "supplied" is boundary noise under min_overlap_m2 = 1: all still unsupplied.
    EXPECT_EQ(by_outcome(pieces, "B5"), (std::map<std::string, double>{{"still_unsupplied", 10000.0}}));
    for (const auto& p : pieces) {
        EXPECT_EQ(p.disposed, p.outcome == "supplied" || p.outcome == "withdrawn") << p.source_id;
        EXPECT_EQ(p.park_id, "K");
        EXPECT_FALSE(p.geometry.is_null());
        if (p.source_id == "B1" && p.outcome == "supplied") {  // the geometry is the supplied half
            GeomPtr g = from_wkb(ctx, p.geometry);
            EXPECT_NEAR(planar_area(ctx, g.get()), 5000.0, 1e-9);
            EXPECT_DOUBLE_EQ(envelope_of(ctx, g.get()).miny, 250.0);
        }
    }
}

TEST(UnsuppliedDisposal, WithoutBatchesLayerNothingIsWithdrawn) {
    GeosContext ctx;
    const std::vector<std::string> f{"batch_id", "park_id", "sliver"};
    const OutputTable earlier = layer("unsupplied", f, {"sliver"}, {{{0, 0, 100, 100}, {"B9", "K", "0"}}});
    const OutputTable later = layer("unsupplied", f, {"sliver"}, {});
    const auto pieces = unsupplied_disposal(ctx, TableReader(earlier), TableReader(later), nullptr, 1.0);
    EXPECT_EQ(by_outcome(pieces, "B9"), (std::map<std::string, double>{{"supplied", 10000.0}}));
}

TEST(IdleDisposal, StartedStillReclaimedUnknownAndSplit) {
    GeosContext ctx;
    const std::vector<std::string> f{"parcel_id", "park_id", "idle", "area_m2"};
    const OutputTable earlier = layer("parcels", f, {"area_m2"},
                                      {{{0, 0, 100, 100}, {"A", "K", "idle_1y", "10000"}},
                                       {{200, 0, 300, 100}, {"C", "K", "idle_2y", "10000"}},
                                       {{0, 500, 200, 600}, {"S", "K", "idle_2y", "20000"}},
                                       {{300, 500, 400, 600}, {"G", "K", "gov_delay", "10000"}},
                                       {{500, 500, 600, 600}, {"N", "K", "not_idle", "10000"}},
                                       {{700, 500, 800, 600}, {"U", "K", "idle_1y", "10000"}},
                                       {{900, 500, 1000, 600}, {"H", "K", "idle_1y", "10000"}}});
    const OutputTable later = layer("parcels", f, {"area_m2"},
                                    {{{0, 0, 100, 100}, {"A", "K", "not_idle", "10000"}},
                                     {{0, 500, 100, 600}, {"S1", "K", "idle_2y", "10000"}},
                                     {{100, 500, 200, 600}, {"S2", "K", "suspect", "10000"}},
                                     {{300, 500, 400, 600}, {"G", "K", "not_supplied", "10000"}},
                                     {{500, 500, 600, 600}, {"N", "K", "idle_1y", "10000"}},
                                     {{700, 500, 800, 600}, {"U", "K", "unknown", "10000"}},
                                     // H shrank to 60 % of itself under a new id: the rest was reclaimed
                                     {{900, 500, 960, 600}, {"H2", "K", "not_idle", "6000"}}});
    const TableReader e(earlier), l(later);
    const auto matches = match_parcels(ctx, e, l, 0.5);
    const auto pieces = idle_disposal(ctx, e, l, matches, 1.0);
    EXPECT_EQ(by_outcome(pieces, "A"), (std::map<std::string, double>{{"started", 10000.0}}));
    EXPECT_EQ(by_outcome(pieces, "C"), (std::map<std::string, double>{{"reclaimed", 10000.0}}));  // gone
    EXPECT_EQ(by_outcome(pieces, "S"), (std::map<std::string, double>{{"still_idle", 10000.0}, {"started", 10000.0}}));
    EXPECT_EQ(by_outcome(pieces, "G"), (std::map<std::string, double>{{"reclaimed", 10000.0}}));  // no longer supplied
    EXPECT_TRUE(by_outcome(pieces, "N").empty());  // was not idle: no stock
    EXPECT_EQ(by_outcome(pieces, "U"), (std::map<std::string, double>{{"unknown", 10000.0}}));
    EXPECT_EQ(by_outcome(pieces, "H"), (std::map<std::string, double>{{"started", 6000.0}, {"reclaimed", 4000.0}}));
    for (const auto& p : pieces) {
        if (p.source_id == "S" && p.outcome == "started") EXPECT_EQ(p.later_id, "S2");
        if (p.source_id == "H" && p.outcome == "reclaimed") {
            GeomPtr g = from_wkb(ctx, p.geometry);
            ASSERT_TRUE(g);
            EXPECT_NEAR(planar_area(ctx, g.get()), 4000.0, 1e-9);  // the 40 × 100 strip no parcel covers
        }
    }
}

}  // namespace
}  // namespace landaudit
