// Candidates held in memory: for the library path (inputs held whole) and as the reference the
// spilled store is tested against.
#pragma once

#include <vector>

#include "layers/candidate_store.h"

namespace landaudit {

class MemoryCandidateStore : public CandidateStore {
public:
    void add(Candidate candidate) override;
    std::size_t size() const override { return m_candidates.size(); }
    void for_each_ranked(const RankedFn& fn) override;

private:
    std::vector<Candidate> m_candidates;
    bool m_ranked = false;
};

}  // namespace landaudit
