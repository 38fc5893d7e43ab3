// Civil dates: parsing the forms land records use, and calendar-year arithmetic.
#include "layers/civil_date.h"

#include <cstdio>
#include <string>
#include <vector>

namespace landaudit {

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::optional<CivilDate> checked(long y, long m, long d) {
    // Four-digit years: 9999-12-31 is a common "no end" date in land records and must read.
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
    CivilDate date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
    if (d > days_in_month(date.year, date.month)) return std::nullopt;
    return date;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long days_from_civil(CivilDate c) {
    int y = c.year - (c.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (c.month + (c.month > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(c.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

long number_of(const std::string& digits);

// Splits "2019年3月5日" / "2019-03-05" / "2019/3/5" / "2019.3.5" into its numbers and the text
// around and between them: separators[k] is the text before numbers[k], separators.back() the
// text after the last. Year, month and day keep their widths: four digits, then one or two each
// ("2019-03-005" is not a date).
std::vector<long> numbers_of(std::string_view text, std::vector<std::string>& separators) {
    std::vector<long> numbers;
    std::string digits;
    separators.assign(1, std::string());
    auto flush = [&] {
        const std::size_t widest = numbers.empty() ? 4 : 2;
        numbers.push_back(digits.size() > widest ? -1 : number_of(digits));
        digits.clear();
        separators.emplace_back();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            digits += static_cast<char>(c);
            continue;
        }
        if (!digits.empty()) flush();
        separators.back() += static_cast<char>(c);
    }
    if (!digits.empty()) flush();
    return numbers;
}

// A run of digits; -1 (rejected by checked()) when longer than any year, month or day can be, so
// that std::stol never sees a number it cannot hold.
long number_of(const std::string& digits) { return digits.size() > 4 ? -1 : std::stol(digits); }

// The time of day after a date: H:MM or HH:MM, optionally :SS and a fraction, optionally a zone
// (Z, ±HH, ±HH:MM, ±HHMM). Anything else makes the whole text unreadable rather than ignored.
bool is_time_of_day(std::string_view t) {
    std::size_t i = 0;
    // The value of the next min..max digits, or -1.
    auto digits = [&](std::size_t min, std::size_t max) -> long {
        const std::size_t start = i;
        long value = 0;
        while (i < t.size() && i - start < max && t[i] >= '0' && t[i] <= '9') value = value * 10 + (t[i++] - '0');
        return i - start < min ? -1 : value;
    };
    const long hour = digits(1, 2);
    if (hour < 0 || hour > 23 || i >= t.size() || t[i++] != ':') return false;
    const long minute = digits(2, 2);
    if (minute < 0 || minute > 59) return false;
    if (i < t.size() && t[i] == ':') {
        ++i;
        const long second = digits(2, 2);
        if (second < 0 || second > 60) return false;  // 60: a leap second
        if (i < t.size() && t[i] == '.') {
            ++i;
            if (digits(1, 9) < 0) return false;
        }
    }
    if (i == t.size()) return true;
    if (t[i] == 'Z') return i + 1 == t.size();
    if (t[i] != '+' && t[i] != '-') return false;
    ++i;
    const long zone_hours = digits(2, 2);
    if (zone_hours < 0 || zone_hours > 14) return false;
    if (i == t.size()) return true;
    if (t[i] == ':') ++i;
    const long zone_minutes = digits(2, 2);
    return zone_minutes >= 0 && zone_minutes <= 59 && i == t.size();
}

}  // namespace

std::string CivilDate::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<CivilDate> parse_civil_date(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    // Date-times ("2019-03-05T00:00:00" as GDAL gives them, "2019/03/05 00:00:00", Excel's
    // "2019/3/5 0:00"): the date part, provided what follows is a time of day.
    if (auto t = text.find_first_of("T "); t != std::string_view::npos) {
        if (!is_time_of_day(text.substr(t + 1))) return std::nullopt;
        text = text.substr(0, t);
    }
    if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos)
        return checked(std::stol(std::string(text.substr(0, 4))), std::stol(std::string(text.substr(4, 2))),
                       std::stol(std::string(text.substr(6, 2))));
    std::vector<std::string> sep;
    std::vector<long> n = numbers_of(text, sep);
    if (n.size() != 3 || !sep[0].empty()) return std::nullopt;
    // One kind of separator only, each between its numbers: "2019-03-05", "2019/3/5", "2019.3.5",
    // or 2019年3月5日 (日 may be left out).
    for (std::string_view one : {"-", "/", "."})
        if (sep[1] == one && sep[2] == one && sep[3].empty()) return checked(n[0], n[1], n[2]);
    if (sep[1] == "年" && sep[2] == "月" && (sep[3] == "日" || sep[3].empty())) return checked(n[0], n[1], n[2]);
    return std::nullopt;
}

CivilDate add_years(CivilDate d, int years) {
    CivilDate out{d.year + years, d.month, d.day};
    if (out.day > days_in_month(out.year, out.month)) out.day = days_in_month(out.year, out.month);
    return out;
}

int full_years_between(CivilDate from, CivilDate to) {
    if (to < from) return 0;
    int n = to.year - from.year;
    while (n > 0 && to < add_years(from, n)) --n;
    return n;
}

long days_between(CivilDate from, CivilDate to) { return days_from_civil(to) - days_from_civil(from); }

}  // namespace landaudit
