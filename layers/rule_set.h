// A rule set: thresholds and grading taken from one policy document, each with its source.
// Rule sets are data (rules/*.toml, read by io/rule_set_loader); nothing here is a number from a
// policy document.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace landaudit {

// One check: indicator ≥ min and/or ≤ max, for the parks levels, industries and land uses named.
struct Threshold {
    std::string id;         // short code used in reasons, e.g. "km21-inv-national"
    std::string indicator;  // code from layers/indicators.h
    std::optional<double> min;  // passes when value ≥ min (a value exactly at min passes)
    std::optional<double> max;  // passes when value ≤ max
    bool exclusive = false;  // "超过"/"低于": strictly > min / < max; default "以上/不低于": inclusive
    std::vector<std::string> levels;      // rule-set levels ("national", ...); empty = every level
    std::vector<std::string> industries;  // GB/T 4754 code prefixes ("13", "C13"); empty = all
    std::vector<std::string> land_uses;   // land-use code prefixes ("0601", "1001"); empty = all
    bool parcels = true;  // applies to parcels (per-parcel grading)
    bool parks = true;    // applies to parks as a whole (park pass/fail)
    std::string source;   // seed file and clause, or document number
    bool verified = false;  // checked against the text ([V]) or not ([U])
    // Stars method: the lowest star band that requires this check (it is required by every band
    // above too).
    std::optional<int> stars;
};

// Grade bands, best first. Thresholds method: the first band whose max_failed ≥ the number of
// failed checks. Score method: the first band whose min_score ≤ the score.
struct GradeBand {
    std::string grade;  // "A", "B", "C", "D"
    std::optional<int> max_failed;
    std::optional<double> min_score;
    std::string meaning;  // e.g. "优先发展类"
    // Stars method: the band's star count (三星 = 3) and how many parks the document aims to rate
    // at exactly this band by `target_year`, with its source.
    std::optional<int> stars;
    std::optional<int> target;
    std::optional<int> target_year;
    std::string target_source;
    bool target_verified = false;
};

// Score method part: weight × min(value / benchmark, cap).
struct ScorePart {
    std::string indicator;
    double weight = 0;
    double benchmark = 0;  // e.g. the district average; a parameter of the region and year
    double cap = 0;        // largest value/benchmark ratio counted; 0 = no cap
    std::string source;
    bool verified = false;
};

// Seed 003: below the entry threshold `years_below` years running → `grace_years` of grace → exit.
struct ExitRule {
    int years_below = 2;
    int grace_years = 1;
    std::string source;
    bool verified = false;
};

// Methods: Thresholds and Score grade parcels (and check parks); Stars rates parks only (星级园区):
// a park reaches a band when it passes every threshold whose `stars` is at most the band's.
struct RuleSet {
    enum class Method { Thresholds, Score, Stars };
    std::string name;    // e.g. "kunming-2021"
    std::string title;   // Chinese title of the document
    std::string source;  // the document: seed file, issuer, date, number
    Method method = Method::Thresholds;
    std::vector<std::string> levels;  // park levels the set distinguishes; empty = none
    std::vector<std::string> land_uses;  // land-use prefixes of the parcels it grades; empty = all
    std::vector<Threshold> thresholds;
    std::vector<GradeBand> grades;
    std::vector<ScorePart> score_parts;
    std::optional<ExitRule> exit_rule;
    std::string path;  // file it was read from
};

}  // namespace landaudit
