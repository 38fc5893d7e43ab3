// 标准地 contract checks: after the acceptance check (达产复核) is due, each control indicator written
// into the supply contract against the same parcel's measured 亩均 indicator (issue 10 item 2;
// seed 000 (十九)/(二十二), seed 002 四、(二)1, seed 003 二、(九)).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/intensity/intensity_types.h"
#include "layers/civil_date.h"
#include "layers/domain.h"

namespace landaudit {

// A parcel's verdict, and each indicator's. A parcel before its due date is "not_yet_due", never
// "met"; an indicator that cannot be measured is "unknown" with the reason, never "short".
enum class ContractStatus { NotYetDue, Met, Short, Unknown };
std::string_view contract_status_key(ContractStatus status);  // "not_yet_due", "met", "short", "unknown"

// One contracted indicator: the contract's member, the 亩均 indicator it is compared with (codes of
// layers/indicators.h) and the stem of its output fields (standard_land.std_<stem>, act_<stem>, …).
struct ContractTerm {
    std::optional<double> StandardLandContract::*contracted;
    const char* indicator;
    const char* stem;
    const char* config_key;  // [parcels.fields] key
};

// In output order: investment, FAR, tax, output, energy.
const std::vector<ContractTerm>& contract_terms();

struct ContractCheck {
    std::string indicator;  // inv_mu, far, tax_mu, out_mu or va_energy
    double contracted = 0;  // a minimum
    std::optional<double> actual;
    // (contracted − actual) ÷ contracted × 100 when short, 0 when met; absent when not due or unknown.
    std::optional<double> shortfall_pct;
    ContractStatus status = ContractStatus::Unknown;
    // For people, in the words of a rule-set check:
    // "亩均税收 tax_mu 25.00 万元/亩 < 30 ✗ short by 16.67 % [标准地 std_tax]"
    std::string text;
};

struct StandardLandVerdict {
    ContractStatus status = ContractStatus::Unknown;
    std::optional<CivilDate> due;
    std::vector<ContractCheck> checks;  // one per contracted indicator, in contract_terms() order
    std::string reason;                 // why the whole parcel is unknown or not yet due; else empty
    std::string text;                   // the verdict and every check, for people
};

// Due when as_of ≥ the due date. Then each contracted value is a minimum: the parcel falls short of
// it when the measured indicator is below it (beyond a relative 1e-9, as the grading's limits, so a
// quotient landing an ulp under an equal value is not a shortfall). Parcel status: "short" when any
// indicator is short (a known shortfall stands whatever else is unknown), else "unknown" when any is
// unknown, else "met". Unknown as a whole: no or an unreadable due date, no as_of, no contracted value.
StandardLandVerdict check_standard_land(const StandardLandContract& contract, const IndicatorSet& measured,
                                        const std::optional<CivilDate>& as_of);

}  // namespace landaudit
