// Redevelopment candidates (Huzhou's five kinds, land-rules §6): one row per feature and kind,
// with a priority and a rank within the park. The types and the rank order are layers/candidate.h.
#pragma once

#include <vector>

#include "layers/audit_config.h"
#include "layers/candidate.h"

namespace landaudit {

// priority = kind_weight[kind] + per_year × years + per_mu × area in 亩 (docs/indicators.md).
double candidate_priority(const CandidateInput& c, const CandidateConfig& config);

// Each input with its priority, in rank order (ranks_before), ranked within its park.
std::vector<Candidate> rank_candidates(std::vector<CandidateInput> inputs, const CandidateConfig& config);

}  // namespace landaudit
