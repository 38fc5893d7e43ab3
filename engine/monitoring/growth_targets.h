// Yearly targets on indicators between two audits (rules/monitoring-targets.toml): growth of a
// per-mu indicator (Ya'an 2021: 亩均营业收入年均增长 7 %), or a yearly change already measured by the
// audit (Xuchang 2019: 单位工业增加值能耗年均下降 4 %, the parks' energy_chg).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace landaudit {

struct GrowthTarget {
    enum class Kind {
        Growth,  // the field's annualised growth between the audits is at least min_pct %/yr
        Value,   // the field at the later date is at least min_pct (the field is itself a yearly change, in %)
    };
    std::string name;                 // e.g. "亩均营业收入年均增长"
    std::vector<std::string> layers;  // "parcels" and/or "parks"
    std::string field;                // e.g. "rev_mu", "energy_chg"
    Kind kind = Kind::Growth;
    double min_pct = 0;
    std::string source;  // seed and article
};

// A disposal target (处置率 ≥ pct). pct empty when no source sets one: the ratio is reported, not judged.
struct DisposalTarget {
    std::optional<double> pct;
    std::string source;
};

struct MonitoringTargets {
    DisposalTarget unsupplied;  // 批而未供处置率
    DisposalTarget idle;        // 闲置土地处置率
    std::vector<GrowthTarget> growth;
    std::string source_file;  // where they came from, for the reasons text
};

// Annualised growth in %: ((v1 / v0)^(1 / years) − 1) × 100. nullopt without both values, when
// v0 ≤ 0, v1 < 0 or years ≤ 0 (a growth rate from nothing is not a number).
std::optional<double> annual_growth_pct(std::optional<double> v0, std::optional<double> v1, double years);

// One checked target: "亩均营业收入年均增长 3.20 %/yr < 7 %/yr: FAIL (source)".
struct TargetCheck {
    std::string text;
    std::optional<bool> passed;  // nullopt: no data
};

// v: the growth (Kind::Growth) or the later value (Kind::Value) of the target's field.
TargetCheck check_target(const GrowthTarget& target, std::optional<double> v);

// "PASS" when every check with data passed, "FAIL" when one failed, "NA" when none had data.
std::string overall(const std::vector<TargetCheck>& checks);

}  // namespace landaudit
