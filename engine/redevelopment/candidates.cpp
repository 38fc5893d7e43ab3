// Candidate priority and ranking.
#include "engine/redevelopment/candidates.h"

#include "layers/memory_candidate_store.h"
#include "layers/units.h"

namespace landaudit {

double candidate_priority(const CandidateInput& c, const CandidateConfig& config) {
    auto weight = config.kind_weight.find(c.kind);
    return (weight == config.kind_weight.end() ? 0.0 : weight->second) + config.per_year * c.years +
           config.per_mu * c.area_m2 / kSquareMetresPerMu;
}

std::vector<Candidate> rank_candidates(std::vector<CandidateInput> inputs, const CandidateConfig& config) {
    MemoryCandidateStore store;
    for (CandidateInput& in : inputs) {
        Candidate c;
        static_cast<CandidateInput&>(c) = std::move(in);
        c.priority = candidate_priority(c, config);
        store.add(std::move(c));
    }
    std::vector<Candidate> out;
    out.reserve(store.size());
    store.for_each_ranked([&](const Candidate& c) { out.push_back(c); });
    return out;
}

}  // namespace landaudit
