// Star rating of parks: the bands of a stars rule set climbed from the lowest, each band checked
// with the same park check as every rule set (intensity_grading.h), so a star's reasons read alike.
#include "engine/intensity/park_stars.h"

#include <algorithm>

#include "engine/intensity/intensity.h"
#include "engine/intensity/intensity_grading.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"

namespace landaudit {

namespace {

std::vector<const GradeBand*> bands_lowest_first(const RuleSet& rules) {
    std::vector<const GradeBand*> bands;
    for (const GradeBand& g : rules.grades)
        if (g.stars) bands.push_back(&g);
    std::sort(bands.begin(), bands.end(), [](const GradeBand* a, const GradeBand* b) { return *a->stars < *b->stars; });
    return bands;
}

StarBandVerdict rate_band(const RuleSet& rules, const GradeBand& band, const GradingSubject& park) {
    RuleSet own = rules;  // the band's own checks: those below it were checked on the way up
    own.thresholds.clear();
    for (const Threshold& t : rules.thresholds)
        if (t.stars == band.stars) own.thresholds.push_back(t);
    GradeVerdict v = check_park(own, park);
    StarBandVerdict b;
    b.band = band.grade;
    b.stars = *band.stars;
    b.checks = std::move(v.checks);
    if (!v.applicable) {
        b.result = "NA";
        b.na_reason = "no check of the band applies to the park (" + v.na_reason + ")";
    } else {
        b.result = v.grade;
        b.na_reason = v.na_reason;
    }
    return b;
}

std::string band_text(const StarBandVerdict& b) {
    std::string out = b.band + " " + b.result;
    if (b.result == "NA" && !b.na_reason.empty()) out += " — " + b.na_reason;
    std::string checks;
    for (const CheckVerdict& c : b.checks) checks += (checks.empty() ? "" : "; ") + c.text;
    return checks.empty() ? out : out + ": " + checks;
}

std::string rating_text(const StarRating& r, const std::vector<const GradeBand*>& bands) {
    std::string head = r.rule_set + ": ";
    if (!r.stars) {
        head += "NA (" + (bands.empty() ? std::string("no band") : bands.front()->grade) + " undecided)";
    } else if (*r.stars == 0) {
        head += "below " + (bands.empty() ? std::string("every band") : bands.front()->grade);
    } else {
        for (const GradeBand* b : bands)
            if (b->stars == r.stars) head += b->grade;
        if (r.open) head += " (the band above is undecided)";
    }
    std::string out = head;
    for (const StarBandVerdict& b : r.bands) out += " | " + band_text(b);
    return out;
}

}  // namespace

StarRating rate_park(const RuleSet& rules, const GradingSubject& park) {
    StarRating r;
    r.rule_set = rules.name;
    const auto bands = bands_lowest_first(rules);
    bool climbing = true;
    int reached = 0;
    bool lowest_undecided = false;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        r.bands.push_back(rate_band(rules, *bands[i], park));
        const StarBandVerdict& b = r.bands.back();
        if (!climbing) continue;  // still evaluated: the reasons show what the higher bands lack
        if (b.result == "PASS") {
            reached = b.stars;
            continue;
        }
        climbing = false;
        if (b.result == "NA") {
            if (i == 0) lowest_undecided = true;
            else r.open = true;
        }
    }
    if (!lowest_undecided && !bands.empty()) r.stars = reached;
    r.reasons = rating_text(r, bands);
    return r;
}

IndicatorSet star_indicators(const IndicatorSet& intensity, const std::optional<double>& approved_m2,
                             const std::optional<double>& unsupplied_m2, const std::optional<double>& idle_pct,
                             bool idle_evaluated) {
    IndicatorSet out = intensity;
    if (!approved_m2 || !unsupplied_m2)
        out.missing["unsup_pct"] = "批而未供: no [approved] layer in the audit";
    else if (*approved_m2 <= 0)
        out.missing["unsup_pct"] = "approved land: 0 m² in the park, cannot divide by it";
    else
        out.values["unsup_pct"] = *unsupplied_m2 / *approved_m2 * 100.0;
    if (!idle_evaluated)
        out.missing["idle_pct"] = "idle land: not evaluated (needs the parcels' supply facts and [audit] as_of)";
    else if (!idle_pct)
        out.missing["idle_pct"] = "supplied parcel land: 0 m² in the park, cannot divide by it";
    else
        out.values["idle_pct"] = *idle_pct;
    return out;
}

void rate_park_stars(const AuditInputs& in, const AuditConfig& config, const RedevelopmentResult& redevelopment,
                     IntensityResult& intensity) {
    for (const RuleSet& rules : in.rule_sets) {
        if (rules.method != RuleSet::Method::Stars) continue;
        for (std::size_t k = 0; k < in.parks.size() && k < intensity.parks.size(); ++k) {
            ParkIntensity& park = intensity.parks[k];
            const ParkRedevelopment* d = k < redevelopment.parks.size() ? &redevelopment.parks[k] : nullptr;
            const IndicatorSet indicators =
                d ? star_indicators(park.indicators, d->approved_m2, d->unsupplied_m2, d->idle_pct,
                                    redevelopment.idle_evaluated)
                  : star_indicators(park.indicators, std::nullopt, std::nullopt, std::nullopt, false);
            const GradingSubject subject{rule_level(in.parks[k].level, config, {rules}), "", "", &indicators};
            park.stars.push_back(rate_park(rules, subject));
        }
    }
}

std::vector<std::optional<int>> stars_of_parks(const IntensityResult& intensity, std::size_t set_index) {
    std::vector<std::optional<int>> stars;
    for (const ParkIntensity& p : intensity.parks)
        stars.push_back(set_index < p.stars.size() ? p.stars[set_index].stars : std::nullopt);
    return stars;
}

std::vector<StarTally> tally_stars(const RuleSet& rules, const std::vector<std::optional<int>>& park_stars) {
    std::vector<StarTally> out;
    auto count = [&](std::optional<int> stars) {
        return static_cast<std::size_t>(std::count(park_stars.begin(), park_stars.end(), stars));
    };
    auto bands = bands_lowest_first(rules);
    std::reverse(bands.begin(), bands.end());
    for (const GradeBand* b : bands)
        out.push_back({b->grade, *b->stars, count(b->stars), b->target, b->target_year, b->target_verified});
    out.push_back({"none", 0, count(0), std::nullopt, std::nullopt, false});
    out.push_back({"NA", -1, count(std::nullopt), std::nullopt, std::nullopt, false});
    return out;
}

}  // namespace landaudit
