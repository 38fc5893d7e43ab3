// Unit factors and amount parsing.
#include "layers/units.h"

#include <cstdlib>
#include <string>

namespace landaudit {

namespace {
std::string trimmed(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

std::optional<double> money_unit_to_wan(std::string_view unit) {
    const std::string u = trimmed(unit);
    if (u == "元" || u == "yuan" || u == "CNY") return 1e-4;
    if (u == "万元" || u == "wan" || u == "10k CNY") return 1.0;
    if (u == "亿元" || u == "yi") return 1e4;
    return std::nullopt;
}

std::optional<double> energy_unit_to_tce(std::string_view unit) {
    const std::string u = trimmed(unit);
    if (u == "tce" || u == "吨标准煤" || u == "吨标煤") return 1.0;
    if (u == "万tce" || u == "万吨标准煤" || u == "万吨标煤") return 1e4;
    return std::nullopt;
}

std::optional<double> parse_amount(std::string_view text, double default_factor) {
    std::string s = trimmed(text);
    double factor = default_factor;
    // Longest suffix first: "万元" must not be read as "元".
    for (std::string_view unit : {"亿元", "万元", "元"}) {
        if (ends_with(s, unit)) {
            factor = *money_unit_to_wan(unit);
            s = trimmed(std::string_view(s).substr(0, s.size() - unit.size()));
            break;
        }
    }
    std::string digits;
    for (char c : s)
        if (c != ',' && c != ' ') digits += c;
    if (digits.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) return std::nullopt;
    return v * factor;
}

}  // namespace landaudit
