// 批而未供 (land-rules §5): per approved batch, unsupplied = batch − union(supplies dated on or
// before as_of), with the supply ratio (供地率), the approval's age bucket and the 2-year lapse,
// and the same figures summed per park.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "layers/audit_config.h"
#include "layers/civil_date.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"
#include "layers/geometry_blob.h"

namespace landaudit {

// One connected polygon of a batch's unsupplied land.
struct UnsuppliedPiece {
    std::size_t batch_index = 0;
    WkbGeometry geometry;
    double area_m2 = 0;
    bool sliver = false;    // area < min_overlap_m2
    long park_index = -1;   // park holding most of the piece, -1 none
};

// Supply figures of one batch.
struct BatchSupply {
    double approved_m2 = 0;    // polygon area (planar)
    double supplied_m2 = 0;    // area(batch ∩ union(supplies ≤ as_of))
    double unsupplied_m2 = 0;  // approved − supplied (= Σ piece areas incl. slivers)
    double supply_pct = 0;     // supplied / approved × 100; 0 when approved is 0
    // days_between(approval_date, as_of) / 365.2425; nullopt when the date is missing/unreadable.
    std::optional<double> age_years;
    // "≤2y", "2–5y", ">5y" from the configured boundaries; "unknown" without a date. Boundaries go by
    // calendar date: age ≤ 2 years ⇔ as_of ≤ add_years(approval_date, 2).
    std::string bucket;
    // A full 2 calendar years since approval (as_of ≥ add_years(approval_date, 2)) with nothing
    // supplied (supplied area 0, or below min_overlap_m2: boundary noise); 增存挂钩 2018.
    bool lapsed = false;
    long park_index = -1;      // park holding most of the batch, -1 none
};

// Sums over the batches' parts inside one park (batch ∩ park).
struct ParkSupply {
    double approved_m2 = 0, supplied_m2 = 0, unsupplied_m2 = 0;
    double supply_pct = 0;  // 0 when approved is 0
};

struct UnsuppliedResult {
    std::vector<UnsuppliedPiece> pieces;
    std::vector<BatchSupply> batches;  // parallel to the batches
    std::vector<ParkSupply> parks;     // parallel to the parks
    std::vector<std::size_t> supplies_outside;  // supplies (≤ as_of) overlapping no batch: a finding
    std::vector<std::size_t> supplies_after;    // supplies dated after as_of (excluded)
};

// The bucket label of an approval `age` old on as_of, for sorted boundaries in years, e.g. {2, 5}
// → "≤2y", "2–5y", ">5y". Whole-year boundaries compare calendar dates (add_years).
std::string age_bucket(CivilDate approval, CivilDate as_of, const std::vector<double>& boundaries);

// Geometries are valid (hygiene ran) and in the working CRS. Diagnostics:
//  - supplied / unreadable_date (skipped): supply without a readable date, excluded;
//  - supplied / supply_without_approval (reported): supply overlapping no batch (also in supplies_outside);
//  - approved / unreadable_date (reported): batch without a readable approval date (bucket "unknown");
//  - approved / area_mismatch (reported): recorded area differs from the polygon area by more than
//    area_tolerance_pct % of the polygon area;
//  - approved / overlay_fallback (reported): a GEOS overlay needed the 1 mm grid retry.
UnsuppliedResult compute_unsupplied(GeosContext& ctx, const std::vector<ApprovalBatch>& batches,
                                    const std::vector<SupplyRecord>& supplies, const std::vector<Park>& parks,
                                    CivilDate as_of, const UnsuppliedConfig& config, double min_overlap_m2,
                                    Diagnostics& diag);

// A record's date, or nullopt with an unreadable_date diagnostic: a supply without a readable date
// is not counted (skipped); a batch without one has no age (reported).
std::optional<CivilDate> supply_date(const SupplyRecord& supply, Diagnostics& diag);
std::optional<CivilDate> approval_date(const ApprovalBatch& batch, Diagnostics& diag);

}  // namespace landaudit
