// Candidate priority and ranking on a small hand-built case.
#include "engine/redevelopment/candidates.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

CandidateInput input(const char* kind, const char* id, long park, double area_mu, double years) {
    CandidateInput c;
    c.kind = kind;
    c.source_id = id;
    c.park_index = park;
    c.area_m2 = area_mu * 2000.0 / 3.0;
    c.years = years;
    return c;
}

const Candidate& find(const std::vector<Candidate>& all, const std::string& id, const std::string& kind) {
    for (const auto& c : all)
        if (c.source_id == id && c.kind == kind) return c;
    throw std::runtime_error("no candidate " + id + " " + kind);
}

TEST(Candidates, DefaultPriorityPutsOldUnsuppliedAndReclaimableIdleFirst) {
    CandidateConfig config;  // defaults: idle 3, unsupplied 2, not_operating 1.5, low_efficiency 1, underused 0.5
    std::vector<Candidate> ranked = rank_candidates(
        {
            input("unsupplied", "B-old", 0, 50, 6.0),    // 2 + 6 + 0.5 = 8.5
            input("idle", "P-2y", 0, 20, 2),             // 3 + 2 + 0.2 = 5.2
            input("idle", "P-1y", 0, 40, 1),             // 3 + 1 + 0.4 = 4.4
            input("unsupplied", "B-new", 0, 80, 0.5),    // 2 + 0.5 + 0.8 = 3.3
            input("low_efficiency", "P-low", 0, 30, 0),  // 1 + 0 + 0.3 = 1.3
            input("underused", "P-far", 0, 10, 0),       // 0.5 + 0 + 0.1 = 0.6
            input("idle", "Q-2y", 1, 5, 3),              // other park: 3 + 3 + 0.05 = 6.05
        },
        config);
    ASSERT_EQ(ranked.size(), 7u);
    EXPECT_NEAR(find(ranked, "B-old", "unsupplied").priority, 8.5, 1e-9);
    EXPECT_NEAR(find(ranked, "P-2y", "idle").priority, 5.2, 1e-9);
    EXPECT_NEAR(find(ranked, "B-new", "unsupplied").priority, 3.3, 1e-9);
    EXPECT_EQ(find(ranked, "B-old", "unsupplied").rank, 1);
    EXPECT_EQ(find(ranked, "P-2y", "idle").rank, 2);
    EXPECT_EQ(find(ranked, "P-1y", "idle").rank, 3);
    EXPECT_EQ(find(ranked, "B-new", "unsupplied").rank, 4);
    EXPECT_EQ(find(ranked, "P-low", "low_efficiency").rank, 5);
    EXPECT_EQ(find(ranked, "P-far", "underused").rank, 6);
    EXPECT_EQ(find(ranked, "Q-2y", "idle").rank, 1) << "ranks restart in each park";
}

TEST(Candidates, TiesGoToLargerAreaThenIdAndIgnoreInputOrder) {
    CandidateConfig config;
    config.per_mu = 0;  // make area count only as the tie-breaker
    std::vector<CandidateInput> a = {input("idle", "P-b", 0, 10, 1), input("idle", "P-a", 0, 10, 1),
                                     input("idle", "P-c", 0, 20, 1)};
    std::vector<CandidateInput> b = {a[2], a[0], a[1]};
    auto ra = rank_candidates(a, config);
    auto rb = rank_candidates(b, config);
    std::vector<std::string> order_a, order_b;
    for (const auto& c : ra) order_a.push_back(c.source_id);
    for (const auto& c : rb) order_b.push_back(c.source_id);
    EXPECT_EQ(order_a, (std::vector<std::string>{"P-c", "P-a", "P-b"}));
    EXPECT_EQ(order_a, order_b);
}

TEST(Candidates, ConfiguredWeightsChangeTheOrder) {
    CandidateConfig config;
    config.kind_weight["low_efficiency"] = 10;  // a region that puts 投而未达标 first
    auto ranked = rank_candidates({input("idle", "P-2y", 0, 20, 2), input("low_efficiency", "P-low", 0, 30, 0)}, config);
    EXPECT_EQ(find(ranked, "P-low", "low_efficiency").rank, 1);
}

}  // namespace
}  // namespace landaudit
