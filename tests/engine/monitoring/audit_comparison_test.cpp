// Two hand-built audits compared end to end in the engine: park_change figures, parcel_change
// transitions and growth against a target, diagnostics, and the inputs it refuses.
#include "engine/monitoring/audit_comparison.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/monitoring/table_reader.h"
#include "layers/error.h"
#include "monitoring_fixture.h"

namespace landaudit {
namespace {

using testing::layer;

const std::vector<std::string> kParcelFields{"parcel_id", "park_id", "idle", "grade", "status", "flags", "area_m2",
                                             "rev_mu", "year"};
const std::vector<std::string> kParcelNumbers{"area_m2", "rev_mu", "year"};

AuditOutput audit(const std::string& as_of, OutputTable parcels, OutputTable unsupplied, OutputTable parks) {
    AuditOutput a;
    a.path = as_of + ".gpkg";
    a.crs_authid = "EPSG:4522";
    a.run_info.engine_version = "test";
    a.run_info.as_of = as_of;
    a.tables = {std::move(parcels), std::move(parks), std::move(unsupplied),
                layer("batches", {"batch_id"}, {}, {{{0, 200, 100, 300}, {"B1"}}})};
    return a;
}

OutputTable parks(const std::string& rev) {
    return layer("parks", {"park_id", "name", "red_m2", "rev_mu", "energy_chg"}, {"red_m2", "rev_mu", "energy_chg"},
                 {{{0, 0, 1000, 1000}, {"K", "园区", "100", rev, rev == "100" ? "" : "5"}}});
}

class AuditComparison : public ::testing::Test {
protected:
    void SetUp() override {
        const std::vector<std::string> uf{"batch_id", "park_id", "sliver"};
        earlier = audit("2024-12-31",
                        layer("parcels", kParcelFields, kParcelNumbers,
                              {{{0, 0, 100, 100}, {"A", "K", "idle_1y", "B", "idle_1y", "IDLE", "10000", "100", "2023"}},
                               {{100, 0, 300, 100}, {"B", "K", "not_idle", "A", "compliant", "", "20000", "100", "2023"}}}),
                        layer("unsupplied", uf, {"sliver"}, {{{0, 200, 100, 300}, {"B1", "K", "0"}}}), parks("100"));
        later = audit("2025-12-31",
                      layer("parcels", kParcelFields, kParcelNumbers,
                            {{{0, 0, 100, 100}, {"A", "K", "not_idle", "C", "low_eff", "LOW_EFFICIENCY", "10000", "105", "2024"}},
                             {{100, 0, 200, 100}, {"B1", "K", "not_idle", "A", "redline", "REDLINE", "10000", "110", "2024"}},
                             {{200, 0, 300, 100}, {"B2", "K", "not_idle", "A", "compliant", "", "10000", "", "2024"}}}),
                      layer("unsupplied", uf, {"sliver"}, {{{0, 200, 100, 225}, {"B1", "K", "0"}}}), parks("108"));
        options.targets.unsupplied.pct = 60.0;
        options.targets.growth.push_back(
            {"亩均营业收入年均增长", {"parcels", "parks"}, "rev_mu", GrowthTarget::Kind::Growth, 7.0, "seed 003"});
        options.targets.growth.push_back(
            {"能耗下降", {"parks"}, "energy_chg", GrowthTarget::Kind::Value, 4.0, "seed 004"});
        result = compare_audits(ctx, earlier, later, options);
    }
    const OutputTable& table(const std::string& name) {
        for (const auto& t : result.tables)
            if (t.name == name) return t;
        throw std::runtime_error("no " + name);
    }
    GeosContext ctx;
    AuditOutput earlier, later;
    CompareOptions options;
    ComparisonResult result;
};

TEST_F(AuditComparison, LayersInOrder) {
    std::vector<std::string> names;
    for (const auto& t : result.tables) names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"park_change", "parcel_change", "disposal", "conflict_change", "diagnostics"}));
    for (const auto& t : result.tables)
        for (const auto& f : t.fields) EXPECT_LE(f.name.size(), 10u) << t.name << "." << f.name;
}

TEST_F(AuditComparison, ParkDisposalRatiosAndTargets) {
    const TableReader k(table("park_change"));
    ASSERT_EQ(k.size(), 1u);
    // 批而未供: 10 000 m² stock, 100 × 75 = 7 500 m² supplied since: 75 % ≥ 60 %.
    EXPECT_DOUBLE_EQ(*k.number(0, "unsup_stk"), 10000.0);
    EXPECT_DOUBLE_EQ(*k.number(0, "unsup_dsp"), 7500.0);
    EXPECT_DOUBLE_EQ(*k.number(0, "unsup_rat"), 75.0);
    EXPECT_EQ(k.text(0, "unsup_ok"), "PASS");
    // Idle: A (10 000 m²) started: 100 %; no idle target set: not judged.
    EXPECT_DOUBLE_EQ(*k.number(0, "idle_rat"), 100.0);
    EXPECT_FALSE(k.number(0, "idle_tgt"));
    EXPECT_EQ(k.text(0, "idle_ok"), "");
    // rev_mu 100 → 108 over one year: +8 %/yr ≥ 7; energy_chg 5 ≥ 4.
    EXPECT_DOUBLE_EQ(*k.number(0, "rev_d"), 8.0);
    EXPECT_EQ(k.text(0, "tgt_pass"), "PASS");
    EXPECT_NE(k.text(0, "targets").find("8.00 %/yr ≥ 7 %/yr: PASS"), std::string::npos) << k.text(0, "targets");
    EXPECT_EQ(*k.number(0, "years"), 1.0);
    ASSERT_EQ(result.parks.size(), 1u);
    EXPECT_DOUBLE_EQ(result.parks[0].idle_disposed, 10000.0);
}

TEST_F(AuditComparison, ParcelTransitionsGrowthAndSplit) {
    const TableReader p(table("parcel_change"));
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p.text(0, "parcel_id"), "A");
    EXPECT_EQ(p.text(0, "change"), "idle_started");
    EXPECT_EQ(p.text(0, "changes"), "+LOW_EFFICIENCY; -IDLE; status idle_1y→low_eff; grade B→C; idle idle_1y→not_idle");
    EXPECT_NEAR(*p.number(0, "rev_g"), 5.0, 1e-12);  // 100 → 105 in one economics year
    EXPECT_EQ(p.text(0, "tgt_pass"), "FAIL");        // 5 % < 7 %
    // B split into B1 (red line now) and B2: by geometry, each part wholly inside B.
    EXPECT_EQ(p.text(1, "prev_id"), "B");
    EXPECT_EQ(p.text(1, "match"), "geometry");
    EXPECT_DOUBLE_EQ(*p.number(1, "match_pct"), 100.0);
    EXPECT_EQ(p.text(1, "change"), "new_conflict");
    EXPECT_EQ(p.text(1, "flags_new"), "REDLINE");
    EXPECT_NEAR(*p.number(1, "rev_g"), 10.0, 1e-12);
    EXPECT_EQ(p.text(2, "change"), "redrawn");
    EXPECT_FALSE(p.number(2, "rev_g"));  // no later revenue: no growth, no judgement
    EXPECT_EQ(p.text(2, "tgt_pass"), "NA");
    EXPECT_EQ(result.counts.by_id, 1);
    EXPECT_EQ(result.counts.by_geometry, 2);
    EXPECT_EQ(result.counts.grade_changed, 1);  // A: B→C; B1 and B2 keep B's grade A
}

TEST_F(AuditComparison, DiagnosticsNameTheGeometryMatches) {
    const TableReader d(table("diagnostics"));
    int geometry = 0;
    for (std::size_t i = 0; i < d.size(); ++i)
        if (d.text(i, "problem") == "matched_by_geometry") {
            ++geometry;
            EXPECT_NE(d.text(i, "detail").find("matched to B by overlap: 50.0 % of the earlier parcel, 100.0 % of the later"),
                      std::string::npos)
                << d.text(i, "detail");
        }
    EXPECT_EQ(geometry, 2);
}

TEST(AuditComparisonInput, RefusesMissingLayersAndDifferentCrs) {
    GeosContext ctx;
    AuditOutput a, b;
    a.path = "a.gpkg";
    EXPECT_THROW(compare_audits(ctx, a, b, {}), AuditError);
    a.tables = {layer("parcels", {"parcel_id"}, {}, {}), layer("parks", {"park_id"}, {}, {})};
    b = a;
    a.crs_authid = "EPSG:4522";
    b.crs_authid = "EPSG:4523";
    EXPECT_THROW(compare_audits(ctx, a, b, {}), AuditError);
    b.crs_authid = "EPSG:4522";
    EXPECT_NO_THROW(compare_audits(ctx, a, b, {}));
}

}  // namespace
}  // namespace landaudit
