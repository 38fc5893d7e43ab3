// The economics table spilled to SQLite answers as the table held in memory does, and its
// temporary file lives only as long as the store.
#include "io/spill/economics_spill.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "layers/error.h"
#include "tests/io/spill/spill_folder_test_base.h"
#include "layers/memory_economics_store.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

EconomicRecord row(long long fid, std::string key, int year) {
    return {.fid = fid, .key = std::move(key), .year = year};
}

void expect_same(const EconomicRecord& a, const EconomicRecord& b) {
    EXPECT_EQ(a.fid, b.fid);
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.investment, b.investment);
    EXPECT_EQ(a.output, b.output);
    EXPECT_EQ(a.revenue, b.revenue);
    EXPECT_EQ(a.tax, b.tax);
    EXPECT_EQ(a.value_added, b.value_added);
    EXPECT_EQ(a.energy_tce, b.energy_tce);
    EXPECT_EQ(a.emissions_t, b.emissions_t);
    EXPECT_EQ(a.employees, b.employees);
    EXPECT_EQ(a.rd, b.rd);
    EXPECT_EQ(a.hitech_revenue, b.hitech_revenue);
    EXPECT_EQ(a.leased_floor_m2, b.leased_floor_m2);
    EXPECT_EQ(a.industry, b.industry);
}

using EconomicsSpillTest = SpillFolderTest;

TEST_F(EconomicsSpillTest, EveryFieldComesBackAsWritten) {
    EconomicRecord r = row(7, "企业'甲\"; DROP TABLE economics;--", 2024);
    r.investment = 4500.125;
    r.output = 0.0;
    r.revenue = -3.5;
    r.tax = 1e-300;
    r.value_added = 123456789.0123;
    r.energy_tce = 2.0;
    r.emissions_t = 0.25;
    r.employees = 120.0;
    r.rd = 9.0;
    r.hitech_revenue = 1.0 / 3.0;
    r.leased_floor_m2 = 8000.0;
    r.industry = "C3981";
    EconomicRecord unknown = row(8, "P2", 2024);  // every amount unknown: NULL, not 0
    EconomicsSpill spill(output);
    spill.add(r);
    spill.add(unknown);
    spill.seal();
    EXPECT_EQ(spill.size(), 2u);
    std::optional<EconomicRecord> back = spill.first_row(2024, r.key);
    ASSERT_TRUE(back);
    expect_same(*back, r);
    std::optional<EconomicRecord> none = spill.first_row(2024, "P2");
    ASSERT_TRUE(none);
    expect_same(*none, unknown);
    EXPECT_FALSE(none->investment.has_value());
    EXPECT_FALSE(spill.first_row(2023, r.key)) << "the year is part of the key";
    EXPECT_FALSE(spill.first_row(2024, "p2")) << "keys compare byte for byte, as std::string does";
}

TEST_F(EconomicsSpillTest, RepeatsAndTotalsAsWorkedByHand) {
    EconomicsSpill spill(output);
    spill.add(row(1, "E1", 2024));
    spill.add(row(2, "E2", 2024));
    spill.add(row(3, "E1", 2024));  // repeats row 1
    spill.add(row(4, "E1", 2023));  // another year: not a repeat
    spill.add(row(5, "E1", 2024));  // repeats row 1 again
    spill.add(row(6, "E3", 2024));
    spill.seal();
    EXPECT_EQ(spill.years(), (std::vector<int>{2023, 2024}));
    std::vector<std::pair<long long, long long>> repeats;
    spill.for_each_repeat(2024, [&](const EconomicRecord& r, long long first) { repeats.emplace_back(r.fid, first); });
    EXPECT_EQ(repeats, (std::vector<std::pair<long long, long long>>{{3, 1}, {5, 1}}));
    EXPECT_EQ(spill.first_row(2024, "E1")->fid, 1);

    spill.add_weight(2024, "E1", 0.1);
    spill.add_weight(2024, "E1", 0.2);
    spill.add_weight(2024, "E9", 5.0);  // a unit the table lacks
    std::optional<EconomicsStore::UnitTotal> e1 = spill.total(2024, "E1");
    ASSERT_TRUE(e1);
    EXPECT_EQ(e1->weight, 0.1 + 0.2) << "summed in the order added, as a double starting at 0 sums";
    EXPECT_EQ(e1->parcels, 2u);
    EXPECT_FALSE(spill.total(2023, "E1"));
    std::vector<long long> unmatched;
    spill.for_each_unmatched(2024, [&](const EconomicRecord& r) { unmatched.push_back(r.fid); });
    EXPECT_EQ(unmatched, (std::vector<long long>{2, 6})) << "first rows only, in table order";
}

// A random table with many repeated keys: both stores give every answer alike.
TEST_F(EconomicsSpillTest, AnswersAsTheTableInMemoryDoes) {
    std::mt19937 rng(20261207);
    std::uniform_int_distribution<int> key(0, 300), year(2021, 2024), absent(0, 3);
    std::uniform_real_distribution<double> amount(0.0, 1e6);
    std::vector<EconomicRecord> rows;
    for (long long fid = 1; fid <= 2000; ++fid) {
        EconomicRecord r = row(fid, "企业" + std::to_string(key(rng)), year(rng));
        if (absent(rng)) r.tax = amount(rng);
        if (absent(rng)) r.leased_floor_m2 = amount(rng);
        r.industry = absent(rng) ? "C" + std::to_string(key(rng)) : "";
        rows.push_back(r);
    }
    MemoryEconomicsStore memory(rows);
    EconomicsSpill spill(output);
    for (const EconomicRecord& r : rows) spill.add(r);
    spill.seal();
    ASSERT_EQ(spill.years(), memory.years());
    for (int y : memory.years()) {
        for (int i = 0; i < 400; ++i) {
            const std::string unit = "企业" + std::to_string(key(rng));
            const double w = amount(rng);
            memory.add_weight(y, unit, w);
            spill.add_weight(y, unit, w);
        }
        std::vector<std::pair<long long, long long>> a, b;
        memory.for_each_repeat(y, [&](const EconomicRecord& r, long long first) { a.emplace_back(r.fid, first); });
        spill.for_each_repeat(y, [&](const EconomicRecord& r, long long first) { b.emplace_back(r.fid, first); });
        EXPECT_EQ(a, b) << y;
        EXPECT_FALSE(a.empty());
        std::vector<long long> ua, ub;
        memory.for_each_unmatched(y, [&](const EconomicRecord& r) { ua.push_back(r.fid); });
        spill.for_each_unmatched(y, [&](const EconomicRecord& r) { ub.push_back(r.fid); });
        EXPECT_EQ(ua, ub) << y;
        for (int k = 0; k <= 301; ++k) {
            const std::string unit = "企业" + std::to_string(k);
            auto ra = memory.first_row(y, unit), rb = spill.first_row(y, unit);
            ASSERT_EQ(ra.has_value(), rb.has_value()) << unit;
            if (ra) expect_same(*ra, *rb);
            auto ta = memory.total(y, unit), tb = spill.total(y, unit);
            ASSERT_EQ(ta.has_value(), tb.has_value()) << unit;
            if (ta) {
                EXPECT_EQ(ta->weight, tb->weight) << unit;  // bit for bit: the same additions in the same order
                EXPECT_EQ(ta->parcels, tb->parcels) << unit;
            }
        }
    }
}

TEST_F(EconomicsSpillTest, TheFileLiesBesideTheOutputAndGoesWithTheStore) {
    std::string path;
    {
        EconomicsSpill spill(output);
        path = spill.path();
        EXPECT_EQ(fs::path(path).parent_path(), dir);
        EXPECT_TRUE(fs::path(path).filename().string().starts_with(".audit.partial-" + std::to_string(getpid()) + ".gpkg-spill")) << path;
        EXPECT_TRUE(fs::exists(path));
    }
    EXPECT_FALSE(fs::exists(path));
    EXPECT_EQ(files_in_dir(), 0u);
}

TEST_F(EconomicsSpillTest, AnExceptionTakesTheFileWithIt) {
    std::string path;
    try {
        EconomicsSpill spill(output);
        path = spill.path();
        spill.add(row(1, "E1", 2024));
        spill.seal();
        spill.add(row(2, "E2", 2024));  // after seal: refused
        FAIL() << "a row added after seal was taken";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Internal);
    }
    ASSERT_FALSE(path.empty());
    EXPECT_FALSE(fs::exists(path));
    EXPECT_EQ(files_in_dir(), 0u);
}

// An output folder that takes no file: the spill goes to TMPDIR, leaving the output's writer to
// name the output; when TMPDIR takes none either, the error names the file, SQLite's reason and a hint.
TEST_F(EconomicsSpillTest, AnUnwritableOutputFolderFallsBackToTmpdirElseIsAClearError) {
    const char* saved = std::getenv("TMPDIR");
    const std::string saved_tmpdir = saved ? saved : "";
    setenv("TMPDIR", dir.c_str(), 1);
    {
        EconomicsSpill spill("/proc/landaudit-spill-test.gpkg");
        EXPECT_EQ(fs::path(spill.path()).parent_path(), dir) << spill.path();
    }
    setenv("TMPDIR", "/proc/self", 1);
    try {
        EconomicsSpill spill("/proc/landaudit-spill-test.gpkg");
        FAIL() << "a spill was made in " << spill.path();
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        const std::string what = e.what();
        EXPECT_NE(what.find("economics table: temporary file /proc/self/"), std::string::npos) << what;
        EXPECT_NE(what.find("cannot create it: unable to open database file"), std::string::npos) << what;
        EXPECT_NE(e.hint().find("set TMPDIR"), std::string::npos) << e.hint();
    }
    if (saved) setenv("TMPDIR", saved_tmpdir.c_str(), 1);
    else unsetenv("TMPDIR");
    EXPECT_EQ(files_in_dir(), 0u);
}

}  // namespace
}  // namespace landaudit
