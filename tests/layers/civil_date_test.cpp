// Civil dates (layers/civil_date.h): the forms land records write dates in, and the calendar-year
// arithmetic of "满一年". Rules: Gregorian leap years (÷4, not ÷100 unless ÷400); a year after a
// 29 February is 28 February when the target year has none (民法典 第二百零二条: no corresponding
// day → the last day of that month).
#include "layers/civil_date.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace landaudit {

// Failure messages show dates as 2019-03-05 (found by argument-dependent lookup; internal linkage
// so that other test files may have their own).
[[maybe_unused]] static void PrintTo(const CivilDate& d, std::ostream* os) { *os << d.iso(); }

namespace {

CivilDate ymd(int y, int m, int d) { return CivilDate{y, m, d}; }

TEST(CivilDate, EveryFormatParsesToTheSameDay) {
    const std::vector<std::string> forms = {
        "2019-03-05",          "2019/3/5",            "2019.3.5",
        "20190305",            "2019年3月5日",        "2019-03-05T00:00:00",
        "2019-03-05 08:00:00",
        // Variants of the same forms seen in real tables.
        "2019/03/05",          "2019.03.05",          "2019年03月05日",
        "  2019-03-05\t",      "2019-03-05T08:30",    "2019-03-05T08:30:15.250",
        "2019-03-05T00:00:00Z", "2019-03-05T00:00:00+08:00", "2019-03-05 00:00:00+08",
        "2019/03/05 00:00:00",  // GDAL's GetFieldAsString for a date-time
        "2019/3/5 0:00",        // Excel's zh-CN date-time export
        "2019/3/5 8:00:00",
    };
    for (const std::string& text : forms) {
        SCOPED_TRACE(text);
        std::optional<CivilDate> d = parse_civil_date(text);
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(*d, ymd(2019, 3, 5));
        EXPECT_EQ(d->iso(), "2019-03-05");
    }
}

TEST(CivilDate, LeapDaysParseOnlyInLeapYears) {
    // 2020 and 2000 are leap years (÷4; ÷400); 2019 is not, nor are 1900 and 2100 (÷100, not ÷400).
    EXPECT_EQ(parse_civil_date("2020-02-29"), ymd(2020, 2, 29));
    EXPECT_EQ(parse_civil_date("2000-02-29"), ymd(2000, 2, 29));
    EXPECT_EQ(parse_civil_date("20240229"), ymd(2024, 2, 29));
    EXPECT_EQ(parse_civil_date("2019-02-29"), std::nullopt);
    EXPECT_EQ(parse_civil_date("1900-02-29"), std::nullopt);
    EXPECT_EQ(parse_civil_date("2100-02-29"), std::nullopt);
    // Month ends.
    EXPECT_EQ(parse_civil_date("2019-04-30"), ymd(2019, 4, 30));
    EXPECT_EQ(parse_civil_date("2019-12-31"), ymd(2019, 12, 31));
}

TEST(CivilDate, ImpossibleDatesAreRejected) {
    const std::vector<std::string> impossible = {
        "2019-02-29", "2019-13-01", "20190230", "2019-00-10", "2019-03-00", "2019-04-31",
        "2019/2/30",  "2019.11.31", "2019年2月29日", "20191301", "20190001",
        "2019-03-05T24:00:00",  // no hour 24
        "2019-03-05T08:60",     // no minute 60
    };
    for (const std::string& text : impossible) {
        SCOPED_TRACE(text);
        EXPECT_EQ(parse_civil_date(text), std::nullopt);
    }
}

TEST(CivilDate, JunkIsRejectedNotGuessed) {
    const std::vector<std::string> junk = {
        "2019-03", "三月五日", "2019-03/05", "", "   ", "2019", "2019-03-05-01", "2019/3/5/", "2019..3.5",
        "05/03/2019",  // day-first: year out of range, never swapped
        "19-03-05",    // two-digit year
        "2019030",     // 7 digits
        "201903050",   // 9 digits
        "2019-3-5日", "2019年3-5", "二〇一九年三月五日",
        "99999999999999999999-01-01",  // too many digits for a long: rejected, not thrown
        "2019-03-99999999999999999999",
        "2019-03-05Tjunk", "2019-03-05T", "2019-03-05 08", "2019-03-05 noon", "2019-03-05 08:00:00 extra",
        "2019-03-05T08:00:00+8", "x2019-03-05", "2019-03-05x",
    };
    for (const std::string& text : junk) {
        SCOPED_TRACE(text);
        std::optional<CivilDate> d;
        EXPECT_NO_THROW(d = parse_civil_date(text));
        EXPECT_EQ(d, std::nullopt);
    }
}

TEST(CivilDate, IsoIsZeroPadded) {
    EXPECT_EQ(ymd(2019, 3, 5).iso(), "2019-03-05");
    EXPECT_EQ(ymd(2024, 12, 31).iso(), "2024-12-31");
}

TEST(CivilDate, AddYears) {
    struct Case {
        CivilDate from;
        int years;
        CivilDate expected;
    };
    const std::vector<Case> cases = {
        {ymd(2022, 3, 5), 1, ymd(2023, 3, 5)},
        {ymd(2022, 3, 5), 2, ymd(2024, 3, 5)},
        {ymd(2022, 3, 5), 0, ymd(2022, 3, 5)},
        // 29 February into a common year has no corresponding day → 28 February.
        {ymd(2020, 2, 29), 1, ymd(2021, 2, 28)},
        {ymd(2020, 2, 29), 2, ymd(2022, 2, 28)},
        {ymd(2020, 2, 29), 3, ymd(2023, 2, 28)},
        // … and into a leap year it keeps the 29th.
        {ymd(2020, 2, 29), 4, ymd(2024, 2, 29)},
        // 2096 + 4 = 2100, not a leap year (÷100).
        {ymd(2096, 2, 29), 4, ymd(2100, 2, 28)},
        // 28 February stays 28 February even when the target year is a leap year.
        {ymd(2023, 2, 28), 1, ymd(2024, 2, 28)},
        {ymd(2019, 12, 31), 1, ymd(2020, 12, 31)},
        // Backwards.
        {ymd(2024, 2, 29), -1, ymd(2023, 2, 28)},
        {ymd(2024, 3, 5), -2, ymd(2022, 3, 5)},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.from.iso() + " + " + std::to_string(c.years));
        EXPECT_EQ(add_years(c.from, c.years), c.expected);
    }
}

TEST(CivilDate, FullYearsBetween) {
    struct Case {
        CivilDate from, to;
        int expected;
    };
    const std::vector<Case> cases = {
        // The day before, on and after the first and second anniversaries of 2022-03-05.
        {ymd(2022, 3, 5), ymd(2023, 3, 4), 0},
        {ymd(2022, 3, 5), ymd(2023, 3, 5), 1},
        {ymd(2022, 3, 5), ymd(2023, 3, 6), 1},
        {ymd(2022, 3, 5), ymd(2024, 3, 4), 1},
        {ymd(2022, 3, 5), ymd(2024, 3, 5), 2},
        {ymd(2022, 3, 5), ymd(2024, 12, 31), 2},
        // Same day, and `to` before `from`: 0.
        {ymd(2022, 3, 5), ymd(2022, 3, 5), 0},
        {ymd(2022, 3, 5), ymd(2021, 3, 5), 0},
        {ymd(2022, 3, 5), ymd(2022, 3, 4), 0},
        // 29 February: the anniversary in a common year is 28 February (add_years), so the year is
        // full on 2021-02-28, not on 2021-02-27; four years later the anniversary is 29 February
        // again, so 2024-02-28 is still only 3 full years.
        {ymd(2020, 2, 29), ymd(2021, 2, 27), 0},
        {ymd(2020, 2, 29), ymd(2021, 2, 28), 1},
        {ymd(2020, 2, 29), ymd(2021, 3, 1), 1},
        {ymd(2020, 2, 29), ymd(2022, 2, 27), 1},
        {ymd(2020, 2, 29), ymd(2022, 2, 28), 2},
        {ymd(2020, 2, 29), ymd(2024, 2, 28), 3},
        {ymd(2020, 2, 29), ymd(2024, 2, 29), 4},
        // 28 February into a leap year: the anniversary is 28 February, 29 February is past it.
        {ymd(2023, 2, 28), ymd(2024, 2, 27), 0},
        {ymd(2023, 2, 28), ymd(2024, 2, 28), 1},
        {ymd(2023, 2, 28), ymd(2024, 2, 29), 1},
        // Year ends: 2019-12-31 → 2020-12-30 is one day short.
        {ymd(2019, 12, 31), ymd(2020, 12, 30), 0},
        {ymd(2019, 12, 31), ymd(2020, 12, 31), 1},
        // `to.year - from.year` overshoots by one when `to` is earlier in its year.
        {ymd(2010, 6, 1), ymd(2024, 5, 31), 13},
        {ymd(2010, 6, 1), ymd(2024, 6, 1), 14},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.from.iso() + " → " + c.to.iso());
        EXPECT_EQ(full_years_between(c.from, c.to), c.expected);
    }
}

TEST(CivilDate, DaysBetween) {
    struct Case {
        CivilDate from, to;
        long expected;
    };
    const std::vector<Case> cases = {
        {ymd(2019, 3, 5), ymd(2019, 3, 5), 0},
        {ymd(2019, 3, 5), ymd(2019, 3, 6), 1},
        {ymd(2019, 3, 6), ymd(2019, 3, 5), -1},
        // 2020 is a leap year: 366 days from 2020-01-01 to 2021-01-01, 365 in 2019 and 2021.
        {ymd(2019, 1, 1), ymd(2020, 1, 1), 365},
        {ymd(2020, 1, 1), ymd(2021, 1, 1), 366},
        {ymd(2021, 1, 1), ymd(2022, 1, 1), 365},
        // Across 29 February: 2020-02-28 → 2020-03-01 is 2 days (28→29→1), 2019's is 1.
        {ymd(2020, 2, 28), ymd(2020, 3, 1), 2},
        {ymd(2019, 2, 28), ymd(2019, 3, 1), 1},
        // 2019-03-05 → 2020-03-05 contains 2020-02-29: 366; 2020-03-05 → 2021-03-05 does not: 365.
        {ymd(2019, 3, 5), ymd(2020, 3, 5), 366},
        {ymd(2020, 3, 5), ymd(2021, 3, 5), 365},
        {ymd(2021, 3, 5), ymd(2019, 3, 5), -731},
        // Four years from 2020-02-29: 4 × 365 + one 29 February inside the span (2024's) = 1461.
        {ymd(2020, 2, 29), ymd(2024, 2, 29), 1461},
        // 1970-01-01 is day 0 of the underlying count; 2000-01-01 is 10957 days later.
        {ymd(1970, 1, 1), ymd(2000, 1, 1), 10957},
        // 2100 is not a leap year: 365 days.
        {ymd(2100, 1, 1), ymd(2101, 1, 1), 365},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.from.iso() + " → " + c.to.iso());
        EXPECT_EQ(days_between(c.from, c.to), c.expected);
    }
}

TEST(CivilDate, Ordering) {
    EXPECT_LT(ymd(2019, 3, 5), ymd(2019, 3, 6));
    EXPECT_LT(ymd(2019, 3, 31), ymd(2019, 4, 1));
    EXPECT_LT(ymd(2019, 12, 31), ymd(2020, 1, 1));
    EXPECT_EQ(ymd(2019, 3, 5), ymd(2019, 3, 5));
}

// Issue 9: 9999-12-31, the usual "no end" date of land records, is a valid date; a year outside
// four digits is not.
TEST(CivilDate, FourDigitYearsIncludingTheNoEndDate) {
    auto d = parse_civil_date("9999-12-31");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->iso(), "9999-12-31");
    EXPECT_TRUE(parse_civil_date("1000-01-01").has_value());
    EXPECT_EQ(parse_civil_date("0999-12-31"), std::nullopt);
    EXPECT_EQ(parse_civil_date("10000-01-01"), std::nullopt);
}

}  // namespace
}  // namespace landaudit
