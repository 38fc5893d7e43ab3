// Candidate priority and ranking.
#include "engine/redevelopment/candidates.h"

#include <algorithm>
#include <map>

#include "layers/units.h"

namespace landaudit {

std::vector<Candidate> rank_candidates(std::vector<CandidateInput> inputs, const CandidateConfig& config) {
    std::vector<Candidate> out;
    out.reserve(inputs.size());
    for (CandidateInput& in : inputs) {
        Candidate c;
        static_cast<CandidateInput&>(c) = std::move(in);
        auto weight = config.kind_weight.find(c.kind);
        c.priority = (weight == config.kind_weight.end() ? 0.0 : weight->second) + config.per_year * c.years +
                     config.per_mu * c.area_m2 / kSquareMetresPerMu;
        out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        if (a.park_index != b.park_index) return a.park_index < b.park_index;
        if (a.priority != b.priority) return a.priority > b.priority;
        if (a.area_m2 != b.area_m2) return a.area_m2 > b.area_m2;
        if (a.source_id != b.source_id) return a.source_id < b.source_id;
        return a.kind < b.kind;
    });
    std::map<long, int> next_rank;
    for (Candidate& c : out) c.rank = ++next_rank[c.park_index];
    return out;
}

}  // namespace landaudit
