// Ids kept as 128-bit hashes: the hash is FNV-1a's, and first uses, repeats and clearing behave as
// a map from id to first fid does.
#include "layers/seen_ids.h"

#include <gtest/gtest.h>

#include <string>

namespace landaudit {
namespace {

// The published FNV-1a 128-bit values (draft-eastlake-fnv, test vectors).
TEST(SeenIds, HashIsFnv1a128) {
    const SeenIds::Hash128 empty = SeenIds::fnv1a_128("");
    EXPECT_EQ(empty.high, 0x6c62272e07bb0142ULL);
    EXPECT_EQ(empty.low, 0x62b821756295c58dULL);
    const SeenIds::Hash128 a = SeenIds::fnv1a_128("a");
    EXPECT_EQ(a.high, 0xd228cb696f1a8cafULL);
    EXPECT_EQ(a.low, 0x78912b704e4a8964ULL);
}

TEST(SeenIds, ARepeatNamesTheFirstFeatureEveryTime) {
    SeenIds seen;
    EXPECT_EQ(seen.first_use("宗地-001", 7), std::nullopt);
    EXPECT_EQ(seen.first_use("宗地-002", 8), std::nullopt);
    EXPECT_EQ(seen.first_use("宗地-001", 9), 7);
    EXPECT_EQ(seen.first_use("宗地-001", 10), 7);
    EXPECT_EQ(seen.size(), 2u);
    seen.clear();
    EXPECT_EQ(seen.first_use("宗地-001", 11), std::nullopt);
}

// Ids that differ in one character, in case, or by a trailing byte are different ids.
TEST(SeenIds, AMillionNearbyIdsAreAllNew) {
    SeenIds seen;
    for (long long i = 0; i < 1000000; ++i)
        ASSERT_EQ(seen.first_use("P" + std::to_string(i), i), std::nullopt) << i;
    EXPECT_EQ(seen.first_use("p1", 0), std::nullopt);
    EXPECT_EQ(seen.first_use(std::string("P1\0", 3), 0), std::nullopt);
    EXPECT_EQ(seen.first_use("P1", 5), 1);
}

}  // namespace
}  // namespace landaudit
