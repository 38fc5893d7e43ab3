// Intensity grading (亩均评价): applying a rule set to a parcel or a park, combining sets, the
// low-efficiency flag, the seed 003 exit rule, and the reasons shown to people (land-rules §6).
// The numbers all come from the RuleSet; nothing here is a policy number.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/intensity/intensity_types.h"
#include "layers/rule_set.h"

namespace landaudit {

// Applies a rule set to one parcel.
// Thresholds method: the applicable thresholds are those with parcels=true whose levels, industries
// and land uses match the subject (empty list = any; industries and land uses match by prefix, and
// "13" also matches "C1310" since GB/T 4754-2017 codes may carry the section letter). A threshold
// that names levels cannot be decided for a subject whose level is "": the verdict is NA with
// "park level unknown: map it in [intensity.levels]". A parcel outside the set's `land_uses`, or one
// no threshold applies to, is not applicable (applicable=false, NA). Any applicable indicator
// unknown → NA naming the missing input, never D. Otherwise the grade is the first band whose
// max_failed ≥ the number of failed checks (a band without max_failed catches all).
// Score method: score = Σ weight × min(value / benchmark, cap) (cap 0 = none); any part unknown →
// NA naming it; grade = first band with min_score ≤ score (a band without min_score catches all).
// Its checks list the parts (threshold_id empty; a part never fails: passed = value known).
GradeVerdict grade_parcel(const RuleSet& rules, const GradingSubject& subject);

// Park pass/fail on the thresholds with parks=true that match the park's level (industry and
// land-use filters are for parcels and are ignored). "FAIL" if any known check fails, else "NA" if
// a check is unknown, the level is unknown or no threshold applies (applicable=false), else "PASS".
GradeVerdict check_park(const RuleSet& rules, const GradingSubject& park);

// One grade from several rule sets for one parcel: NA if any applicable set is NA (na_reason lists
// the NA sets' reasons, "<set>: <reason>", in the order given), else the worst grade (A < B < C < D).
// Sets that are not applicable are ignored; none applicable → NA "no rule set applies".
std::string combined_grade(const std::vector<GradeVerdict>& verdicts, std::string* na_reason);

// LOW_EFFICIENCY: a parcel that fails one or more applicable thresholds (a check whose value is
// known and does not pass, even if another input of that set is unknown), or whose grade in any
// applicable rule set is C or D. Unknown values never make a parcel low-efficiency.
bool is_low_efficiency(const std::vector<GradeVerdict>& verdicts);

// Seed 003 exit rule. `passed_by_year`: year → whether the parcel met the set's thresholds that
// year (years graded NA are absent). True (EXIT_WARNING) when the `years_below` consecutive years
// ending with `graded_year` are all present and all failed. `text` (optional) explains the outcome.
bool exit_warning(const ExitRule& rule, const std::map<int, bool>& passed_by_year, int graded_year,
                  std::string* text);

// The reason for one check, for people:
//   "亩均税收 tax_mu 25.30 万元/亩 < 30 ✗ [kunming-2021 km21-tax-national; seed 000 …]"
//   "亩均税收 tax_mu unknown (no economics row for 2024) [kunming-2021 km21-tax-national; seed 000 …]"
// The comparison shown is the one that decided: ≥/> when a minimum passes, </≤ when it fails, and
// the mirror for maximums. The source is the threshold's, else the rule set's.
std::string check_text(const Threshold& t, const RuleSet& rules, std::optional<double> value, bool passed,
                       const std::string& missing);

}  // namespace landaudit
