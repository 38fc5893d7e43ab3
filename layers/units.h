// Units of money, area and energy used by the intensity indicators, and parsing of amounts as
// they arrive in Chinese tables ("1,234.5", "1234.5万元", "3亿元").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace landaudit {

inline constexpr double kSquareMetresPerMu = 2000.0 / 3.0;  // 1 亩, exactly
inline constexpr double kSquareMetresPerHectare = 10000.0;  // 1 公顷 = 15 亩

// Factor from a money unit to 万元 (10 000 CNY): 元 → 1e-4, 万元 → 1, 亿元 → 1e4.
// Also accepts "yuan", "wan", "yi" and "CNY". nullopt for an unknown unit.
std::optional<double> money_unit_to_wan(std::string_view unit);

// Factor from an energy unit to tce (吨标准煤): "tce"/"吨标准煤" → 1, "万tce"/"万吨标准煤" → 1e4.
std::optional<double> energy_unit_to_tce(std::string_view unit);

// A number from text, as Chinese tables write amounts: "1234.5", "-5", "1,234.5", "1 234", "1.5e3",
// with an optional money unit suffix (元/万元/亿元: "1.2万元", "3,000元"). Returns the value converted
// to 万元 when the text names a unit, else multiplied by `default_factor`. nullopt when the text is
// not a number: thousands separators (',' or ' ') must group three digits ("1,5" is refused, not read
// as 15), and hexadecimal, inf, nan and values out of double's range (1e999) are refused too, so an
// accepted amount is always finite. Negative amounts are numbers: callers judge plausibility.
std::optional<double> parse_amount(std::string_view text, double default_factor);

}  // namespace landaudit
