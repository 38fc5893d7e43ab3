// Intensity grading: rule sets applied to parcels and parks (land-rules §6).
#include "engine/intensity/intensity_grading.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "layers/indicators.h"

namespace landaudit {
namespace {

const char* const kLevelUnknown = "park level unknown: map it in [intensity.levels]";

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

// Indicator values: 2 decimals. Limits and ratios from rule sets: as written ("30", "0.8").
std::string fixed2(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
std::string plain(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// Indicators are quotients (tax ÷ 亩), so a value "exactly at" a limit may land an ulp either side.
bool at_limit(double value, double limit) {
    return std::fabs(value - limit) <= 1e-9 * std::max(1.0, std::fabs(limit));
}
bool passes_min(const Threshold& t, double v) {
    if (!t.min) return true;
    return t.exclusive ? v > *t.min && !at_limit(v, *t.min) : v > *t.min || at_limit(v, *t.min);
}
bool passes_max(const Threshold& t, double v) {
    if (!t.max) return true;
    return t.exclusive ? v < *t.max && !at_limit(v, *t.max) : v < *t.max || at_limit(v, *t.max);
}

// GB/T 4754-2017 codes may carry the section letter ("C1310"); the digits alone are unique.
std::string_view without_section(std::string_view code) {
    if (code.size() >= 2 && std::isalpha(static_cast<unsigned char>(code[0])) &&
        std::isdigit(static_cast<unsigned char>(code[1])))
        code.remove_prefix(1);
    return code;
}
bool industry_matches(const std::vector<std::string>& prefixes, const std::string& industry) {
    if (prefixes.empty()) return true;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
        return !industry.empty() && (std::string_view(industry).starts_with(p) ||
                                     without_section(industry).starts_with(without_section(p)));
    });
}
bool land_use_matches(const std::vector<std::string>& prefixes, const std::string& land_use) {
    if (prefixes.empty()) return true;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
        return !land_use.empty() && std::string_view(land_use).starts_with(p);
    });
}

// A value, or why there is none (the input named by IndicatorSet::missing).
std::pair<std::optional<double>, std::string> lookup(const GradingSubject& s, const std::string& code) {
    if (!s.indicators) return {std::nullopt, "no indicators computed"};
    if (auto v = s.indicators->get(code)) {
        if (std::isfinite(*v)) return {v, ""};
        return {std::nullopt, "not a finite number"};
    }
    auto it = s.indicators->missing.find(code);
    return {std::nullopt, it != s.indicators->missing.end() ? it->second : "no value"};
}

void add_unique(std::vector<std::string>& list, std::string item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// The thresholds of a set applied to a parcel (filters on industry and land use) or a park.
struct Evaluation {
    std::vector<CheckVerdict> checks;
    int failed = 0;
    std::vector<std::string> unknown;  // "tax_mu unknown: no economics row for 2024"
    bool level_unknown = false;        // a threshold naming levels met a subject without one
};

Evaluation evaluate(const RuleSet& rules, const GradingSubject& s, bool park) {
    Evaluation e;
    for (const auto& t : rules.thresholds) {
        if (park ? !t.parks : !t.parcels) continue;
        if (!park && (!industry_matches(t.industries, s.industry) || !land_use_matches(t.land_uses, s.land_use)))
            continue;
        if (!t.levels.empty()) {
            if (s.level.empty()) {
                e.level_unknown = true;
                continue;
            }
            if (std::find(t.levels.begin(), t.levels.end(), s.level) == t.levels.end()) continue;
        }
        auto [value, why] = lookup(s, t.indicator);
        CheckVerdict c;
        c.rule_set = rules.name;
        c.threshold_id = t.id;
        c.indicator = t.indicator;
        c.value = value;
        c.passed = value && passes_min(t, *value) && passes_max(t, *value);
        c.text = check_text(t, rules, value, c.passed, why);
        if (!value)
            add_unique(e.unknown, t.indicator + " unknown: " + why);
        else if (!c.passed)
            ++e.failed;
        e.checks.push_back(std::move(c));
    }
    return e;
}

GradeVerdict not_applicable(GradeVerdict v, std::string reason) {
    v.applicable = false;
    v.grade = "NA";
    v.na_reason = std::move(reason);
    return v;
}

std::string or_unknown(const std::string& s) { return s.empty() ? "unknown" : s; }

// Why an evaluation cannot grade: the unknown park level first, then each unknown input.
std::string na_reason_of(const Evaluation& e) {
    std::vector<std::string> reasons;
    if (e.level_unknown) reasons.push_back(kLevelUnknown);
    reasons.insert(reasons.end(), e.unknown.begin(), e.unknown.end());
    return join(reasons, "; ");
}

GradeVerdict grade_by_thresholds(const RuleSet& rules, const GradingSubject& s, GradeVerdict v) {
    Evaluation e = evaluate(rules, s, false);
    v.checks = std::move(e.checks);
    if (v.checks.empty() && !e.level_unknown)
        return not_applicable(std::move(v), "no threshold of " + rules.name + " applies (level " +
                                                 or_unknown(s.level) + ", industry " + or_unknown(s.industry) +
                                                 ", land use " + or_unknown(s.land_use) + ")");
    if (e.level_unknown || !e.unknown.empty()) {
        v.grade = "NA";
        v.na_reason = na_reason_of(e);
        return v;
    }
    for (const auto& band : rules.grades)
        if (!band.max_failed || *band.max_failed >= e.failed) {
            v.grade = band.grade;
            return v;
        }
    v.grade = "NA";
    v.na_reason = "no grade band of " + rules.name + " covers " + std::to_string(e.failed) + " failed checks";
    return v;
}

std::string part_source(const ScorePart& p, const RuleSet& rules) {
    const std::string& src = p.source.empty() ? rules.source : p.source;
    return " [" + rules.name + " score" + (src.empty() ? "" : "; " + src) + "]";
}

std::string label_and_code(const std::string& code) {
    const IndicatorInfo* info = find_indicator(code);
    return info ? info->label + " " + code : code;
}

std::string with_unit(const std::string& code, double value) {
    const IndicatorInfo* info = find_indicator(code);
    return fixed2(value) + (info && !info->unit.empty() ? " " + info->unit : "");
}

GradeVerdict grade_by_score(const RuleSet& rules, const GradingSubject& s, GradeVerdict v) {
    if (rules.score_parts.empty()) return not_applicable(std::move(v), rules.name + " has no score parts");
    double score = 0;
    std::vector<std::string> unknown;
    for (const auto& p : rules.score_parts) {
        auto [value, why] = lookup(s, p.indicator);
        CheckVerdict c;
        c.rule_set = rules.name;
        c.indicator = p.indicator;
        c.value = value;
        c.passed = value.has_value();  // a part never fails on its own; it only adds to the score
        if (!value) {
            add_unique(unknown, p.indicator + " unknown: " + why);
            c.text = label_and_code(p.indicator) + " unknown (" + why + ")" + part_source(p, rules);
        } else if (!(p.benchmark > 0)) {
            // A zero benchmark (a district average not filled in) would divide by zero.
            add_unique(unknown, p.indicator + " benchmark " + plain(p.benchmark) + " unusable in " + rules.name);
            c.text = label_and_code(p.indicator) + " " + with_unit(p.indicator, *value) + " ÷ benchmark " +
                     plain(p.benchmark) + ": unusable" + part_source(p, rules);
        } else {
            double ratio = *value / p.benchmark;
            bool capped = p.cap > 0 && ratio > p.cap;
            if (capped) ratio = p.cap;
            double points = p.weight * ratio;
            score += points;
            c.text = label_and_code(p.indicator) + " " + with_unit(p.indicator, *value) + " ÷ " + plain(p.benchmark) +
                     (capped ? " (capped at " + plain(p.cap) + ")" : "") + " × " + plain(p.weight) + " = " +
                     fixed2(points) + part_source(p, rules);
        }
        v.checks.push_back(std::move(c));
    }
    if (!unknown.empty()) {
        v.grade = "NA";
        v.na_reason = join(unknown, "; ");
        return v;
    }
    v.score = score;
    for (const auto& band : rules.grades)
        if (!band.min_score || score > *band.min_score || at_limit(score, *band.min_score)) {
            v.grade = band.grade;
            return v;
        }
    v.grade = "NA";
    v.na_reason = "no grade band of " + rules.name + " covers score " + fixed2(score);
    return v;
}

}  // namespace

GradeVerdict grade_parcel(const RuleSet& rules, const GradingSubject& subject) {
    GradeVerdict v;
    v.rule_set = rules.name;
    if (!land_use_matches(rules.land_uses, subject.land_use))
        return not_applicable(std::move(v), "not graded by " + rules.name + ": land use " +
                                                or_unknown(subject.land_use) + " is not in " +
                                                join(rules.land_uses, ", "));
    return rules.method == RuleSet::Method::Score ? grade_by_score(rules, subject, std::move(v))
                                                  : grade_by_thresholds(rules, subject, std::move(v));
}

GradeVerdict check_park(const RuleSet& rules, const GradingSubject& park) {
    GradeVerdict v;
    v.rule_set = rules.name;
    Evaluation e = evaluate(rules, park, true);
    v.checks = std::move(e.checks);
    if (e.failed > 0) {
        v.grade = "FAIL";  // a known failure stands whatever else is unknown
        return v;
    }
    if (v.checks.empty() && !e.level_unknown)
        return not_applicable(std::move(v),
                              "no park threshold of " + rules.name + " applies to level " + or_unknown(park.level));
    if (e.level_unknown || !e.unknown.empty()) {
        v.grade = "NA";
        v.na_reason = na_reason_of(e);
        return v;
    }
    v.grade = "PASS";
    return v;
}

std::string combined_grade(const std::vector<GradeVerdict>& verdicts, std::string* na_reason) {
    bool any = false;
    std::vector<std::string> na;
    std::string worst;
    for (const auto& v : verdicts) {
        if (!v.applicable) continue;
        any = true;
        if (v.grade == "NA")
            na.push_back(v.rule_set + ": " + (v.na_reason.empty() ? "NA" : v.na_reason));
        else if (worst.empty() || v.grade > worst)  // grade letters run best first: "A" < "D"
            worst = v.grade;
    }
    std::string reason = !any ? "no rule set applies" : join(na, "; ");
    if (na_reason) *na_reason = reason;
    return reason.empty() ? worst : "NA";
}

bool is_low_efficiency(const std::vector<GradeVerdict>& verdicts) {
    for (const auto& v : verdicts) {
        if (!v.applicable) continue;
        if (v.grade == "C" || v.grade == "D") return true;
        for (const auto& c : v.checks)
            if (c.value && !c.passed) return true;
    }
    return false;
}

bool exit_warning(const ExitRule& rule, const std::map<int, bool>& passed_by_year, int graded_year,
                  std::string* text) {
    std::string out;
    bool warn = false;
    if (rule.years_below < 1) {
        out = "exit rule needs years_below ≥ 1";
    } else {
        // Walk back from the graded year while the parcel stayed below.
        std::vector<std::string> below;
        std::string stop;
        for (int y = graded_year; y > graded_year - rule.years_below; --y) {
            auto it = passed_by_year.find(y);
            if (it == passed_by_year.end()) {
                stop = std::to_string(y) + " not graded";
                break;
            }
            if (it->second) {
                stop = std::to_string(y) + " met the entry threshold";
                break;
            }
            below.insert(below.begin(), std::to_string(y));
        }
        std::string source = rule.source.empty() ? "" : " (" + rule.source + ")";
        if (static_cast<int>(below.size()) == rule.years_below) {
            warn = true;
            std::string grace = rule.grace_years <= 0
                                    ? "exit (清退) without grace"
                                    : std::to_string(rule.grace_years) +
                                          (rule.grace_years == 1 ? " year" : " years") + " of grace until " +
                                          std::to_string(graded_year + rule.grace_years) + ", then exit (清退)";
            out = join(below, ", ") + " below the entry threshold" + source + ": " + grace;
        } else if (below.empty()) {
            out = stop + ": no exit warning" + source;
        } else {
            out = join(below, ", ") + " below the entry threshold, " + std::to_string(below.size()) + " of " +
                  std::to_string(rule.years_below) + " years running (" + stop + "): no exit warning" + source;
        }
    }
    if (text) *text = out;
    return warn;
}

std::string check_text(const Threshold& t, const RuleSet& rules, std::optional<double> value, bool passed,
                       const std::string& missing) {
    const std::string& src = t.source.empty() ? rules.source : t.source;
    // [U]: the threshold is a placeholder or not checked against its text; a reader must see that.
    std::string ref = " [" + rules.name + " " + t.id + (t.verified ? "" : " [U]") + (src.empty() ? "" : "; " + src) + "]";
    if (!value) return label_and_code(t.indicator) + " unknown" + (missing.empty() ? "" : " (" + missing + ")") + ref;

    // The comparison that decided: the bound that failed, or every bound that passed.
    std::string cmp;
    const std::string ge = t.exclusive ? ">" : "≥", le = t.exclusive ? "<" : "≤";
    const std::string lt = t.exclusive ? "≤" : "<", gt = t.exclusive ? "≥" : ">";
    if (t.min && !passes_min(t, *value))
        cmp = " " + lt + " " + plain(*t.min);
    else if (t.max && !passes_max(t, *value))
        cmp = " " + gt + " " + plain(*t.max);
    else {
        if (t.min) cmp += " " + ge + " " + plain(*t.min);
        if (t.max) cmp += std::string(t.min ? "," : "") + " " + le + " " + plain(*t.max);
    }
    return label_and_code(t.indicator) + " " + with_unit(t.indicator, *value) + cmp + (passed ? " ✓" : " ✗") + ref;
}

}  // namespace landaudit
