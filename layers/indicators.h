// The intensity indicators (亩均论英雄 and control indicators): codes, Chinese labels, units.
// Rule sets name indicators by these codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace landaudit {

enum class IndicatorScope { Parcel, Park, Both };

struct IndicatorInfo {
    std::string code;   // e.g. "tax_mu": the output field name and the rule-set key
    std::string label;  // e.g. "亩均税收"
    std::string unit;   // e.g. "万元/亩", "%", "" for ratios
    IndicatorScope scope = IndicatorScope::Both;
    std::string definition;  // formula, for docs and `rules show`
};

// Every indicator a rule set may use, in documentation order.
const std::vector<IndicatorInfo>& indicator_catalogue();

// Park indicators known only after the redevelopment step (批而未供, idle land): a star rule set
// (method "stars") may use them, the intensity rule sets may not.
bool is_redevelopment_indicator(std::string_view code);
const IndicatorInfo* find_indicator(std::string_view code);

}  // namespace landaudit
