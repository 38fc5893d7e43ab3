// Unit factors and amount parsing.
#include "layers/units.h"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The decimal number of an amount with its thousands separators removed, or nullopt when the text
// is not one: an optional sign, digits (separated by ',' or ' ' into groups of three after the
// first group of one to three: "1,234,567", "1 234"), an optional fraction, an optional exponent.
// Anything else is refused rather than guessed: "1,5" (a decimal comma, or a typo), "0x1A", "inf",
// "nan", "1.2.3", "12abc".
std::optional<std::string> plain_number(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
    std::size_t mantissa_digits = 0, group = 0;
    bool grouped = false;
    while (i < s.size()) {
        if (is_digit(s[i])) {
            out += s[i++];
            ++group;
            ++mantissa_digits;
        } else if ((s[i] == ',' || s[i] == ' ') && group > 0 && (grouped ? group == 3 : group <= 3)) {
            grouped = true;
            group = 0;
            ++i;
        } else {
            break;
        }
    }
    if (grouped && group != 3) return std::nullopt;
    if (i < s.size() && s[i] == '.') {
        out += s[i++];
        while (i < s.size() && is_digit(s[i])) {
            out += s[i++];
            ++mantissa_digits;
        }
    }
    if (mantissa_digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        out += s[i++];
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
        std::size_t exponent_digits = 0;
        while (i < s.size() && is_digit(s[i])) {
            out += s[i++];
            ++exponent_digits;
        }
        if (exponent_digits == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    return out;
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
    const std::optional<std::string> number = plain_number(s);
    if (!number) return std::nullopt;
    double v = 0;
    const char* first = number->data();
    const char* last = first + number->size();
    if (*first == '+') ++first;  // from_chars takes '-' only
    // from_chars: locale-independent, and out of range (1e999, 1e-999) is an error, never inf or 0.
    const auto [end, error] = std::from_chars(first, last, v);
    if (error != std::errc() || end != last) return std::nullopt;
    const double value = v * factor;
    if (!std::isfinite(value)) return std::nullopt;  // 1e308亿元
    return value;
}

}  // namespace landaudit
