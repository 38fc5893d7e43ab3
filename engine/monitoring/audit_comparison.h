// Two audits of the same parks compared (issue 10): what changed per park and parcel, what became
// of the 批而未供 and idle land of the earlier date (存量消化, 增存挂钩), and the conflicts that
// appeared or left. Works on the GeoPackages read back (layers/audit_output.h), so any two
// landaudit outputs can be compared; fields are looked up by their contract names.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "engine/monitoring/growth_targets.h"
#include "layers/audit_output.h"
#include "layers/output_table.h"

namespace landaudit {

struct CompareOptions {
    MonitoringTargets targets;
    double min_match_share = 0.5;  // geometry match: overlap ≥ this share of either parcel
    // Slivers of the disposal and conflict differences; the later audit's own (run_info) when it has one.
    double min_overlap_m2 = 1.0;
};

// Per park, m² planar (also in park_change).
struct ParkDisposal {
    std::string park_id, name;
    double unsupplied_stock = 0, unsupplied_disposed = 0;
    double idle_stock = 0, idle_disposed = 0;
};

struct ComparisonCounts {
    int by_id = 0, by_geometry = 0, added = 0, gone = 0;  // parcel matches (a split counts each part)
    int status_changed = 0, grade_changed = 0, idle_changed = 0;
    int new_conflicts = 0, left_conflicts = 0;  // conflict_change rows
    int diagnostics = 0;
};

struct ComparisonResult {
    // park_change, parcel_change, disposal, conflict_change, diagnostics (docs/outputs.md).
    std::vector<OutputTable> tables;
    std::vector<ParkDisposal> parks;  // the later audit's parks in order, then those only in the earlier
    ComparisonCounts counts;
    int years = 0;  // calendar years between the two as_of dates; 0 when either is unknown
};

// Throws AuditError (Input) when an output lacks its parcels or parks layer, or the two are in
// different working CRSs.
ComparisonResult compare_audits(GeosContext& ctx, const AuditOutput& earlier, const AuditOutput& later,
                                const CompareOptions& options);

}  // namespace landaudit
