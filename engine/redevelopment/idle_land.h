// Idle land (闲置土地): the status of one supplied parcel at the audit's as_of date under
// 闲置土地处置办法 (国土资源部令第53号, 2012), land-rules §4. Plain dates and numbers: no GDAL, no GEOS.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layers/audit_config.h"
#include "layers/civil_date.h"
#include "layers/domain.h"

namespace landaudit {

enum class IdleStatus { NotIdle, Idle1y, Idle2y, Suspect, GovDelay, NotSupplied, Unknown };

// "not_idle", "idle_1y", "idle_2y", "suspect", "gov_delay", "not_supplied", "unknown".
std::string_view idle_status_key(IdleStatus status);

struct IdleVerdict {
    IdleStatus status = IdleStatus::Unknown;
    // Full calendar years idle at as_of: from the agreed start for land not started (set for every
    // not-started verdict, 0 when under a year), from the suspension date for suspect land; kept
    // under GovDelay; null otherwise.
    std::optional<int> idle_years;
    // 万元 = fee_rate × land price, for Idle1y only (Idle2y is a free-reclaim candidate, GovDelay
    // pays none). Null, with a reason naming land_price, when the price is missing.
    std::optional<double> idle_fee;
    // For people, each citing its article, e.g.
    //   "未按约定动工满1年: 约定动工 2022-03-05, 至 2023-12-31 未动工 (闲置土地处置办法 第二条、第十四条)".
    std::vector<std::string> reasons;
    // Fields (by field-mapping key: supply_date, agreed_start, actual_start, suspended_since,
    // due_area, developed_area, total_investment, invested) whose absence or unreadable value made
    // the status Unknown. Empty unless status is Unknown.
    std::vector<std::string> missing;
    // (field key, text as written) for every date of the parcel that could not be parsed, whatever
    // the status: for the diagnostics layer.
    std::vector<std::pair<std::string, std::string>> unreadable;
};

// The idle status of one parcel at `as_of`. Dates are parsed with parse_civil_date (text that is
// blank after trimming counts as empty); "满N年" means as_of ≥ add_years(start, N), so 29 February
// + 1 year is 28 February (民法典 第二百零二条), and N = full_years_between(start, as_of).
// The rules, in the order applied:
//  0. facts.mapped false (neither supply_date nor agreed_start mapped) → Unknown naming both.
//  1. Not supplied: supply_date empty → NotSupplied, unless supplied_flag is true (supplied on an
//     unknown date: go on to 2, the reasons say so); supply_date after as_of → NotSupplied (the
//     reason says so). An unreadable supply_date → Unknown naming it. A supply date with
//     supplied_flag false is believed (the date is a recorded act) and the contradiction is a reason.
//  2. agreed_start empty or unreadable → Unknown naming "agreed_start" (never NotIdle), whether or
//     not the land has started. An unreadable actual_start → Unknown naming it. All such fields are
//     named at once.
//  3. Not started (actual_start empty, or after as_of), n = full_years_between(agreed_start, as_of):
//     n ≥ 2 → Idle2y (Art. 14: free-reclaim candidate, no fee); n ≥ 1 → Idle1y with
//     idle_fee = fee_rate × land_price (Art. 14; missing price → fee null, land_price named in the
//     reasons, status still Idle1y); n < 1 (including an agreed start after as_of) → NotIdle.
//     idle_years = n.
//  4. Started (actual_start ≤ as_of): suspended_since empty → NotIdle; unreadable → Unknown naming
//     it; as_of < add_years(suspended_since, 1) → NotIdle (suspended under a year). Suspended a
//     full year (Art. 2 ¶2, "may be determined idle"): developed < 1/3 of the due area or invested
//     < 25 % of total investment, either ratio known and below its limit → Suspect (a person
//     decides), idle_years = full years since suspension; both ratios known and at or above their
//     limits (exactly 1/3, exactly 25 % are not below) → NotIdle; otherwise Unknown naming the
//     missing fields of the ratio(s) not known. A ratio is known when both values are present and
//     the denominator (due_area, total_investment) is > 0.
//  5. Idle1y, Idle2y or Suspect whose idle_cause contains any non-empty entry of
//     config.government_causes (substring match) → GovDelay (Art. 8: government action or force
//     majeure, negotiated disposal, no fee, no reclaim); idle_years kept, idle_fee null.
IdleVerdict evaluate_idle(const IdleFacts& facts, CivilDate as_of, const IdleConfig& config);

}  // namespace landaudit
