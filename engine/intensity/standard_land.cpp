// 标准地 contract checks: contracted minimums against measured indicators at the due date.
#include "engine/intensity/standard_land.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/intensity/intensity_grading.h"
#include "layers/indicators.h"

namespace landaudit {

namespace {

// Equal within a relative 1e-9: the measured value is a quotient (tax ÷ 亩).
bool at_limit(double value, double limit) {
    return std::fabs(value - limit) <= 1e-9 * std::max(1.0, std::fabs(limit));
}

// The contract read as a threshold, so a term's text reads like a rule set's check.
Threshold as_threshold(const std::string& code, const char* config_key, double contracted) {
    Threshold t;
    t.id = config_key;
    t.indicator = code;
    t.min = contracted;
    t.verified = true;  // the contract's own value, not a placeholder
    return t;
}

std::string label_of(const std::string& code) {
    const IndicatorInfo* info = find_indicator(code);
    return info ? info->label + " " + code : code;
}

// `undecided`: the parcel is not yet due, or cannot be told to be (then the term is not compared).
ContractCheck check_term(const ContractTerm& term, double contracted, const IndicatorSet& measured,
                         std::optional<ContractStatus> undecided) {
    static const RuleSet kContract = [] {
        RuleSet rs;
        rs.name = "标准地";
        return rs;
    }();
    ContractCheck c;
    c.indicator = term.indicator;
    c.contracted = contracted;
    const Threshold t = as_threshold(term.indicator, term.config_key, contracted);
    if (undecided) {
        c.status = *undecided;
        std::ostringstream s;
        s << label_of(c.indicator) << " contracted ≥ " << contracted
          << (c.status == ContractStatus::NotYetDue ? ": not yet due" : ": not checked") << " [标准地 " << t.id << "]";
        c.text = s.str();
        return c;
    }
    c.actual = measured.get(c.indicator);
    if (c.actual && !std::isfinite(*c.actual)) c.actual.reset();
    if (!c.actual) {
        auto why = measured.missing.find(c.indicator);
        c.status = ContractStatus::Unknown;
        c.text = check_text(t, kContract, std::nullopt, false,
                            why != measured.missing.end() ? why->second : "not measured");
        return c;
    }
    const bool met = *c.actual >= contracted || at_limit(*c.actual, contracted);
    c.status = met ? ContractStatus::Met : ContractStatus::Short;
    c.shortfall_pct = met ? 0.0 : (contracted - *c.actual) / contracted * 100.0;  // contracted > actual ≥ 0
    c.text = check_text(t, kContract, c.actual, met, {});
    if (!met) {
        std::ostringstream s;
        s.setf(std::ios::fixed);
        s.precision(2);
        s << " short by " << *c.shortfall_pct << " %";
        c.text.insert(std::min(c.text.rfind(" ["), c.text.size()), s.str());  // before the reference
    }
    return c;
}

std::string join(const std::vector<ContractCheck>& checks) {
    std::string out;
    for (const auto& c : checks) out += (out.empty() ? "" : "; ") + c.text;
    return out;
}

}  // namespace

std::string_view contract_status_key(ContractStatus status) {
    switch (status) {
        case ContractStatus::NotYetDue: return "not_yet_due";
        case ContractStatus::Met: return "met";
        case ContractStatus::Short: return "short";
        case ContractStatus::Unknown: return "unknown";
    }
    return "unknown";
}

const std::vector<ContractTerm>& contract_terms() {
    static const std::vector<ContractTerm> terms = {
        {&StandardLandContract::investment_mu, "inv_mu", "inv", "std_investment"},
        {&StandardLandContract::far, "far", "far", "std_far"},
        {&StandardLandContract::tax_mu, "tax_mu", "tax", "std_tax"},
        {&StandardLandContract::output_mu, "out_mu", "out", "std_output"},
        {&StandardLandContract::energy, "va_energy", "enr", "std_energy"},
    };
    return terms;
}

StandardLandVerdict check_standard_land(const StandardLandContract& contract, const IndicatorSet& measured,
                                        const std::optional<CivilDate>& as_of) {
    StandardLandVerdict v;
    // Whether the 达产复核 is due decides everything else; without that, nothing is "met".
    bool due = false;
    if (contract.due_date.empty()) {
        v.reason = "std_due: no 达产复核 date recorded, so it cannot be told whether the contract is due";
    } else if (!(v.due = parse_civil_date(contract.due_date))) {
        v.reason = "std_due: '" + contract.due_date + "' is not a date";
    } else if (!as_of) {
        v.reason = "[audit] as_of is not set, so it cannot be told whether the 达产复核 on " + v.due->iso() + " is due";
    } else if (*as_of < *v.due) {
        v.status = ContractStatus::NotYetDue;
        v.reason = "达产复核 on " + v.due->iso() + " is after as_of " + as_of->iso();
    } else {
        due = true;
    }
    const std::optional<ContractStatus> undecided = due ? std::nullopt : std::optional(v.status);
    for (const ContractTerm& term : contract_terms())
        if (const auto& value = contract.*term.contracted)
            v.checks.push_back(check_term(term, *value, measured, undecided));

    if (due && v.checks.empty()) v.reason = "no contracted indicator recorded (std_investment … std_energy)";
    if (due && !v.checks.empty()) {
        const auto has = [&](ContractStatus s) {
            return std::any_of(v.checks.begin(), v.checks.end(), [s](const ContractCheck& c) { return c.status == s; });
        };
        v.status = has(ContractStatus::Short)     ? ContractStatus::Short
                   : has(ContractStatus::Unknown) ? ContractStatus::Unknown
                                                  : ContractStatus::Met;
    }

    std::string head = "标准地 " + std::string(contract_status_key(v.status));
    if (v.due) head += " (达产复核 " + v.due->iso() + ")";
    if (!v.reason.empty()) head += " — " + v.reason;
    const std::string checks = join(v.checks);
    v.text = head + (checks.empty() ? "" : ": " + checks);
    return v;
}

}  // namespace landaudit
