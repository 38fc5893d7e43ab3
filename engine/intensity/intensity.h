// The intensity analysis (亩均论英雄) as one step of the audit: measures, the economics join,
// indicators per parcel and per park, grading against the configured rule sets, the exit rule, and
// the 标准地 contract checks on the measured indicators.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity_types.h"
#include "engine/intensity/park_stars.h"
#include "engine/intensity/standard_land.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

struct ParcelIntensity {
    ParcelMeasures measures;
    ParcelFigures figures;  // graded year
    IndicatorSet indicators;
    std::vector<GradeVerdict> verdicts;  // one per rule set
    std::string grade = "NA";            // combined: worst of the applicable sets, NA if any is NA
    std::optional<double> score;         // from the first score-method set
    std::string reasons;                 // every verdict and check, for people
    bool low_efficiency = false;
    bool exit_warning = false;
    std::optional<StandardLandVerdict> standard_land;  // 标准地 parcels only (any std_* value recorded)
};

struct ParkIntensity {
    IndicatorSet indicators;
    std::vector<GradeVerdict> checks;  // one per rule set
    std::string pass = "NA";           // PASS, FAIL or NA over all rule sets
    std::map<std::string, std::size_t> grade_counts;  // parcel grade → parcels of the park
    std::string reasons;
    std::vector<StarRating> stars;  // one per stars rule set, filled by rate_park_stars after redevelopment
};

struct IntensityResult {
    int year = 0;  // graded year; 0 when there is no economics table and no [intensity] year
    std::vector<ParcelIntensity> parcels;  // parallel to AuditInputs::parcels
    std::vector<ParkIntensity> parks;      // parallel to AuditInputs::parks
    Diagnostics diagnostics;
};

// A park's level in rule-set terms: [intensity.levels] first, else the data's own word when one of
// `sets` uses it, else unknown ("").
std::string rule_level(const std::string& data_level, const AuditConfig& config, const std::vector<RuleSet>& sets);

// The intensity step a chunk of parcels at a time, for the streamed audit: count() every parcel
// first when an economics table is joined (its shares need each enterprise's land over all its
// parcels), then assess() the chunks in order, then finish() the parks. Results do not depend on
// the chunks. What the park figures need of each parcel is kept, compactly, until finish().
class IntensityPass {
public:
    IntensityPass(const AuditInputs& in, const AuditConfig& config);  // both must outlive the pass
    ~IntensityPass();
    IntensityPass(const IntensityPass&) = delete;
    IntensityPass& operator=(const IntensityPass&) = delete;

    // The buildings layer, once taken in (take_in_buildings, BuildingIntake::finish), before the
    // first assess(): pass 1 needs no buildings, so it may run while they are stored. Throws
    // AuditError (Internal) when they were not taken in: counted as none they would give wrong figures.
    void take_buildings();
    bool needs_count() const;  // an economics table is joined
    // Pass 1: parcels (after hygiene) with their planar areas.
    void count(const std::vector<Parcel>& parcels, const std::vector<double>& areas_m2);
    void counted();  // after the last count(): keys that matched no parcel
    // Pass 2: results parallel to `parcels`.
    std::vector<ParcelIntensity> assess(const std::vector<Parcel>& parcels, const std::vector<ParcelCompliance>& compliance);
    // The graded year, the parks and the diagnostics (parcels left empty: assess() gave them).
    IntensityResult finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Always runs: without economics or rule sets the indicators that can be measured (FAR,
// coverage) are still computed and grades are NA with the reason.
IntensityResult run_intensity(const AuditInputs& inputs, const ComplianceResult& compliance,
                              const AuditConfig& config, const ProgressFn& progress);

}  // namespace landaudit
