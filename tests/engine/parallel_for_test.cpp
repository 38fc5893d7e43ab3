// parallel_for: every item exactly once whatever the thread count, and failures reach the caller.
#include "engine/parallel_for.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace landaudit {
namespace {

TEST(ParallelFor, VisitsEveryItemExactlyOnce) {
    for (std::size_t n : {0u, 1u, 255u, 256u, 257u, 10000u})
        for (int threads : {1, 2, 3, 0}) {
            std::vector<int> visits(n, 0);
            parallel_for(n, threads, [&](std::size_t i) { ++visits[i]; }, 16);
            for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(visits[i], 1) << "n " << n << " threads " << threads << " i " << i;
        }
}

TEST(ParallelFor, RethrowsTheFirstFailure) {
    EXPECT_THROW(parallel_for(5000, 2,
                              [](std::size_t i) {
                                  if (i == 4321) throw std::runtime_error("item 4321");
                              },
                              16),
                 std::runtime_error);
}

}  // namespace
}  // namespace landaudit
