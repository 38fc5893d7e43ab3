// Idle land (engine/idle_land.h) under 闲置土地处置办法 2012 (land-rules §4), table-driven.
// "满N年" = as_of ≥ add_years(start, N); a 29 February start has its anniversary on 28 February in a
// common year (民法典 第二百零二条). Each case says which mark as_of sits on.
#include "engine/redevelopment/idle_land.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace landaudit {
namespace {

CivilDate date(const std::string& text) {
    std::optional<CivilDate> d = parse_civil_date(text);
    if (!d) ADD_FAILURE() << "test date does not parse: " << text;
    return d.value_or(CivilDate{});
}

// Supplied on 2019-12-01, agreed start 2022-03-05, not started, land price 500 万元.
IdleFacts not_started(std::string agreed = "2022-03-05") {
    IdleFacts f;
    f.supply_date = "2019-12-01";
    f.agreed_start = std::move(agreed);
    f.land_price = 500.0;
    f.mapped = true;
    return f;
}

// Supplied 2020-06-01, agreed start 2021-01-01, started 2021-06-01 and suspended on `since`.
IdleFacts suspended(std::string since, std::optional<double> due, std::optional<double> developed,
                    std::optional<double> total, std::optional<double> invested) {
    IdleFacts f;
    f.supply_date = "2020-06-01";
    f.agreed_start = "2021-01-01";
    f.actual_start = "2021-06-01";
    f.suspended_since = std::move(since);
    f.due_area_m2 = due;
    f.developed_area_m2 = developed;
    f.total_investment = total;
    f.invested = invested;
    f.land_price = 800.0;
    f.mapped = true;
    return f;
}

IdleFacts with_cause(IdleFacts f, std::string cause) {
    f.idle_cause = std::move(cause);
    return f;
}

IdleFacts with_price(IdleFacts f, std::optional<double> price) {
    f.land_price = price;
    return f;
}

IdleFacts with_actual(IdleFacts f, std::string actual) {
    f.actual_start = std::move(actual);
    return f;
}

struct Case {
    std::string name;
    IdleFacts facts;
    std::string as_of;
    IdleStatus status;
    std::optional<int> idle_years;
    std::optional<double> idle_fee;
    std::vector<std::string> missing = {};
};

void check(const std::vector<Case>& cases, const IdleConfig& config = {}) {
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name + " (as_of " + c.as_of + ")");
        const IdleVerdict v = evaluate_idle(c.facts, date(c.as_of), config);
        EXPECT_EQ(idle_status_key(v.status), idle_status_key(c.status));
        EXPECT_EQ(v.idle_years, c.idle_years);
        if (c.idle_fee) {
            ASSERT_TRUE(v.idle_fee.has_value());
            EXPECT_DOUBLE_EQ(*v.idle_fee, *c.idle_fee);
        } else {
            EXPECT_FALSE(v.idle_fee.has_value()) << *v.idle_fee;
        }
        EXPECT_EQ(v.missing, c.missing);
        EXPECT_FALSE(v.reasons.empty());
    }
}

bool mentions(const IdleVerdict& v, const std::string& text) {
    for (const std::string& r : v.reasons)
        if (r.find(text) != std::string::npos) return true;
    return false;
}

TEST(IdleLand, StatusKeys) {
    EXPECT_EQ(idle_status_key(IdleStatus::NotIdle), "not_idle");
    EXPECT_EQ(idle_status_key(IdleStatus::Idle1y), "idle_1y");
    EXPECT_EQ(idle_status_key(IdleStatus::Idle2y), "idle_2y");
    EXPECT_EQ(idle_status_key(IdleStatus::Suspect), "suspect");
    EXPECT_EQ(idle_status_key(IdleStatus::GovDelay), "gov_delay");
    EXPECT_EQ(idle_status_key(IdleStatus::NotSupplied), "not_supplied");
    EXPECT_EQ(idle_status_key(IdleStatus::Unknown), "unknown");
}

// Agreed start 2022-03-05: add_years(…, 1) = 2023-03-05, add_years(…, 2) = 2024-03-05.
// Fee = 0.2 × 500 万元 = 100 万元 while idle_1y; idle_2y has no fee (free-reclaim candidate).
TEST(IdleLand, NotStartedAroundTheOneAndTwoYearMarks) {
    check({
        {"day before the 1-year mark", not_started(), "2023-03-04", IdleStatus::NotIdle, 0, std::nullopt},
        {"on the 1-year mark", not_started(), "2023-03-05", IdleStatus::Idle1y, 1, 100.0},
        {"day after the 1-year mark", not_started(), "2023-03-06", IdleStatus::Idle1y, 1, 100.0},
        {"day before the 2-year mark", not_started(), "2024-03-04", IdleStatus::Idle1y, 1, 100.0},
        {"on the 2-year mark", not_started(), "2024-03-05", IdleStatus::Idle2y, 2, std::nullopt},
        {"day after the 2-year mark", not_started(), "2024-03-06", IdleStatus::Idle2y, 2, std::nullopt},
        // 2022-03-05 → 2025-03-05 is the 3-year mark; 2024-12-31 is before it.
        {"year end", not_started(), "2024-12-31", IdleStatus::Idle2y, 2, std::nullopt},
        {"three full years", not_started(), "2025-03-05", IdleStatus::Idle2y, 3, std::nullopt},
        // The agreed start is still ahead of as_of: 0 full years.
        {"agreed start after as_of", not_started("2025-01-01"), "2024-12-31", IdleStatus::NotIdle, 0, std::nullopt},
        {"agreed start on as_of", not_started("2024-12-31"), "2024-12-31", IdleStatus::NotIdle, 0, std::nullopt},
        // An actual start after as_of: at as_of the land had not started.
        {"started after as_of", with_actual(not_started(), "2024-03-06"), "2024-03-05", IdleStatus::Idle2y, 2,
         std::nullopt},
        {"started the day after the 1-year mark", with_actual(not_started(), "2023-03-06"), "2023-03-05",
         IdleStatus::Idle1y, 1, 100.0},
        // Started on as_of, never suspended: not idle (however late the start was).
        {"started on as_of", with_actual(not_started(), "2023-03-05"), "2023-03-05", IdleStatus::NotIdle,
         std::nullopt, std::nullopt},
        {"started late", with_actual(not_started(), "2024-06-01"), "2024-12-31", IdleStatus::NotIdle, std::nullopt,
         std::nullopt},
    });
}

// 29 February: add_years(2020-02-29, 1) = 2021-02-28 (no 29th in 2021), (…, 2) = 2022-02-28,
// (…, 4) = 2024-02-29. 28 February: add_years(2023-02-28, 1) = 2024-02-28, so the leap day 2024-02-29
// is already past the mark.
TEST(IdleLand, TwentyNinthOfFebruary) {
    check({
        {"29 Feb: day before the 1-year mark", not_started("2020-02-29"), "2021-02-27", IdleStatus::NotIdle, 0,
         std::nullopt},
        {"29 Feb: 1-year mark is 28 Feb", not_started("2020-02-29"), "2021-02-28", IdleStatus::Idle1y, 1, 100.0},
        {"29 Feb: 1 March after", not_started("2020-02-29"), "2021-03-01", IdleStatus::Idle1y, 1, 100.0},
        {"29 Feb: day before the 2-year mark", not_started("2020-02-29"), "2022-02-27", IdleStatus::Idle1y, 1,
         100.0},
        {"29 Feb: 2-year mark is 28 Feb", not_started("2020-02-29"), "2022-02-28", IdleStatus::Idle2y, 2,
         std::nullopt},
        // The 4-year mark is 2024-02-29 itself: 2024-02-28 is 3 full years.
        {"29 Feb: 3 years on 28 Feb 2024", not_started("2020-02-29"), "2024-02-28", IdleStatus::Idle2y, 3,
         std::nullopt},
        {"29 Feb: 4 years on 29 Feb 2024", not_started("2020-02-29"), "2024-02-29", IdleStatus::Idle2y, 4,
         std::nullopt},
        {"28 Feb: day before the mark", not_started("2023-02-28"), "2024-02-27", IdleStatus::NotIdle, 0,
         std::nullopt},
        {"28 Feb: on the mark", not_started("2023-02-28"), "2024-02-28", IdleStatus::Idle1y, 1, 100.0},
        {"28 Feb: leap day after the mark", not_started("2023-02-28"), "2024-02-29", IdleStatus::Idle1y, 1, 100.0},
    });
}

TEST(IdleLand, IdleFee) {
    // 0.2 × 500 = 100; 0.2 × 1234.5 = 246.9; a configured rate of 0.1 × 500 = 50.
    check({
        {"20 % of the price", not_started(), "2023-06-30", IdleStatus::Idle1y, 1, 100.0},
        {"20 % of a decimal price", with_price(not_started(), 1234.5), "2023-06-30", IdleStatus::Idle1y, 1, 246.9},
        {"zero price", with_price(not_started(), 0.0), "2023-06-30", IdleStatus::Idle1y, 1, 0.0},
        {"missing price: still idle_1y, fee null", with_price(not_started(), std::nullopt), "2023-06-30",
         IdleStatus::Idle1y, 1, std::nullopt},
        {"idle_2y: no fee even with a price", not_started(), "2024-06-30", IdleStatus::Idle2y, 2, std::nullopt},
    });
    IdleConfig ten_percent;
    ten_percent.fee_rate = 0.1;
    check({{"configured rate", not_started(), "2023-06-30", IdleStatus::Idle1y, 1, 50.0}}, ten_percent);

    const IdleVerdict priced = evaluate_idle(not_started(), date("2023-06-30"), IdleConfig{});
    ASSERT_EQ(priced.reasons.size(), 2u);
    EXPECT_EQ(priced.reasons[0],
              "未按约定动工满1年: 约定动工 2022-03-05, 至 2023-06-30 未动工 (闲置土地处置办法 第二条、第十四条)");
    EXPECT_EQ(priced.reasons[1], "闲置费 = 20 % × 土地价款 500 万元 = 100 万元 (闲置土地处置办法 第十四条)");

    const IdleVerdict unpriced = evaluate_idle(with_price(not_started(), std::nullopt), date("2023-06-30"), IdleConfig{});
    EXPECT_TRUE(mentions(unpriced, "land_price"));
    EXPECT_TRUE(unpriced.missing.empty());  // the status is known; only the fee is not

    const IdleVerdict reclaim = evaluate_idle(not_started(), date("2024-06-30"), IdleConfig{});
    EXPECT_TRUE(mentions(reclaim, "未按约定动工满2年"));
    EXPECT_TRUE(mentions(reclaim, "无偿收回"));
}

// Art. 8: government action or force majeure → negotiated disposal: gov_delay, years kept, no fee.
// The default causes are "政府" and "不可抗力", matched as substrings of the recorded cause.
TEST(IdleLand, GovernmentCauseAndForceMajeure) {
    check({
        {"government planning change, 1 year", with_cause(not_started(), "因政府规划调整"), "2023-06-30",
         IdleStatus::GovDelay, 1, std::nullopt},
        {"government planning change, 2 years", with_cause(not_started(), "因政府规划调整"), "2024-06-30",
         IdleStatus::GovDelay, 2, std::nullopt},
        {"force majeure", with_cause(not_started(), "地震等不可抗力"), "2023-06-30", IdleStatus::GovDelay, 1,
         std::nullopt},
        {"enterprise's own cause", with_cause(not_started(), "企业资金困难"), "2023-06-30", IdleStatus::Idle1y, 1,
         100.0},
        // Not idle stays not idle whatever the cause.
        {"cause on land not yet idle", with_cause(not_started(), "因政府规划调整"), "2023-03-04",
         IdleStatus::NotIdle, 0, std::nullopt},
        // Suspect land suspended for a government reason (13 months, developed 30 of 100).
        {"suspect with government cause", with_cause(suspended("2023-11-30", 100, 30, 1000, 800), "政府征收"),
         "2024-12-31", IdleStatus::GovDelay, 1, std::nullopt},
    });

    // Configured causes replace the defaults; an empty entry does not match everything.
    IdleConfig custom;
    custom.government_causes = {"", "规划调整"};
    check({
              {"configured cause matches", with_cause(not_started(), "因政府规划调整"), "2023-06-30",
               IdleStatus::GovDelay, 1, std::nullopt},
              {"default cause no longer listed", with_cause(not_started(), "不可抗力"), "2023-06-30",
               IdleStatus::Idle1y, 1, 100.0},
              {"empty entry ignored", with_cause(not_started(), "企业资金困难"), "2023-06-30", IdleStatus::Idle1y, 1,
               100.0},
          },
          custom);

    const IdleVerdict v = evaluate_idle(with_cause(not_started(), "因政府规划调整"), date("2023-06-30"), IdleConfig{});
    EXPECT_TRUE(mentions(v, "第八条"));
    EXPECT_TRUE(mentions(v, "未按约定动工满1年"));  // the underlying finding is kept for people
    EXPECT_FALSE(mentions(v, "闲置费 ="));        // no fee is stated for negotiated disposal
    const IdleVerdict two = evaluate_idle(with_cause(not_started(), "因政府规划调整"), date("2024-06-30"), IdleConfig{});
    EXPECT_FALSE(mentions(two, "无偿收回候选"));
}

// Started 2021-06-01. "Suspended a full year": as_of ≥ add_years(suspended_since, 1).
// Suspended 2023-11-30 → mark 2024-11-30; at 2024-12-31 that is 13 months, 1 full year.
// Limits: developed < due / 3 (i.e. 3 × developed < due), invested < 25 % (4 × invested < total).
TEST(IdleLand, StartedButSuspended) {
    const std::string as_of = "2024-12-31";
    check({
        {"developed 30 of 100, suspended 13 months", suspended("2023-11-30", 100, 30, 1000, 800), as_of,
         IdleStatus::Suspect, 1, std::nullopt},
        // 3 × 100 = 300 is not < 300; 4 × 250 = 1000 is not < 1000.
        {"exactly 1/3 and exactly 25 %", suspended("2023-11-30", 300, 100, 1000, 250), as_of, IdleStatus::NotIdle,
         std::nullopt, std::nullopt},
        {"exactly 1/3, investment 80 %", suspended("2023-11-30", 300, 100, 1000, 800), as_of, IdleStatus::NotIdle,
         std::nullopt, std::nullopt},
        // 4 × 240 = 960 < 1000.
        {"invested 24 %", suspended("2023-11-30", 300, 100, 1000, 240), as_of, IdleStatus::Suspect, 1,
         std::nullopt},
        {"both below", suspended("2023-11-30", 100, 10, 1000, 10), as_of, IdleStatus::Suspect, 1, std::nullopt},
        // Suspended 2024-01-31: the mark is 2025-01-31, 11 months in: not idle however little is built.
        {"suspended 11 months", suspended("2024-01-31", 100, 30, 1000, 100), as_of, IdleStatus::NotIdle,
         std::nullopt, std::nullopt},
        // Suspended 2023-12-31: mark 2024-12-31.
        {"day before the suspension mark", suspended("2023-12-31", 100, 30, 1000, 800), "2024-12-30",
         IdleStatus::NotIdle, std::nullopt, std::nullopt},
        {"on the suspension mark", suspended("2023-12-31", 100, 30, 1000, 800), "2024-12-31", IdleStatus::Suspect, 1,
         std::nullopt},
        // Suspended 2022-06-30: 2 full years by 2024-06-30.
        {"suspended 2.5 years", suspended("2022-06-30", 100, 30, 1000, 800), as_of, IdleStatus::Suspect, 2,
         std::nullopt},
        // Suspended after as_of: not suspended a year at as_of.
        {"suspension after as_of", suspended("2025-02-01", 100, 30, 1000, 800), as_of, IdleStatus::NotIdle,
         std::nullopt, std::nullopt},
        {"started, never suspended", suspended("", 100, 30, 1000, 100), as_of, IdleStatus::NotIdle, std::nullopt,
         std::nullopt},
        // One ratio known and below its limit is enough.
        {"area low, investment missing", suspended("2023-11-30", 100, 30, std::nullopt, std::nullopt), as_of,
         IdleStatus::Suspect, 1, std::nullopt},
        {"investment low, areas missing", suspended("2023-11-30", std::nullopt, std::nullopt, 1000, 100), as_of,
         IdleStatus::Suspect, 1, std::nullopt},
        // Needed values missing → unknown naming them, never not_idle.
        {"due area and investment missing", suspended("2023-11-30", std::nullopt, 30, std::nullopt, std::nullopt),
         as_of, IdleStatus::Unknown, std::nullopt, std::nullopt, {"due_area", "total_investment", "invested"}},
        {"area at 1/3, investment missing", suspended("2023-11-30", 300, 100, std::nullopt, 50), as_of,
         IdleStatus::Unknown, std::nullopt, std::nullopt, {"total_investment"}},
        {"investment at 25 %, developed area missing", suspended("2023-11-30", 300, std::nullopt, 1000, 250), as_of,
         IdleStatus::Unknown, std::nullopt, std::nullopt, {"developed_area"}},
        // A zero denominator gives no ratio.
        {"due area 0", suspended("2023-11-30", 0, 0, 1000, 800), as_of, IdleStatus::Unknown, std::nullopt,
         std::nullopt, {"due_area"}},
        {"everything missing", suspended("2023-11-30", std::nullopt, std::nullopt, std::nullopt, std::nullopt),
         as_of, IdleStatus::Unknown, std::nullopt, std::nullopt,
         {"due_area", "developed_area", "total_investment", "invested"}},
    });

    const IdleVerdict v = evaluate_idle(suspended("2023-11-30", 100, 30, 1000, 800), date(as_of), IdleConfig{});
    EXPECT_TRUE(mentions(v, "第二条第二款"));
    EXPECT_TRUE(mentions(v, "不足三分之一"));
    EXPECT_FALSE(mentions(v, "不足25%"));
}

TEST(IdleLand, NotSupplied) {
    IdleFacts unsupplied = not_started();
    unsupplied.supply_date = "";
    IdleFacts later = not_started();
    later.supply_date = "2025-01-15";
    IdleFacts on_as_of = not_started();
    on_as_of.supply_date = "2024-12-31";
    IdleFacts blank = not_started();
    blank.supply_date = "  ";
    check({
        {"no supply date", unsupplied, "2024-12-31", IdleStatus::NotSupplied, std::nullopt, std::nullopt},
        {"blank supply date", blank, "2024-12-31", IdleStatus::NotSupplied, std::nullopt, std::nullopt},
        {"supplied after as_of", later, "2024-12-31", IdleStatus::NotSupplied, std::nullopt, std::nullopt},
        {"supplied on as_of", on_as_of, "2024-12-31", IdleStatus::Idle2y, 2, std::nullopt},
    });
    const IdleVerdict v = evaluate_idle(later, date("2024-12-31"), IdleConfig{});
    EXPECT_TRUE(mentions(v, "晚于基准日"));
    EXPECT_TRUE(mentions(v, "2025-01-15"));
}

TEST(IdleLand, UnknownNeverNotIdle) {
    IdleFacts no_agreed = not_started("");
    IdleFacts started_no_agreed = with_actual(not_started(""), "2022-05-01");
    IdleFacts unmapped;  // no idle field mapped at all
    check({
        {"agreed start missing", no_agreed, "2024-12-31", IdleStatus::Unknown, std::nullopt, std::nullopt,
         {"agreed_start"}},
        {"agreed start missing on started land", started_no_agreed, "2024-12-31", IdleStatus::Unknown, std::nullopt,
         std::nullopt, {"agreed_start"}},
        {"agreed start unreadable", not_started("明年三月"), "2024-12-31", IdleStatus::Unknown, std::nullopt,
         std::nullopt, {"agreed_start"}},
        {"nothing mapped", unmapped, "2024-12-31", IdleStatus::Unknown, std::nullopt, std::nullopt,
         {"supply_date", "agreed_start"}},
    });
}

TEST(IdleLand, UnreadableDatesAreListed) {
    IdleFacts bad_supply = not_started();
    bad_supply.supply_date = "2021-13-01";
    IdleFacts bad_actual = with_actual(not_started(), "2023/02/30");
    IdleFacts several = with_actual(not_started("2022-02-29"), "去年");
    several.supply_date = "2021-13-01";
    IdleFacts bad_suspension = suspended("停工中", 100, 30, 1000, 800);
    // Not started, so the suspension date does not matter: still idle_1y, but listed for diagnostics.
    IdleFacts bad_irrelevant = not_started();
    bad_irrelevant.suspended_since = "2023-1-32";
    // Supplied after as_of: not supplied, and the unreadable agreed start is still listed.
    IdleFacts later_bad = not_started("soon");
    later_bad.supply_date = "2025-06-01";

    struct Expected {
        Case c;
        std::vector<std::pair<std::string, std::string>> unreadable;
    };
    const std::vector<Expected> cases = {
        {{"supply date unreadable", bad_supply, "2024-12-31", IdleStatus::Unknown, std::nullopt, std::nullopt,
          {"supply_date"}},
         {{"supply_date", "2021-13-01"}}},
        {{"actual start unreadable", bad_actual, "2024-12-31", IdleStatus::Unknown, std::nullopt, std::nullopt,
          {"actual_start"}},
         {{"actual_start", "2023/02/30"}}},
        // 2022 is not a leap year: 2022-02-29 is unreadable.
        {{"all named at once", several, "2024-12-31", IdleStatus::Unknown, std::nullopt, std::nullopt,
          {"supply_date", "agreed_start", "actual_start"}},
         {{"supply_date", "2021-13-01"}, {"agreed_start", "2022-02-29"}, {"actual_start", "去年"}}},
        {{"suspension date unreadable", bad_suspension, "2024-12-31", IdleStatus::Unknown, std::nullopt,
          std::nullopt, {"suspended_since"}},
         {{"suspended_since", "停工中"}}},
        {{"unreadable but not needed", bad_irrelevant, "2023-06-30", IdleStatus::Idle1y, 1, 100.0},
         {{"suspended_since", "2023-1-32"}}},
        {{"unreadable on land not supplied", later_bad, "2024-12-31", IdleStatus::NotSupplied, std::nullopt,
          std::nullopt},
         {{"agreed_start", "soon"}}},
    };
    for (const Expected& e : cases) {
        check({e.c});
        SCOPED_TRACE(e.c.name);
        const IdleVerdict v = evaluate_idle(e.c.facts, date(e.c.as_of), IdleConfig{});
        EXPECT_EQ(v.unreadable, e.unreadable);
    }

    const IdleVerdict v = evaluate_idle(bad_supply, date("2024-12-31"), IdleConfig{});
    EXPECT_TRUE(mentions(v, "2021-13-01"));
}

}  // namespace
}  // namespace landaudit
