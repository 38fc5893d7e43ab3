// Reading "亩均税收 tax_mu 25.30 万元/亩 < 30 ✗ [kunming-2021 km21-tax-national; …]" items.
#include "engine/deliverables/report/report_checks.h"

#include <regex>

namespace landaudit {

std::vector<CheckedThreshold> parse_checks(std::string_view checks) {
    // code, value, optional unit, comparison, bound, optional second bound, mark, [set id
    static const std::regex item(
        "([a-z][a-z0-9_]*) (-?[0-9]+(?:\\.[0-9]+)?)(?: [^ \\[;|]+)? (≥|>|<|≤) (-?[0-9]+(?:\\.[0-9]+)?)"
        "(?:, (?:≤|<) -?[0-9]+(?:\\.[0-9]+)?)? (✓|✗) \\[([^ \\]]+) ([^ \\];]+)");
    std::vector<CheckedThreshold> out;
    const std::string text(checks);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), item); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        CheckedThreshold c;
        c.indicator = m[1];
        c.value = std::stod(m[2]);
        c.threshold = std::stod(m[4]);
        c.passed = m[5] == "✓";
        const bool at_least = m[3] == "≥" || m[3] == ">";
        // A passed minimum shows ≥/>, a failed one </≤; a maximum the mirror (check_text).
        c.minimum = at_least == c.passed;
        c.rule_set = m[6];
        c.check_id = m[7];
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace landaudit
