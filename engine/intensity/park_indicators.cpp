// Park indicators: sums over the park's parcels that know each input.
#include "engine/intensity/park_indicators.h"

#include <string_view>
#include <utility>

#include "layers/error.h"
#include "layers/units.h"

namespace landaudit {

namespace {

using Amount = std::optional<double> ParcelFigures::*;

std::string_view trimmed(std::string_view s) {
    const char* space = " \t\r\n";
    auto b = s.find_first_not_of(space);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(space) - b + 1);
}

std::string_view without_section(std::string_view code) {
    code = trimmed(code);
    if (!code.empty() && ((code[0] >= 'A' && code[0] <= 'T') || (code[0] >= 'a' && code[0] <= 't')))
        code.remove_prefix(1);
    return code;
}

// A value, or why it is unknown.
struct Result {
    std::optional<double> value;
    std::string why;
};

Result unknown(std::string why) { return {std::nullopt, std::move(why)}; }

void put(IndicatorSet& out, const std::string& code, const Result& r) {
    if (r.value) out.values[code] = *r.value;
    else out.missing[code] = r.why;
}

Result divide(double num, double den, const std::string& den_name, double scale = 1.0) {
    if (den == 0.0) return unknown(den_name + ": 0, cannot divide by it");
    return {num / den * scale, {}};
}

// One year's sums over the park's parcels, each over the parcels that know its inputs.
struct LandSum {  // Σ amount and Σ land of the parcels with the amount
    double sum = 0.0, land = 0.0;
    bool any = false;
};
struct RatioSum {  // Σ a and Σ b of the parcels with both; any_a: some parcel has a
    double a = 0.0, b = 0.0;
    bool any_a = false, any = false;
};

const char* const kNoParcels = "no parcels assigned to the park";

Result multi_storey(const std::optional<FactoryFootprint>& factories) {
    if (!factories)
        return unknown("standard factories: no buildings layer, or no [buildings] standard_factory kinds");
    if (factories->all_m2 <= 0.0)
        return unknown(factories->unknown_m2 > 0.0 ? "standard factories: none in the park with known floors"
                                                   : "standard factories: none in the park");
    return {factories->multi_m2 / factories->all_m2 * 100.0, {}};
}

}  // namespace

bool is_industrial_land_use(const std::string& code) {
    const std::string_view c = trimmed(code);
    for (std::string_view prefix : {"0601", "0604", "0508", "1001", "1101"})
        if (c.starts_with(prefix)) return true;
    return false;
}

bool industry_matches(const std::string& code, const std::string& prefix) {
    const std::string_view p = without_section(prefix);
    return !p.empty() && without_section(code).starts_with(p);
}

struct ParkAccumulator::YearSums {
    bool any_row = false;         // some parcel has an economics row for the year
    LandSum per_mu[5];            // investment, output, revenue, tax, value added
    LandSum per_ha[5];            // the same on industrial and storage land
    RatioSum hitech, rd, energy;  // high-tech revenue ÷ revenue, R&D ÷ revenue, energy ÷ value added
    // Leading industries' share, by revenue and by output (output when no parcel has revenue).
    bool any_revenue = false;
    double lead[2] = {0.0, 0.0}, total[2] = {0.0, 0.0};
    bool any_amount[2] = {false, false}, any_with_industry[2] = {false, false};
};

namespace {

using Amount = std::optional<double> ParcelFigures::*;
constexpr Amount kPerMuAmounts[5] = {&ParcelFigures::investment, &ParcelFigures::output, &ParcelFigures::revenue,
                                     &ParcelFigures::tax, &ParcelFigures::value_added};

void add_ratio(RatioSum& r, const ParcelFigures& f, Amount a, Amount b) {
    if (!f.has_row || !(f.*a)) return;
    r.any_a = true;
    if (!(f.*b)) return;
    r.a += *(f.*a);
    r.b += *(f.*b);
    r.any = true;
}

}  // namespace

ParkAccumulator::ParkAccumulator(std::vector<std::string> leading)
    : m_leading(std::move(leading)), m_current(std::make_unique<YearSums>()), m_previous(std::make_unique<YearSums>()) {}

ParkAccumulator::~ParkAccumulator() = default;
ParkAccumulator::ParkAccumulator(ParkAccumulator&&) noexcept = default;
ParkAccumulator& ParkAccumulator::operator=(ParkAccumulator&&) noexcept = default;

void ParkAccumulator::add_year(YearSums& y, const ParcelFigures& f, const std::string& land_use,
                               const std::string& industry) const {
    if (f.has_row) y.any_row = true;
    const bool industrial = is_industrial_land_use(land_use);
    for (std::size_t k = 0; k < 5; ++k) {
        const std::optional<double>& v = f.*kPerMuAmounts[k];
        if (!f.has_row || !v) continue;
        y.per_mu[k].sum += *v;
        y.per_mu[k].land += f.land_m2;
        y.per_mu[k].any = true;
        if (industrial) {
            y.per_ha[k].sum += *v;
            y.per_ha[k].land += f.land_m2;
            y.per_ha[k].any = true;
        }
    }
    add_ratio(y.hitech, f, &ParcelFigures::hitech_revenue, &ParcelFigures::revenue);
    add_ratio(y.rd, f, &ParcelFigures::rd, &ParcelFigures::revenue);
    add_ratio(y.energy, f, &ParcelFigures::energy_tce, &ParcelFigures::value_added);
    if (f.has_row && f.revenue) y.any_revenue = true;
    const Amount amounts[2] = {&ParcelFigures::revenue, &ParcelFigures::output};
    for (int k = 0; k < 2; ++k) {
        const std::optional<double>& v = f.*amounts[k];
        if (!f.has_row || !v) continue;
        y.any_amount[k] = true;
        if (trimmed(industry).empty()) continue;
        y.any_with_industry[k] = true;
        y.total[k] += *v;
        for (const auto& prefix : m_leading)
            if (industry_matches(industry, prefix)) {
                y.lead[k] += *v;
                break;
            }
    }
}

void ParkAccumulator::add(const ParcelMeasures& m, const ParcelFigures& figures, const ParcelFigures* previous,
                          const std::string& land_use, const std::string& industry) {
    ++m_parcels;
    if (m.floor_area_m2) {
        m_floor += *m.floor_area_m2;
        m_floor_base += m.area_m2;
        m_any_floor = true;
    }
    if (m.footprint_m2) {
        m_foot += *m.footprint_m2;
        m_foot_base += m.area_m2;
        m_any_foot = true;
    }
    if (!trimmed(land_use).empty()) {
        m_coded += m.area_m2;
        m_any_code = true;
        if (is_industrial_land_use(land_use)) {
            m_industrial += m.area_m2;
            m_any_industrial = true;
        }
    }
    add_year(*m_current, figures, land_use, industry);
    if (previous) add_year(*m_previous, *previous, land_use, industry);
}

IndicatorSet ParkAccumulator::indicators(int year, bool has_previous_year,
                                         const std::optional<FactoryFootprint>& factories) const {
    IndicatorSet out;
    if (m_parcels == 0) {
        for (const char* code : {"inv_mu", "out_mu", "rev_mu", "tax_mu", "va_mu", "inv_ha", "tax_ha", "far", "density",
                                 "ind_pct", "lead_pct", "hitech_pct", "rd_pct", "energy_chg", "rev_growth"})
            out.missing[code] = kNoParcels;
        put(out, "multi_pct", multi_storey(factories));
        return out;
    }
    // Why no parcel of the park has an amount in a year.
    auto no_amount = [](const YearSums& y, int in_year, const std::string& name) {
        return y.any_row ? name + ": not known for any parcel of the park in " + std::to_string(in_year)
                         : name + ": no economics row for " + std::to_string(in_year) + " reaches the park's parcels";
    };
    auto per_land = [&](const YearSums& y, int in_year, const LandSum& s, const std::string& name, double unit_m2) {
        if (!s.any) return unknown(no_amount(y, in_year, name));
        return divide(s.sum, s.land / unit_m2, "land");
    };
    auto ratio = [&](const YearSums& y, int in_year, const RatioSum& r, const std::string& a_name,
                     const std::string& b_name, double scale) {
        if (!r.any_a) return unknown(no_amount(y, in_year, a_name));
        if (!r.any) return unknown(b_name + ": not known for the parcels with " + a_name + " in " + std::to_string(in_year));
        return divide(r.a, r.b, b_name, scale);
    };
    const YearSums& cur = *m_current;
    const YearSums& prev = *m_previous;

    // 亩均 figures, and per hectare on industrial land.
    const struct {
        const char* mu;
        const char* ha;  // nullptr: no per-hectare form
        const char* name;
    } items[] = {{"inv_mu", "inv_ha", "investment"}, {"out_mu", nullptr, "output"}, {"rev_mu", nullptr, "revenue"},
                 {"tax_mu", "tax_ha", "tax"},        {"va_mu", nullptr, "value added"}};
    for (std::size_t k = 0; k < 5; ++k) {
        put(out, items[k].mu, per_land(cur, year, cur.per_mu[k], items[k].name, kSquareMetresPerMu));
        if (!items[k].ha) continue;
        if (!m_any_code) out.missing[items[k].ha] = "land use: not known for any parcel of the park";
        else if (!m_any_industrial) out.missing[items[k].ha] = "land use: no industrial or storage parcel in the park";
        else
            put(out, items[k].ha,
                per_land(cur, year, cur.per_ha[k], std::string(items[k].name) + " on industrial land",
                         kSquareMetresPerHectare));
    }

    // Built form.
    put(out, "far",
        m_any_floor ? divide(m_floor, m_floor_base, "area of parcels with floor area")
                    : unknown("floor area: not known for any parcel of the park"));
    put(out, "density",
        m_any_foot ? divide(m_foot, m_foot_base, "area of parcels with footprint", 100.0)
                   : unknown("footprint: not known for any parcel of the park"));
    put(out, "ind_pct",
        m_any_code ? divide(m_industrial, m_coded, "area of parcels with a land-use code", 100.0)
                   : unknown("land use: not known for any parcel of the park"));

    // Leading industries' share of revenue (of output when no parcel has revenue).
    put(out, "lead_pct", [&]() -> Result {
        if (m_leading.empty())
            return unknown("leading industries not declared: map [parks.fields] lead_industries or [intensity.leading]");
        bool usable = false;
        for (const auto& prefix : m_leading)
            if (!without_section(prefix).empty()) usable = true;
        if (!usable) return unknown("leading industries: no usable code among the declared ones");
        const int k = cur.any_revenue ? 0 : 1;
        const std::string name = k == 0 ? "revenue" : "output";
        if (!cur.any_amount[k]) return unknown(no_amount(cur, year, "revenue and output"));
        if (!cur.any_with_industry[k]) return unknown("industry: not known for any parcel of the park with " + name);
        return divide(cur.lead[k], cur.total[k], name + " of parcels with an industry", 100.0);
    }());
    put(out, "hitech_pct", ratio(cur, year, cur.hitech, "high-tech revenue", "revenue", 100.0));
    put(out, "rd_pct", ratio(cur, year, cur.rd, "R&D", "revenue", 100.0));

    // Change against the year before.
    put(out, "energy_chg", [&]() -> Result {
        if (!has_previous_year) return unknown("energy: no economics rows for " + std::to_string(year - 1));
        Result c = ratio(cur, year, cur.energy, "energy", "value added", 1.0);
        if (!c.value) return c;
        Result p = ratio(prev, year - 1, prev.energy, "energy", "value added", 1.0);
        if (!p.value) return p;
        return divide(*p.value - *c.value, *p.value, "energy per value added in " + std::to_string(year - 1), 100.0);
    }());
    put(out, "rev_growth", [&]() -> Result {
        if (!has_previous_year) return unknown("revenue: no economics rows for " + std::to_string(year - 1));
        Result c = per_land(cur, year, cur.per_mu[2], "revenue", kSquareMetresPerMu);
        if (!c.value) return c;
        Result p = per_land(prev, year - 1, prev.per_mu[2], "revenue", kSquareMetresPerMu);
        if (!p.value) return p;
        return divide(*c.value - *p.value, *p.value, "rev_mu in " + std::to_string(year - 1), 100.0);
    }());
    put(out, "multi_pct", multi_storey(factories));
    return out;
}

IndicatorSet park_indicators(const ParkInputs& in) {
    for (std::size_t i : in.parcels)
        if (i >= in.measures.size() || i >= in.figures.size() || i >= in.land_use.size() || i >= in.industry.size() ||
            (!in.previous_figures.empty() && i >= in.previous_figures.size()))
            throw AuditError(AuditError::Kind::Internal,
                             "park indicators: parcel index " + std::to_string(i) + " is outside the parcel data");
    ParkAccumulator park(in.leading);
    for (std::size_t i : in.parcels)
        park.add(in.measures[i], in.figures[i], in.previous_figures.empty() ? nullptr : &in.previous_figures[i],
                 in.land_use[i], in.industry[i]);
    return park.indicators(in.year, !in.previous_figures.empty(), in.factories);
}

}  // namespace landaudit
