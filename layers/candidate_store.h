// The redevelopment candidates as the audit collects them (about one per parcel on real data):
// held in memory (MemoryCandidateStore) or spilled to a temporary SQLite file (io/spill), so that
// a province's candidates and their geometries need not be held until they are ranked.
#pragma once

#include <cstddef>
#include <functional>

#include "layers/candidate.h"

namespace landaudit {

// Not thread-safe: one pass adds, then the output reads.
class CandidateStore {
public:
    virtual ~CandidateStore() = default;

    // One more candidate, in the order found, its priority set (its rank is ignored).
    virtual void add(Candidate candidate) = 0;
    virtual std::size_t size() const = 0;
    // Every candidate in rank order (ranks_before; equal ones in the order added), each with its
    // rank within its park. May be called again; no add() after the first call.
    using RankedFn = std::function<void(const Candidate&)>;
    virtual void for_each_ranked(const RankedFn& fn) = 0;
};

}  // namespace landaudit
