// A redevelopment candidate (Huzhou's five kinds, land-rules §6) and the order candidates rank in.
// The ranking itself is engine/redevelopment/candidates.h; the stores are layers/candidate_store.h.
#pragma once

#include <string>

#include "layers/geometry_blob.h"

namespace landaudit {

// The five kinds, in the order of land-rules §6: 批而未供, 供而未用, 用而未尽, 建而未投, 投而未达标.
inline constexpr const char* kCandidateKinds[] = {"unsupplied", "idle", "underused", "not_operating",
                                                  "low_efficiency"};

struct CandidateInput {
    std::string kind;       // one of kCandidateKinds
    std::string source_id;  // parcel id, or batch id for unsupplied land
    long park_index = -1;   // -1: in no park
    double area_m2 = 0.0;
    double years = 0.0;     // years idle (full years) or since approval (unsupplied); 0 otherwise
    WkbGeometry geometry;
    std::string detail;     // why it is a candidate, for people
};

struct Candidate : CandidateInput {
    double priority = 0.0;
    int rank = 0;  // 1 = first within its park (parcels in no park are ranked among themselves)
};

// Rank order: by park; within a park higher priority first, ties to the larger area, then to the
// smaller source id (byte order), then the kind; candidates equal in all of these keep the order
// they were found in (a stable sort). So the order never depends on input order or chunking.
inline bool ranks_before(const Candidate& a, const Candidate& b) {
    if (a.park_index != b.park_index) return a.park_index < b.park_index;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.area_m2 != b.area_m2) return a.area_m2 > b.area_m2;
    if (a.source_id != b.source_id) return a.source_id < b.source_id;
    return a.kind < b.kind;
}

}  // namespace landaudit
