// Redevelopment candidates (Huzhou's five kinds, land-rules §6): one row per feature and kind,
// with a priority and a rank within the park.
#pragma once

#include <string>
#include <vector>

#include "layers/audit_config.h"
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

// priority = kind_weight[kind] + per_year × years + per_mu × area in 亩. Within a park, higher
// priority ranks first; ties go to the larger area, then to the smaller source id, so the order
// never depends on input order.
std::vector<Candidate> rank_candidates(std::vector<CandidateInput> inputs, const CandidateConfig& config);

}  // namespace landaudit
