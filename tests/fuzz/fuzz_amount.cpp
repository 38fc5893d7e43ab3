// Fuzz target: layers/units (parse_amount, the money and energy unit names).
// Input: the text of a table cell.
// Asserts, besides no crash, hang, sanitizer report or exception:
// - an accepted amount is finite, and negative only when the text starts with '-';
// - for texts up to 96 bytes, parse_amount accepts exactly what an independent reference accepts
//   (a regular expression of the documented grammar, the value read by strtod), with the same value
//   to the last bit, for the default factors 1 and 1e-4 (元 columns);
// - a unit suffix fixes the factor: the value is then the same whatever the default factor;
// - money_unit_to_wan and energy_unit_to_tce give only their documented factors.
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "layers/units.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using landaudit::fuzz::escaped;

std::string shown(std::optional<double> v) {
    if (!v) return "nullopt";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *v);
    return buf;
}

// The documented grammar: optional sign, digits grouped by three with ',' or ' ' (or ungrouped),
// optional fraction, optional exponent, at least one mantissa digit; blanks around; a money unit last.
const std::regex& amount_grammar() {
    static const std::regex grammar(
        "^[ \\t\\r\\n]*([+-]?(?=\\.?[0-9])(?:[0-9]{1,3}(?:[, ][0-9]{3})+|[0-9]*)(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)"
        "[ \\t\\r\\n]*(亿元|万元|元)?[ \\t\\r\\n]*$");
    return grammar;
}

// Whether `text` is a documented amount, and its value times `default_factor` (or the unit's factor).
// nullopt also when strtod reports the number out of double's range or the product is not finite.
std::optional<double> reference_amount(const std::string& text, double default_factor) {
    std::smatch m;
    if (!std::regex_match(text, m, amount_grammar())) return std::nullopt;
    std::string number;
    for (char c : m[1].str())
        if (c != ',' && c != ' ') number += c;
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(number.c_str(), &end);
    if (errno == ERANGE || end != number.c_str() + number.size()) return std::nullopt;
    const std::string unit = m[2].str();
    const double factor = unit == "亿元" ? 1e4 : unit == "万元" ? 1.0 : unit == "元" ? 1e-4 : default_factor;
    const double value = v * factor;
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

bool same(std::optional<double> a, std::optional<double> b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || *a == *b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::optional<double> plain = landaudit::parse_amount(text, 1.0);
    const std::optional<double> yuan = landaudit::parse_amount(text, 1e-4);
    for (std::optional<double> v : {plain, yuan}) {
        if (!v) continue;
        FUZZ_CHECK(std::isfinite(*v), "\"" + escaped(text) + "\" accepted as " + shown(v));
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        FUZZ_CHECK(*v >= 0 || text[first] == '-', "\"" + escaped(text) + "\" read as negative " + shown(v));
    }
    FUZZ_CHECK(plain.has_value() == yuan.has_value(), "\"" + escaped(text) + "\": 1.0 gives " + shown(plain) +
                                                          ", 1e-4 gives " + shown(yuan));
    if (size <= 96) {  // std::regex recurses per character: bounded inputs only
        const std::optional<double> expected = reference_amount(text, 1.0);
        FUZZ_CHECK(same(plain, expected), "\"" + escaped(text) + "\" read as " + shown(plain) +
                                              ", the documented grammar gives " + shown(expected));
        const std::optional<double> expected_yuan = reference_amount(text, 1e-4);
        FUZZ_CHECK(same(yuan, expected_yuan), "\"" + escaped(text) + "\" with factor 1e-4 read as " + shown(yuan) +
                                                  ", the documented grammar gives " + shown(expected_yuan));
    }
    if (const auto f = landaudit::money_unit_to_wan(text))
        FUZZ_CHECK(*f == 1e-4 || *f == 1.0 || *f == 1e4, "money unit \"" + escaped(text) + "\" → " + shown(f));
    if (const auto f = landaudit::energy_unit_to_tce(text))
        FUZZ_CHECK(*f == 1.0 || *f == 1e4, "energy unit \"" + escaped(text) + "\" → " + shown(f));
    return 0;
}
