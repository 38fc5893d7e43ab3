// Idle land (闲置土地处置办法 2012): the status of one parcel at as_of, its idle years, fee and reasons.
#include "engine/redevelopment/idle_land.h"

#include <cstdio>

namespace landaudit {

namespace {

constexpr const char* kLaw = "闲置土地处置办法";

std::string_view trimmed(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// A number for people: at most two decimals, no trailing zeros ("100", "33.33").
std::string number_text(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

// One date field of the facts as read.
struct DateField {
    const char* key;
    std::string text;  // trimmed, as written
    std::optional<CivilDate> date;
    bool present() const { return !text.empty(); }
    bool unreadable() const { return present() && !date; }
};

DateField read_date(const char* key, const std::string& raw, IdleVerdict& v) {
    DateField f{key, std::string(trimmed(raw)), std::nullopt};
    if (f.present()) {
        f.date = parse_civil_date(f.text);
        if (!f.date) v.unreadable.emplace_back(key, f.text);
    }
    return f;
}

// Names a date field that is needed but empty or unreadable.
void need(const DateField& f, const char* label, IdleVerdict& v) {
    v.missing.emplace_back(f.key);
    if (f.unreadable())
        v.reasons.push_back(std::string(label) + " " + f.key + " 无法识别: '" + f.text + "'");
    else
        v.reasons.push_back(std::string(label) + " " + f.key + " 缺失");
}

// The entry of `causes` found in `cause`, or nullptr. Empty entries would match everything: skipped.
const std::string* government_cause(const std::string& cause, const std::vector<std::string>& causes) {
    if (cause.empty()) return nullptr;
    for (const std::string& c : causes)
        if (!c.empty() && cause.find(c) != std::string::npos) return &c;
    return nullptr;
}

// `negotiated`: the cause is a government one (Art. 8), so no fee or reclaim is stated.
void not_started(const DateField& agreed, const DateField& actual, CivilDate as_of, const IdleConfig& config,
                 const std::optional<double>& land_price, bool negotiated, IdleVerdict& v) {
    const CivilDate start = *agreed.date;
    const int n = full_years_between(start, as_of);
    v.idle_years = n;
    std::string state = "未动工";
    if (actual.date) state = "未动工 (实际动工 " + actual.date->iso() + " 晚于基准日)";
    if (n < 1) {
        v.status = IdleStatus::NotIdle;
        if (as_of < start)
            v.reasons.push_back("约定动工 " + start.iso() + " 晚于基准日 " + as_of.iso() + ": 尚未到约定动工日期 (" +
                                kLaw + " 第二条)");
        else
            v.reasons.push_back("约定动工 " + start.iso() + ", 至 " + as_of.iso() + " " + state + ", 未满一年 (满一年为 " +
                                add_years(start, 1).iso() + ") (" + kLaw + " 第二条)");
        return;
    }
    v.reasons.push_back("未按约定动工满" + std::to_string(n) + "年: 约定动工 " + start.iso() + ", 至 " + as_of.iso() + " " +
                        state + " (" + kLaw + " 第二条、第十四条)");
    if (n >= 2) {
        v.status = IdleStatus::Idle2y;
        if (!negotiated)
            v.reasons.push_back(std::string("满两年: 无偿收回候选, 不适用闲置费 (") + kLaw + " 第十四条)");
        return;
    }
    v.status = IdleStatus::Idle1y;
    if (negotiated) return;
    if (land_price) {
        v.idle_fee = config.fee_rate * *land_price;
        v.reasons.push_back("闲置费 = " + number_text(config.fee_rate * 100.0) + " % × 土地价款 " +
                            number_text(*land_price) + " 万元 = " + number_text(*v.idle_fee) + " 万元 (" + kLaw +
                            " 第十四条)");
    } else {
        v.reasons.push_back(std::string("土地价款 land_price 缺失: 闲置费无法计算 (") + kLaw + " 第十四条)");
    }
}

void started(const IdleFacts& facts, const DateField& actual, const DateField& suspended, CivilDate as_of,
             IdleVerdict& v) {
    const std::string began = "已于 " + actual.date->iso() + " 动工";
    if (!suspended.present()) {
        v.status = IdleStatus::NotIdle;
        v.reasons.push_back(began + ", 无停工记录 (" + kLaw + " 第二条)");
        return;
    }
    if (!suspended.date) {
        v.status = IdleStatus::Unknown;
        need(suspended, "停工日期", v);
        return;
    }
    const CivilDate since = *suspended.date;
    if (as_of < add_years(since, 1)) {
        v.status = IdleStatus::NotIdle;
        v.reasons.push_back(began + ", 停工 " + since.iso() + ", 至 " + as_of.iso() + " 停工未满一年 (满一年为 " +
                            add_years(since, 1).iso() + ") (" + kLaw + " 第二条第二款)");
        return;
    }
    const std::string halted = began + ", 停工 " + since.iso() + ", 至 " + as_of.iso() + " 停工满" +
                               std::to_string(full_years_between(since, as_of)) + "年";

    const auto& due = facts.due_area_m2;
    const auto& developed = facts.developed_area_m2;
    const auto& total = facts.total_investment;
    const auto& invested = facts.invested;
    const bool area_known = due && developed && *due > 0;
    const bool money_known = total && invested && *total > 0;
    // Exact comparisons: "不足三分之一" is developed/due < 1/3, i.e. 3 × developed < due.
    const bool area_low = area_known && 3.0 * *developed < *due;
    const bool money_low = money_known && 4.0 * *invested < *total;
    const std::string area_text = area_known ? "已开发 " + number_text(*developed) + " / 应开发 " + number_text(*due) +
                                                   " m² (" + number_text(100.0 * *developed / *due) + " %)"
                                             : std::string();
    const std::string money_text = money_known ? "已投资 " + number_text(*invested) + " / 总投资 " +
                                                     number_text(*total) + " 万元 (" +
                                                     number_text(100.0 * *invested / *total) + " %)"
                                               : std::string();

    if (area_low || money_low) {
        v.status = IdleStatus::Suspect;
        v.idle_years = full_years_between(since, as_of);
        std::string why;
        if (area_low) why = area_text + " 不足三分之一";
        if (money_low) why += (why.empty() ? "" : "; ") + money_text + " 不足25%";
        v.reasons.push_back("疑似闲置: " + halted + ", " + why + " (" + kLaw + " 第二条第二款: 可以认定为闲置土地, 需人工认定)");
        return;
    }
    if (area_known && money_known) {
        v.status = IdleStatus::NotIdle;
        v.reasons.push_back(halted + ", 但 " + area_text + " 不低于三分之一且 " + money_text + " 不低于25% (" + kLaw +
                            " 第二条第二款)");
        return;
    }
    v.status = IdleStatus::Unknown;
    std::string known;
    if (area_known) known = area_text + " 不低于三分之一";
    if (money_known) known += money_text + " 不低于25%";  // at most one of the two is known here
    if (!area_known) {
        if (!due || *due <= 0) v.missing.emplace_back("due_area");
        if (!developed) v.missing.emplace_back("developed_area");
    }
    if (!money_known) {
        if (!total || *total <= 0) v.missing.emplace_back("total_investment");
        if (!invested) v.missing.emplace_back("invested");
    }
    std::string names;
    for (const std::string& m : v.missing) names += (names.empty() ? "" : ", ") + m;
    v.reasons.push_back(halted + (known.empty() ? "" : ", " + known) + "; 无法判断开发面积或投资比例: 缺少 " + names +
                        " (" + kLaw + " 第二条第二款)");
}

}  // namespace

std::string_view idle_status_key(IdleStatus status) {
    switch (status) {
        case IdleStatus::NotIdle: return "not_idle";
        case IdleStatus::Idle1y: return "idle_1y";
        case IdleStatus::Idle2y: return "idle_2y";
        case IdleStatus::Suspect: return "suspect";
        case IdleStatus::GovDelay: return "gov_delay";
        case IdleStatus::NotSupplied: return "not_supplied";
        case IdleStatus::Unknown: return "unknown";
    }
    return "unknown";
}

IdleVerdict evaluate_idle(const IdleFacts& facts, CivilDate as_of, const IdleConfig& config) {
    IdleVerdict v;
    if (!facts.mapped) {
        v.status = IdleStatus::Unknown;
        v.missing = {"supply_date", "agreed_start"};
        v.reasons.push_back("供地日期 supply_date 与约定动工日期 agreed_start 均未映射: 无法认定闲置土地");
        return v;
    }
    // Every date is read up front so that each unreadable one reaches the diagnostics.
    const DateField supply = read_date("supply_date", facts.supply_date, v);
    const DateField agreed = read_date("agreed_start", facts.agreed_start, v);
    const DateField actual = read_date("actual_start", facts.actual_start, v);
    const DateField suspended = read_date("suspended_since", facts.suspended_since, v);

    if (!supply.present() && facts.supplied_flag == true) {
        // 供地标志 says supplied, and neither the parcel nor a [supplied] record gives the date: the
        // land is supplied (it counts in idle_pct), and idleness runs from the agreed start as usual.
        v.reasons.push_back("供地标志为已供应, 无供地日期: 按已供应土地认定 (" + std::string(kLaw) + " 第二条)");
    } else if (!supply.present()) {
        v.status = IdleStatus::NotSupplied;
        std::string text = "无供地日期: 未供应 (出让合同/划拨决定), 不适用闲置土地认定 (" + std::string(kLaw) + " 第二条)";
        if (facts.supplied_flag == false) text = "供地标志非已供应: 未供应, 不适用闲置土地认定 (" + std::string(kLaw) + " 第二条)";
        if (agreed.present()) text += "; 但约定动工日期已填写 (" + agreed.text + "), 请核对供地日期";
        v.reasons.push_back(std::move(text));
        return v;
    }
    if (supply.date && facts.supplied_flag == false)
        v.reasons.push_back("供地标志为未供应, 但供地日期 " + supply.date->iso() + " 已填写: 以供地日期为准, 请核对");
    if (supply.date && as_of < *supply.date) {
        v.status = IdleStatus::NotSupplied;
        v.reasons.push_back("供地日期 " + supply.date->iso() + " 晚于基准日 " + as_of.iso() + ": 基准日尚未供应 (" + kLaw +
                            " 第二条)");
        return v;
    }
    if (supply.unreadable()) need(supply, "供地日期", v);
    if (!agreed.date) need(agreed, "约定动工日期", v);
    if (actual.unreadable()) need(actual, "实际动工日期", v);
    if (!v.missing.empty()) {
        v.status = IdleStatus::Unknown;
        return v;
    }

    const std::string* cause = government_cause(facts.idle_cause, config.government_causes);
    if (actual.date && *actual.date <= as_of)
        started(facts, actual, suspended, as_of, v);
    else
        not_started(agreed, actual, as_of, config, facts.land_price, cause != nullptr, v);

    if (v.status == IdleStatus::Idle1y || v.status == IdleStatus::Idle2y || v.status == IdleStatus::Suspect) {
        if (cause) {
            v.status = IdleStatus::GovDelay;
            v.idle_fee.reset();
            v.reasons.push_back("闲置原因 '" + facts.idle_cause + "' 含 '" + *cause +
                                "': 政府、政府有关部门的行为或不可抗力造成 (" + kLaw +
                                " 第八条), 协商处置, 不征收闲置费、不无偿收回");
        }
    }
    return v;
}

}  // namespace landaudit
