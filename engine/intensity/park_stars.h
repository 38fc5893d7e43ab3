// Star-rated parks (星级产业园区, seed 001 一、(二) and 二、(四)): a park's intensity and
// redevelopment figures against the bands of a stars rule set (三星/四星/五星), climbing from the
// lowest band while every check of the band passes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/intensity/intensity_types.h"
#include "layers/rule_set.h"

namespace landaudit {

struct AuditInputs;
struct AuditConfig;
struct IntensityResult;
struct RedevelopmentResult;

// One band applied to one park: its own checks (those whose `stars` equals the band's).
struct StarBandVerdict {
    std::string band;   // e.g. "四星"
    int stars = 0;
    std::string result;  // "PASS", "FAIL" or "NA" (check_park on the band's checks)
    std::vector<CheckVerdict> checks;
    std::string na_reason;
};

struct StarRating {
    std::string rule_set;
    // Highest band reached: every check of it and of every band below passes. 0 when the lowest band
    // fails on a known value; nullopt when the lowest band cannot be decided (an indicator unknown).
    std::optional<int> stars;
    bool open = false;  // the band above `stars` is undecided (unknown, not failed): the park may rate higher
    std::vector<StarBandVerdict> bands;  // lowest first
    std::string reasons;                 // every band and check, for people
};

// Rates one park. Bands are taken lowest first; the climb stops at the first band that is not PASS.
// A band with no check that applies to the park's level is NA ("no check applies").
StarRating rate_park(const RuleSet& stars_rules, const GradingSubject& park);

// The park indicators a star set reads: the intensity ones plus unsup_pct (批而未供 ÷ approved × 100)
// and idle_pct (idle ÷ supplied parcel land × 100) from the redevelopment step, each absent with the
// reason when that step did not measure it.
IndicatorSet star_indicators(const IndicatorSet& intensity, const std::optional<double>& approved_m2,
                             const std::optional<double>& unsupplied_m2, const std::optional<double>& idle_pct,
                             bool idle_evaluated);

// The step: every park rated with every stars rule set of the audit, in the configured order, into
// IntensityResult::parks[k].stars. Nothing happens without a stars rule set.
void rate_park_stars(const AuditInputs& in, const AuditConfig& config, const RedevelopmentResult& redevelopment,
                     IntensityResult& intensity);

// Every park's stars by the `set_index`-th stars rule set of the audit (nullopt: not rated).
std::vector<std::optional<int>> stars_of_parks(const IntensityResult& intensity, std::size_t set_index);

// How many parks reach exactly each band of a stars rule set, with the band's target.
struct StarTally {
    std::string band;
    int stars = 0;
    std::size_t parks = 0;
    std::optional<int> target, target_year;
    bool target_verified = false;
};
// Bands best first, then the parks rated below the lowest band (band "none", stars 0) and those
// that cannot be rated (band "NA", stars -1).
std::vector<StarTally> tally_stars(const RuleSet& stars_rules, const std::vector<std::optional<int>>& park_stars);

}  // namespace landaudit
