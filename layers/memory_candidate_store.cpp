// Candidates in a vector, ranked once by a stable sort.
#include "layers/memory_candidate_store.h"

#include <algorithm>

#include "layers/error.h"

namespace landaudit {

void MemoryCandidateStore::add(Candidate candidate) {
    if (m_ranked) throw AuditError(AuditError::Kind::Internal, "candidates: one added after they were ranked");
    m_candidates.push_back(std::move(candidate));
}

void MemoryCandidateStore::for_each_ranked(const RankedFn& fn) {
    if (!m_ranked) {
        std::stable_sort(m_candidates.begin(), m_candidates.end(), ranks_before);
        // Sorted by park first: a park's ranks count up from 1 until the next park begins.
        for (std::size_t i = 0; i < m_candidates.size(); ++i) {
            const bool park_begins = i == 0 || m_candidates[i].park_index != m_candidates[i - 1].park_index;
            m_candidates[i].rank = park_begins ? 1 : m_candidates[i - 1].rank + 1;
        }
        m_ranked = true;
    }
    for (const Candidate& c : m_candidates) fn(c);
}

}  // namespace landaudit
