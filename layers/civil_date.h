// Calendar dates as land records write them, and the date arithmetic of the idle-land rules
// ("满一年" = a full calendar year has elapsed).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace landaudit {

struct CivilDate {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const CivilDate&) const = default;
    std::string iso() const;  // "2019-03-05"
};

// "2019-03-05", "2019/3/5", "2019.3.5", "20190305", "2019年3月5日", and ISO date-times
// ("2019-03-05T00:00:00", as GDAL gives DBF/GPKG dates). nullopt for anything else, including
// impossible dates (2019-02-29): never a guess.
std::optional<CivilDate> parse_civil_date(std::string_view text);

// The date `years` calendar years after `d`; 29 February goes to 28 February in a common year
// (民法典 第二百零二条: with no corresponding day, the period ends on the last day of that month).
CivilDate add_years(CivilDate d, int years);

// Full calendar years from `from` to `to`: the largest n with add_years(from, n) ≤ to (0 when to < from).
int full_years_between(CivilDate from, CivilDate to);

// Days from `from` to `to` (negative when to < from), for fractional ages.
long days_between(CivilDate from, CivilDate to);

}  // namespace landaudit
