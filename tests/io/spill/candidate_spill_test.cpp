// The candidates spilled to SQLite come back in the rank order the in-memory store gives, field for
// field, and the temporary file lives only as long as the store (and only once there is a candidate).
#include "io/spill/candidate_spill.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "layers/error.h"
#include "tests/io/spill/spill_folder_test_base.h"
#include "layers/memory_candidate_store.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

Candidate candidate(const char* kind, std::string id, long park, double area_m2, double priority) {
    Candidate c;
    c.kind = kind;
    c.source_id = std::move(id);
    c.park_index = park;
    c.area_m2 = area_m2;
    c.priority = priority;
    return c;
}

std::vector<Candidate> ranked(CandidateStore& store) {
    std::vector<Candidate> out;
    store.for_each_ranked([&](const Candidate& c) { out.push_back(c); });
    return out;
}

using CandidateSpillTest = SpillFolderTest;

// Park 0: B (priority 5) before A and C (priority 4, C larger); no park (-1) ranked among itself.
TEST_F(CandidateSpillTest, RanksWithinEachParkAsWorkedByHand) {
    CandidateSpill spill(output);
    spill.add(candidate("idle", "A", 0, 100.0, 4.0));
    spill.add(candidate("idle", "X", -1, 10.0, 1.0));
    spill.add(candidate("underused", "B", 0, 50.0, 5.0));
    spill.add(candidate("idle", "C", 0, 200.0, 4.0));
    spill.add(candidate("low_efficiency", "Y", -1, 10.0, 2.0));
    const std::vector<Candidate> r = ranked(spill);
    ASSERT_EQ(r.size(), 5u);
    const std::vector<std::pair<std::string, int>> expected = {{"Y", 1}, {"X", 2}, {"B", 1}, {"C", 2}, {"A", 3}};
    for (std::size_t i = 0; i < r.size(); ++i) {
        EXPECT_EQ(r[i].source_id, expected[i].first) << i;
        EXPECT_EQ(r[i].rank, expected[i].second) << i;
    }
}

// Many ties on every key (park, priority, area, id, kind), ids with Chinese and high bytes, null and
// random geometries: the spill gives exactly the memory store's sequence, equal ones in the order added.
TEST_F(CandidateSpillTest, RanksAsTheStoreInMemoryDoes) {
    std::mt19937 rng(20261207);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* ids[] = {"P-1", "P-10", "P-2", "宗地-甲", "宗地-乙", "\xff\x01", "a'b\"; DROP TABLE candidates;--", ""};
    CandidateSpill spill(output);
    MemoryCandidateStore memory;
    for (int i = 0; i < 20000; ++i) {
        Candidate c = candidate(kCandidateKinds[pick(5)], ids[pick(8)], pick(4) - 1, 100.0 * pick(3) + 0.5, 0.25 * pick(4));
        c.years = pick(3);
        c.detail = "row " + std::to_string(i);  // tells equal candidates apart
        if (pick(4) > 0)
            for (int b = pick(200); b > 0; --b) c.geometry.bytes.push_back(static_cast<std::uint8_t>(rng()));
        spill.add(c);
        memory.add(c);
    }
    EXPECT_EQ(spill.size(), memory.size());
    const std::vector<Candidate> a = ranked(spill), b = ranked(memory);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(a[i].detail, b[i].detail);
        EXPECT_EQ(a[i].kind, b[i].kind);
        EXPECT_EQ(a[i].source_id, b[i].source_id);
        EXPECT_EQ(a[i].park_index, b[i].park_index);
        EXPECT_EQ(a[i].area_m2, b[i].area_m2);
        EXPECT_EQ(a[i].years, b[i].years);
        EXPECT_EQ(a[i].priority, b[i].priority);
        EXPECT_EQ(a[i].rank, b[i].rank);
        EXPECT_EQ(a[i].geometry.bytes, b[i].geometry.bytes);
        if (HasFailure()) break;
    }
    EXPECT_EQ(ranked(spill).size(), a.size()) << "a second read gives them again";
}

TEST_F(CandidateSpillTest, NoFileUntilTheFirstCandidateAndNoneAfterTheStore) {
    {
        CandidateSpill spill(output);
        EXPECT_EQ(files_in_dir(), 0u);
        EXPECT_TRUE(ranked(spill).empty());
        EXPECT_EQ(files_in_dir(), 0u);
    }
    {
        CandidateSpill spill(output);
        spill.add(candidate("idle", "A", 0, 1.0, 1.0));
        EXPECT_EQ(fs::path(spill.path()).parent_path(), dir);
        EXPECT_TRUE(fs::exists(spill.path()));
        ranked(spill);
        EXPECT_THROW(spill.add(candidate("idle", "B", 0, 1.0, 1.0)), AuditError) << "no add after the ranking";
    }
    EXPECT_EQ(files_in_dir(), 0u);
}

TEST_F(CandidateSpillTest, ANonFinitePriorityIsRefusedNotSortedAsNull) {
    CandidateSpill spill(output);
    EXPECT_THROW(spill.add(candidate("idle", "A", 0, 1.0, std::nan(""))), AuditError);
    EXPECT_THROW(spill.add(candidate("idle", "A", 0, INFINITY, 1.0)), AuditError);
}

}  // namespace
}  // namespace landaudit
