// The compliance analysis: every parcel and park against red line and farmland, and each
// parcel's park (largest share) and in-park percentage.
#pragma once

#include <memory>

#include <string>
#include <vector>

#include "layers/audit_inputs.h"
#include "layers/geometry_blob.h"
#include "layers/progress.h"

namespace landaudit {

struct ConflictPiece {
    LayerRole layer = LayerRole::Redline;
    WkbGeometry geometry;
    double area_m2 = 0.0;
    bool sliver = false;
    std::vector<std::string> constraint_ids;
};

// What both parcels and parks get. Areas are planar in the working CRS, except area_e_m2.
struct SubjectCompliance {
    double area_m2 = 0.0;
    double area_e_m2 = 0.0;  // ellipsoidal, CGCS2000
    double red_m2 = 0.0;     // slivers included
    double farm_m2 = 0.0;
    bool red_conflict = false;   // an overlap piece ≥ min_overlap_m2
    bool farm_conflict = false;
    bool red_sliver_only = false;
    bool farm_sliver_only = false;
    std::vector<ConflictPiece> pieces;
};

struct ParcelCompliance : SubjectCompliance {
    long park_index = -1;     // -1: in no park
    double inpark_pct = 0.0;  // share of the parcel inside its park, 0–100
    bool outside_park = false;
    std::vector<std::string> flags;  // REDLINE, FARMLAND, OUTSIDE_PARK, *_SLIVER
};

struct ParkCompliance : SubjectCompliance {
    std::size_t n_parcels = 0;   // parcels assigned to the park
    std::size_t n_conflict = 0;  // of those, parcels with a red-line or farmland conflict
};

struct ComplianceOptions {
    double min_overlap_m2 = 1.0;
    int threads = 0;  // 0 = all cores
};

struct ComplianceResult {
    std::vector<ParcelCompliance> parcels;  // parallel to AuditInputs::parcels
    std::vector<ParkCompliance> parks;      // parallel to AuditInputs::parks
    Diagnostics diagnostics;                // overlay fallbacks taken
};

// The parcel side of compliance, one chunk of parcels at a time, for a streamed audit: the parks
// and constraint layers of `in` (not its parcels) are indexed once, and each worker thread keeps
// its GEOS context and parsed copies of them from one chunk to the next. `in` must outlive it.
class ParcelCompliancePass {
public:
    ParcelCompliancePass(const AuditInputs& in, const ComplianceOptions& options);
    ~ParcelCompliancePass();
    ParcelCompliancePass(const ParcelCompliancePass&) = delete;
    ParcelCompliancePass& operator=(const ParcelCompliancePass&) = delete;

    // Results parallel to `parcels` (valid geometries, after hygiene); overlay fallbacks are added
    // to `diagnostics` in feature order. Results do not depend on the thread count or the chunking.
    std::vector<ParcelCompliance> measure(const std::vector<Parcel>& parcels, Diagnostics& diagnostics,
                                          const ProgressFn& progress);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Adds each parcel to its park's n_parcels (and n_conflict); parks parallel to AuditInputs::parks.
void count_park_parcels(const std::vector<ParcelCompliance>& parcels, std::vector<ParkCompliance>& parks);

// The parks themselves against red line and farmland (parks resized to in.parks; counts kept).
void measure_parks(const AuditInputs& in, const ComplianceOptions& options, std::vector<ParkCompliance>& parks,
                   Diagnostics& diagnostics, const ProgressFn& progress);

// Parcels are processed in chunks by a pool of workers, each with its own GEOS context and
// lazily parsed copies of the constraint layers; results do not depend on the thread count.
ComplianceResult run_compliance(const AuditInputs& inputs, const ComplianceOptions& options,
                                const ProgressFn& progress);

}  // namespace landaudit
