// Fuzz target: layers/civil_date (parse_civil_date and the calendar arithmetic of 满一年).
// Input: a date text, optionally "|" and a second one.
// Asserts, besides no crash, hang, sanitizer report or exception:
// - a text is accepted exactly when an independent reference grammar of the documented forms
//   ("2019-03-05", "2019/3/5", "2019.3.5", "20190305", "2019年3月5日", each optionally followed by
//   "T" or " " and a time of day) reads it as a real Gregorian date with a four-digit year, and the
//   parsed date is that date (std::chrono decides validity, not the parser's own month table);
// - a parsed date round-trips through its ISO form;
// - add_years, full_years_between and days_between agree with std::chrono's calendar.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "layers/civil_date.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using landaudit::CivilDate;
using landaudit::fuzz::escaped;
namespace chr = std::chrono;

// A small cursor over the text for the reference grammar.
struct Cursor {
    std::string_view text;
    std::size_t i = 0;
    bool done() const { return i == text.size(); }
    bool literal(std::string_view s) {
        if (text.substr(i, s.size()) != s) return false;
        i += s.size();
        return true;
    }
    // min..max decimal digits, as a number; nullopt without moving when fewer than min or, unless
    // `more_may_follow`, when another digit follows the maximum.
    std::optional<int> digits(std::size_t min, std::size_t max, bool more_may_follow = false) {
        std::size_t j = i;
        int value = 0;
        while (j < text.size() && j - i < max && text[j] >= '0' && text[j] <= '9') value = value * 10 + (text[j++] - '0');
        if (j - i < min) return std::nullopt;
        // More digits right after the maximum: not this form.
        if (!more_may_follow && j < text.size() && text[j] >= '0' && text[j] <= '9') return std::nullopt;
        i = j;
        return value;
    }
};

// The time of day after a date: H:MM[:SS[.fraction]] then Z, ±HH, ±HH:MM or ±HHMM.
bool reference_time(std::string_view t) {
    Cursor c{t};
    auto hour = c.digits(1, 2);
    if (!hour || *hour > 23 || !c.literal(":")) return false;
    auto minute = c.digits(2, 2);
    if (!minute || *minute > 59) return false;
    if (c.literal(":")) {
        auto second = c.digits(2, 2);
        if (!second || *second > 60) return false;
        if (c.literal(".") && !c.digits(1, 9)) return false;
    }
    if (c.done()) return true;
    if (c.literal("Z")) return c.done();
    if (!c.literal("+") && !c.literal("-")) return false;
    auto zone_hours = c.digits(2, 2, true);  // ±HHMM
    if (!zone_hours || *zone_hours > 14) return false;
    if (c.done()) return true;
    c.literal(":");
    auto zone_minutes = c.digits(2, 2);
    return zone_minutes && *zone_minutes <= 59 && c.done();
}

std::optional<CivilDate> valid_date(int y, int m, int d) {
    const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
    if (y < 1000 || y > 9999 || !ymd.ok()) return std::nullopt;
    return CivilDate{y, m, d};
}

std::optional<CivilDate> reference_date_part(std::string_view text) {
    if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
        auto number = [&](std::size_t from, std::size_t n) {
            int v = 0;
            for (std::size_t k = from; k < from + n; ++k) v = v * 10 + (text[k] - '0');
            return v;
        };
        return valid_date(number(0, 4), number(4, 2), number(6, 2));
    }
    for (std::string_view sep : {"-", "/", "."}) {
        Cursor c{text};
        auto y = c.digits(4, 4);
        if (!y || !c.literal(sep)) continue;
        auto m = c.digits(1, 2);
        if (!m || !c.literal(sep)) continue;
        auto d = c.digits(1, 2);
        if (d && c.done()) return valid_date(*y, *m, *d);
    }
    Cursor c{text};
    auto y = c.digits(4, 4);
    if (!y || !c.literal("年")) return std::nullopt;
    auto m = c.digits(1, 2);
    if (!m || !c.literal("月")) return std::nullopt;
    auto d = c.digits(1, 2);
    if (!d) return std::nullopt;
    c.literal("日");  // "2019年3月5" is accepted too
    return c.done() ? valid_date(*y, *m, *d) : std::nullopt;
}

std::optional<CivilDate> reference_parse(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    const std::size_t t = text.find_first_of("T ");
    if (t != std::string_view::npos && !reference_time(text.substr(t + 1))) return std::nullopt;
    return reference_date_part(text.substr(0, t));
}

chr::sys_days days_of(CivilDate d) {
    return chr::sys_days{chr::year_month_day{chr::year{d.year}, chr::month{static_cast<unsigned>(d.month)},
                                             chr::day{static_cast<unsigned>(d.day)}}};
}

// add_years by std::chrono: same month and day, or the month's last day when that day does not exist.
CivilDate chrono_add_years(CivilDate d, int years) {
    chr::year_month_day ymd{chr::year{d.year + years}, chr::month{static_cast<unsigned>(d.month)},
                            chr::day{static_cast<unsigned>(d.day)}};
    if (!ymd.ok()) ymd = chr::year_month_day{chr::year_month_day_last{ymd.year(), chr::month_day_last{ymd.month()}}};
    return CivilDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string shown(const std::optional<CivilDate>& d) { return d ? d->iso() : std::string("nullopt"); }

std::optional<CivilDate> checked_parse(std::string_view text) {
    const std::optional<CivilDate> parsed = landaudit::parse_civil_date(text);
    const std::optional<CivilDate> expected = reference_parse(text);
    FUZZ_CHECK(parsed == expected,
               "\"" + escaped(text) + "\": parsed " + shown(parsed) + ", the documented forms give " + shown(expected));
    if (parsed) {
        const std::string iso = parsed->iso();
        FUZZ_CHECK(landaudit::parse_civil_date(iso) == parsed, "\"" + escaped(text) + "\" → " + iso + " does not read back");
    }
    return parsed;
}

void check_arithmetic(CivilDate a, CivilDate b) {
    const std::string where = a.iso() + " .. " + b.iso();
    const long days = landaudit::days_between(a, b);
    FUZZ_CHECK(days == (days_of(b) - days_of(a)).count(), where + ": days_between " + std::to_string(days));
    const int years = landaudit::full_years_between(a, b);
    if (b < a) {
        FUZZ_CHECK(years == 0, where + ": full years backwards " + std::to_string(years));
    } else {
        // The largest n with add_years(a, n) ≤ b, by chrono.
        FUZZ_CHECK(years >= 0 && !(b < chrono_add_years(a, years)) && b < chrono_add_years(a, years + 1),
                   where + ": full_years_between " + std::to_string(years));
    }
    for (int k = -3; k <= 3; ++k) {
        if (a.year + k < 1 || a.year + k > 9999 + 3) continue;
        const CivilDate shifted = landaudit::add_years(a, k);
        FUZZ_CHECK(shifted == chrono_add_years(a, k), a.iso() + " + " + std::to_string(k) + " years: " + shifted.iso());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t bar = input.find('|');
    const std::optional<CivilDate> a = checked_parse(input.substr(0, bar));
    std::optional<CivilDate> b;
    if (bar != std::string_view::npos) b = checked_parse(input.substr(bar + 1));
    if (a) check_arithmetic(*a, b.value_or(*a));
    if (a && b) check_arithmetic(*b, *a);
    return 0;
}
