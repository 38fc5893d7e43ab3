// Growth rates and their targets.
#include "engine/monitoring/growth_targets.h"

#include <cmath>
#include <cstdio>

namespace landaudit {

std::optional<double> annual_growth_pct(std::optional<double> v0, std::optional<double> v1, double years) {
    if (!v0 || !v1 || *v0 <= 0 || *v1 < 0 || years <= 0) return std::nullopt;
    return (std::pow(*v1 / *v0, 1.0 / years) - 1.0) * 100.0;
}

TargetCheck check_target(const GrowthTarget& target, std::optional<double> v) {
    const char* unit = target.kind == GrowthTarget::Kind::Growth ? " %/yr" : " %";
    char threshold[64];
    std::snprintf(threshold, sizeof threshold, "%g%s", target.min_pct, unit);
    if (!v) return {target.name + " " + target.field + ": no data (target ≥ " + threshold + ", " + target.source + ")",
                    std::nullopt};
    char value[64];
    std::snprintf(value, sizeof value, "%.2f%s", *v, unit);
    const bool ok = *v >= target.min_pct;
    return {target.name + " " + target.field + " " + value + (ok ? " ≥ " : " < ") + threshold + ": " +
                (ok ? "PASS" : "FAIL") + " (" + target.source + ")",
            ok};
}

std::string overall(const std::vector<TargetCheck>& checks) {
    bool any = false;
    for (const auto& c : checks) {
        if (!c.passed) continue;
        if (!*c.passed) return "FAIL";
        any = true;
    }
    return any ? "PASS" : "NA";
}

}  // namespace landaudit
