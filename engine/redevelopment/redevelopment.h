// Land for redevelopment, as one step of the audit: idle land per parcel (闲置土地), approved but
// unsupplied land per batch (批而未供), and the ranked candidates of the five kinds.
#pragma once

#include <memory>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/redevelopment/candidates.h"
#include "engine/compliance/compliance.h"
#include "engine/redevelopment/idle_land.h"
#include "engine/intensity/intensity.h"
#include "engine/redevelopment/unsupplied_land.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

struct ParkRedevelopment {
    std::optional<double> approved_m2, supplied_m2, supply_pct, unsupplied_m2;  // null without [approved]
    std::optional<double> idle_m2;       // parcels idle_1y, idle_2y or gov_delay; null without idle facts
    std::optional<double> idle_pct;      // idle ÷ supplied parcel area × 100
    std::map<std::string, std::size_t> candidates;  // kind → count
};

struct RedevelopmentResult {
    bool idle_evaluated = false;         // parcels carry idle facts and [audit] as_of is set
    std::vector<IdleVerdict> idle;       // parallel to parcels (empty when not evaluated)
    bool unsupplied_evaluated = false;   // [approved] configured
    UnsuppliedResult unsupplied;
    // Every candidate, read in rank order with for_each_ranked (null: none collected yet).
    std::shared_ptr<CandidateStore> candidates;
    std::vector<ParkRedevelopment> parks;  // parallel to parks
    Diagnostics diagnostics;
};

// The redevelopment step a chunk of parcels at a time, for the streamed audit: assess() each
// chunk in order (idle land and the parcel candidates, added to the inputs' candidate store), then
// finish(): 批而未供 per batch, park totals; the candidates are ranked as they are read. Results do
// not depend on the chunks.
class RedevelopmentPass {
public:
    RedevelopmentPass(const AuditInputs& in, const AuditConfig& config);  // both must outlive the pass
    ~RedevelopmentPass();
    RedevelopmentPass(const RedevelopmentPass&) = delete;
    RedevelopmentPass& operator=(const RedevelopmentPass&) = delete;

    // Idle verdicts parallel to `parcels`, empty when idle land is not evaluated.
    std::vector<IdleVerdict> assess(const std::vector<Parcel>& parcels, const std::vector<ParcelCompliance>& compliance,
                                    const std::vector<ParcelIntensity>& intensity);
    bool idle_evaluated() const;  // known once a chunk has been assessed
    RedevelopmentResult finish();  // idle left empty: assess() gave it

private:
    struct State;
    std::unique_ptr<State> m_state;
};

RedevelopmentResult run_redevelopment(const AuditInputs& inputs, const ComplianceResult& compliance,
                                      const IntensityResult& intensity, const AuditConfig& config,
                                      const ProgressFn& progress);

// The unreadable_date diagnostics a run would give, without the analysis: what `check` lists
// before a run. In two parts, as `check` reads the parcels a chunk at a time: a chunk's idle
// dates; then the batches' approval dates and the supply records' dates.
void report_unreadable_parcel_dates(const std::vector<Parcel>& parcels, const AuditConfig& config,
                                    Diagnostics& diagnostics);
void report_unreadable_batch_dates(const AuditInputs& inputs, const AuditConfig& config, Diagnostics& diagnostics);

// Idle statuses that make a parcel idle land (flag IDLE): determined idle, fee or reclaim, or
// government-caused (negotiated disposal).
bool is_determined_idle(IdleStatus status);

}  // namespace landaudit
