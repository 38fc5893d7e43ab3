// The economics join, by parcel and by enterprise, worked by hand.
#include "engine/intensity/economics_join.h"

#include <gtest/gtest.h>

#include "engine/intensity/parcel_indicators.h"
#include "layers/error.h"
#include "layers/memory_economics_store.h"

namespace landaudit {
namespace {

Parcel parcel(const std::string& id, const std::string& enterprise = "") {
    Parcel p;
    p.id = id;
    p.use.enterprise = enterprise;
    return p;
}

EconomicRecord row(long long fid, const std::string& key, int year) {
    EconomicRecord r;
    r.fid = fid;
    r.key = key;
    r.year = year;
    return r;
}

std::size_t count(const Diagnostics& diag, const std::string& problem) {
    std::size_t n = 0;
    for (const auto& d : diag.items())
        if (d.problem == problem) ++n;
    return n;
}

const Diagnostic* find(const Diagnostics& diag, const std::string& problem) {
    for (const auto& d : diag.items())
        if (d.problem == problem) return &d;
    return nullptr;
}

const EconomicsJoinOptions kByParcel{"parcel", "merge"};
const EconomicsJoinOptions kMerge{"enterprise", "merge"};
const EconomicsJoinOptions kFloorArea{"enterprise", "floor_area"};

TEST(EconomicsJoin, KeyedByParcel) {
    std::vector<Parcel> parcels = {parcel("P1"), parcel("P2")};
    EconomicRecord a = row(1, "P1", 2024);
    a.investment = 4500.0;
    a.tax = 450.0;
    EconomicRecord old = row(2, "P1", 2023);
    old.tax = 999.0;
    EconomicRecord b = row(3, "P2", 2023);  // P2 has a row only for 2023
    b.tax = 100.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0, 5000.0}, {a, old, b}, 2024, kByParcel, diag);
    ASSERT_EQ(f.size(), 2u);
    EXPECT_TRUE(f[0].has_row);
    EXPECT_EQ(f[0].year, 2024);
    EXPECT_EQ(f[0].investment, 4500.0);
    EXPECT_EQ(f[0].tax, 450.0);
    EXPECT_FALSE(f[0].revenue);  // not in the row: unknown, not 0
    EXPECT_EQ(f[0].land_m2, 10000.0);
    EXPECT_EQ(f[0].enterprises, std::vector<std::string>{"P1"});
    // No row for the graded year: not a diagnostic.
    EXPECT_FALSE(f[1].has_row);
    EXPECT_EQ(f[1].year, 2024);
    EXPECT_FALSE(f[1].tax);
    EXPECT_EQ(f[1].land_m2, 0.0);
    EXPECT_TRUE(diag.items().empty());
}

TEST(EconomicsJoin, EnterpriseOnTwoParcelsIsSpreadByArea) {
    // E1 on P1 (10 000 m²) and P2 (5 000 m²): 3000 × 10/15 = 2000 and 3000 × 5/15 = 1000.
    std::vector<Parcel> parcels = {parcel("P1", "E1"), parcel("P2", "E1")};
    EconomicRecord e = row(1, "E1", 2024);
    e.investment = 3000.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0, 5000.0}, {e}, 2024, kMerge, diag);
    EXPECT_NEAR(*f[0].investment, 2000.0, 1e-9);
    EXPECT_NEAR(*f[1].investment, 1000.0, 1e-9);
    EXPECT_EQ(f[0].land_m2, 10000.0);
    EXPECT_EQ(f[1].land_m2, 5000.0);
    // Both measured like E1 on its 15 000 m² = 22.5 亩: 3000 ÷ 22.5 = 133.33 万元/亩
    // (2000 ÷ 15 亩 and 1000 ÷ 7.5 亩).
    ParcelMeasures m1, m2;
    m1.area_m2 = 10000.0;
    m2.area_m2 = 5000.0;
    EXPECT_NEAR(*parcel_indicators(m1, f[0]).get("inv_mu"), 3000.0 / 22.5, 1e-9);
    EXPECT_NEAR(*parcel_indicators(m2, f[1]).get("inv_mu"), 3000.0 / 22.5, 1e-9);
    EXPECT_TRUE(diag.items().empty());
}

TEST(EconomicsJoin, TwoEnterprisesOnOneParcelMerge) {
    // "E1、E2" on one 10 000 m² parcel: taxes 300 + 150 = 450 on the whole parcel;
    // investment only E1 has: unknown.
    std::vector<Parcel> parcels = {parcel("P1", "E1、E2")};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.tax = 300.0;
    e1.investment = 2000.0;
    EconomicRecord e2 = row(2, "E2", 2024);
    e2.tax = 150.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0}, {e1, e2}, 2024, kMerge, diag);
    EXPECT_NEAR(*f[0].tax, 450.0, 1e-9);
    EXPECT_FALSE(f[0].investment);
    EXPECT_EQ(f[0].land_m2, 10000.0);
    EXPECT_EQ(f[0].enterprises, (std::vector<std::string>{"E1", "E2"}));
    EXPECT_TRUE(diag.items().empty());
}

TEST(EconomicsJoin, TwoEnterprisesOnOneParcelByLeasedFloor) {
    // P1 (10 000 m²) holds E1 (leased 600 m²) and E2 (leased 400 m²): w(E1,P1) = 10 000 × 600/1000
    // = 6000 m², w(E2,P1) = 4000 m². E1 is also alone on P2 (5000 m²): w(E1,P2) = 5000.
    // E1's tax 1100 over 6000 + 5000 = 11 000 m²: 600 to P1, 500 to P2. E2's 200 all to P1.
    std::vector<Parcel> parcels = {parcel("P1", "E1,E2"), parcel("P2", "E1")};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.tax = 1100.0;
    e1.leased_floor_m2 = 600.0;
    EconomicRecord e2 = row(2, "E2", 2024);
    e2.tax = 200.0;
    e2.leased_floor_m2 = 400.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0, 5000.0}, {e1, e2}, 2024, kFloorArea, diag);
    EXPECT_NEAR(*f[0].tax, 800.0, 1e-9);       // 600 + 200
    EXPECT_NEAR(f[0].land_m2, 10000.0, 1e-9);  // 6000 + 4000
    EXPECT_NEAR(*f[1].tax, 500.0, 1e-9);
    EXPECT_NEAR(f[1].land_m2, 5000.0, 1e-9);
    EXPECT_TRUE(diag.items().empty());

    // The same under merge: w(E1,P1) = 10 000, w(E1,P2) = 5000, so E1's 1100 splits
    // 733.33 / 366.67, and P1 gets 733.33 + 200.
    diag = Diagnostics{};
    auto g = join_economics(parcels, {10000.0, 5000.0}, {e1, e2}, 2024, kMerge, diag);
    EXPECT_NEAR(*g[0].tax, 1100.0 * 2.0 / 3.0 + 200.0, 1e-9);
    EXPECT_NEAR(*g[1].tax, 1100.0 / 3.0, 1e-9);
}

// The prepared join a streamed audit uses: every parcel counted first, then figures asked for one
// parcel at a time and in another order; the same figures as the whole-table join. P1 (10 000 m²)
// holds E1 and E2, E1 is also on P2 (5000 m²) in another chunk: E1's tax 1100 splits 600 / 500.
TEST(EconomicsJoin, PreparedJoinChunkByChunkGivesTheWholeTableFigures) {
    std::vector<Parcel> parcels = {parcel("P1", "E1,E2"), parcel("P2", "E1"), parcel("P3", "E9")};
    const std::vector<double> areas = {10000.0, 5000.0, 2000.0};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.tax = 1100.0;
    e1.leased_floor_m2 = 600.0;
    EconomicRecord e2 = row(2, "E2", 2024);
    e2.tax = 200.0;
    e2.leased_floor_m2 = 400.0;
    const std::vector<EconomicRecord> rows = {e1, e2, row(3, "E7", 2024)};
    Diagnostics whole_diag;
    const auto whole = join_economics(parcels, areas, rows, 2024, kFloorArea, whole_diag);

    Diagnostics diag;
    MemoryEconomicsStore store(rows);
    EconomicsJoin join(store, 2024, kFloorArea, diag);
    for (std::size_t p = 0; p < parcels.size(); ++p) join.count(parcels[p], areas[p]);
    join.report_unmatched(diag);
    EXPECT_EQ(count(diag, "unmatched_key"), 1u) << "E7 is on no parcel";
    for (std::size_t p : {2u, 1u, 0u}) {
        const ParcelFigures f = join.figures(parcels[p], areas[p], diag);
        EXPECT_EQ(f.has_row, whole[p].has_row) << parcels[p].id;
        EXPECT_EQ(f.tax, whole[p].tax) << parcels[p].id;
        EXPECT_EQ(f.land_m2, whole[p].land_m2) << parcels[p].id;
        EXPECT_EQ(f.enterprises, whole[p].enterprises) << parcels[p].id;
    }
    EXPECT_NEAR(*join.figures(parcels[0], areas[0], diag).tax, 800.0, 1e-9);  // 600 + 200
    EXPECT_NEAR(*join.figures(parcels[1], areas[1], diag).tax, 500.0, 1e-9);
    EXPECT_EQ(diag.items().size(), whole_diag.items().size());
}

TEST(EconomicsJoin, LeasedShareIsTheLandOfTheEnterprisesWithRows) {
    // E1 (leased 600) and E2 (leased 400) on P1; only E1 reported for 2024, so E2 lacks a
    // leased floor: equal shares, E1 measured on 10 000 ÷ 2 = 5000 m².
    std::vector<Parcel> parcels = {parcel("P1", "E1 E2")};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.tax = 300.0;
    e1.leased_floor_m2 = 600.0;
    EconomicRecord e2_old = row(2, "E2", 2023);
    e2_old.leased_floor_m2 = 400.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0}, {e1, e2_old}, 2024, kFloorArea, diag);
    EXPECT_NEAR(*f[0].tax, 300.0, 1e-9);
    EXPECT_NEAR(f[0].land_m2, 5000.0, 1e-9);
    EXPECT_EQ(f[0].enterprises, std::vector<std::string>{"E1"});
    ASSERT_EQ(count(diag, "missing_leased_floor"), 1u);
    const Diagnostic* d = find(diag, "missing_leased_floor");
    EXPECT_EQ(d->role, "economics");
    EXPECT_EQ(d->feature_id, "P1");
    EXPECT_EQ(d->detail, "parcel P1: enterprise E2 has no row for 2024; its 2 enterprises (E1, E2) share it equally");

    // With both rows but E2's leased floor empty: equal shares too, land 5000 + 5000.
    EconomicRecord e2 = row(3, "E2", 2024);
    e2.tax = 100.0;
    diag = Diagnostics{};
    f = join_economics(parcels, {10000.0}, {e1, e2}, 2024, kFloorArea, diag);
    EXPECT_NEAR(*f[0].tax, 400.0, 1e-9);
    EXPECT_NEAR(f[0].land_m2, 10000.0, 1e-9);
    ASSERT_EQ(count(diag, "missing_leased_floor"), 1u);
    EXPECT_NE(find(diag, "missing_leased_floor")->detail.find("E2 has no leased floor area in row 3"),
              std::string::npos);
}

TEST(EconomicsJoin, MergeWithAnEnterpriseWithoutRowIsUnknown) {
    std::vector<Parcel> parcels = {parcel("P1", "E1/E2")};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.tax = 300.0;
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0}, {e1}, 2024, kMerge, diag);
    EXPECT_TRUE(f[0].has_row);
    EXPECT_FALSE(f[0].tax);
    ASSERT_EQ(count(diag, "missing_enterprise_row"), 1u);
    EXPECT_NE(find(diag, "missing_enterprise_row")->detail.find("E2 have no row for 2024"), std::string::npos);
}

TEST(EconomicsJoin, DuplicateRowIsSkipped) {
    std::vector<Parcel> parcels = {parcel("P1")};
    EconomicRecord first = row(3, "P1", 2024);
    first.tax = 450.0;
    EconomicRecord again = row(7, "P1", 2024);
    again.tax = 900.0;
    EconomicRecord other_year = row(9, "P1", 2023);  // same key, other year: no duplicate
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0}, {first, again, other_year}, 2024, kByParcel, diag);
    EXPECT_EQ(f[0].tax, 450.0);
    ASSERT_EQ(diag.items().size(), 1u);
    const Diagnostic& d = diag.items()[0];
    EXPECT_EQ(d.role, "economics");
    EXPECT_EQ(d.problem, "duplicate_row");
    EXPECT_EQ(d.action, DiagnosticAction::Skipped);
    EXPECT_EQ(d.fid, 7);
    EXPECT_EQ(d.detail, "row 7 repeats key 'P1' for 2024 of row 3; the later row is skipped");
}

TEST(EconomicsJoin, UnmatchedKeyReportedOnce) {
    std::vector<Parcel> parcels = {parcel("P1", "E1")};
    EconomicRecord a = row(1, "E9", 2024);
    EconomicRecord b = row(2, "E9", 2023);  // another year: reported by that year's join
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0}, {a, b}, 2024, kMerge, diag);
    EXPECT_FALSE(f[0].has_row);
    ASSERT_EQ(diag.items().size(), 1u);
    const Diagnostic& d = diag.items()[0];
    EXPECT_EQ(d.problem, "unmatched_key");
    EXPECT_EQ(d.action, DiagnosticAction::Reported);
    EXPECT_EQ(d.fid, 1);
    EXPECT_EQ(d.feature_id, "E9");
    EXPECT_EQ(d.detail, "key 'E9' (2024) matches no parcel enterprise; its figures are not used");
}

TEST(EconomicsJoin, MissingAmountInOneOfTheRowsIsUnknown) {
    // E1 on P1 and P2 with energy; E2 on P2 without: P1's energy is E1's share, P2's unknown.
    std::vector<Parcel> parcels = {parcel("P1", "E1"), parcel("P2", "E1;E2")};
    EconomicRecord e1 = row(1, "E1", 2024);
    e1.energy_tce = 300.0;
    EconomicRecord e2 = row(2, "E2", 2024);
    Diagnostics diag;
    auto f = join_economics(parcels, {10000.0, 5000.0}, {e1, e2}, 2024, kMerge, diag);
    EXPECT_NEAR(*f[0].energy_tce, 200.0, 1e-9);  // 300 × 10/15
    EXPECT_FALSE(f[1].energy_tce);
}

TEST(EconomicsJoin, UnknownOptionsThrow) {
    Diagnostics diag;
    try {
        join_economics({}, {}, {}, 2024, {"owner", "merge"}, diag);
        FAIL() << "no throw";
    } catch (const AuditError& e) {
        EXPECT_STREQ(e.what(), "economics join: key 'owner' is neither 'parcel' nor 'enterprise'");
    }
    try {
        join_economics({}, {}, {}, 2024, {"enterprise", "area"}, diag);
        FAIL() << "no throw";
    } catch (const AuditError& e) {
        EXPECT_STREQ(e.what(), "economics join: share 'area' is neither 'merge' nor 'floor_area'");
    }
    EXPECT_THROW(join_economics({parcel("P1")}, {}, {}, 2024, kByParcel, diag), AuditError);
}

TEST(EconomicsJoin, YearsIn) {
    const std::vector<EconomicRecord> rows = {row(1, "a", 2024), row(2, "b", 2022), row(3, "c", 2024), row(4, "d", 2023)};
    EXPECT_EQ(MemoryEconomicsStore(rows).years(), (std::vector<int>{2022, 2023, 2024}));
    EXPECT_TRUE(MemoryEconomicsStore().years().empty());
}

}  // namespace
}  // namespace landaudit
