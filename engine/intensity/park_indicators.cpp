// Park indicators: sums over the park's parcels that know each input.
#include "engine/intensity/park_indicators.h"

#include <string_view>

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

class ParkView {
public:
    explicit ParkView(const ParkInputs& in) : m_in(in) {}

    bool empty() const { return m_in.parcels.empty(); }
    const std::vector<std::size_t>& parcels() const { return m_in.parcels; }
    std::span<const ParcelFigures> figures() const { return m_in.figures; }
    const ParcelMeasures& measures(std::size_t i) const { return m_in.measures[i]; }
    const std::string& land_use(std::size_t i) const { return m_in.land_use[i]; }
    const std::string& industry(std::size_t i) const { return m_in.industry[i]; }
    int year() const { return m_in.year; }

    // Why no parcel of the park has `amount` in `figures` (of `year`).
    std::string no_amount(std::span<const ParcelFigures> figures, int year, const std::string& name) const {
        for (std::size_t i : m_in.parcels)
            if (figures[i].has_row)
                return name + ": not known for any parcel of the park in " + std::to_string(year);
        return name + ": no economics row for " + std::to_string(year) + " reaches the park's parcels";
    }

    // Σ amount ÷ Σ land in `unit_m2` over the parcels with the amount (and passing `keep`).
    template <class Keep>
    Result per_land(std::span<const ParcelFigures> figures, int year, Amount amount, const std::string& name,
                    double unit_m2, Keep keep) const {
        double sum = 0.0, land = 0.0;
        bool any = false;
        for (std::size_t i : m_in.parcels) {
            const ParcelFigures& f = figures[i];
            if (!f.has_row || !(f.*amount) || !keep(i)) continue;
            sum += *(f.*amount);
            land += f.land_m2;
            any = true;
        }
        if (!any) return unknown(no_amount(figures, year, name));
        return divide(sum, land / unit_m2, "land");
    }

    // Σ a ÷ Σ b × scale over the parcels that have both.
    Result ratio(std::span<const ParcelFigures> figures, int year, Amount a, const std::string& a_name, Amount b,
                 const std::string& b_name, double scale) const {
        double sa = 0.0, sb = 0.0;
        bool any_a = false, any = false;
        for (std::size_t i : m_in.parcels) {
            const ParcelFigures& f = figures[i];
            if (!f.has_row || !(f.*a)) continue;
            any_a = true;
            if (!(f.*b)) continue;
            sa += *(f.*a);
            sb += *(f.*b);
            any = true;
        }
        if (!any_a) return unknown(no_amount(figures, year, a_name));
        if (!any)
            return unknown(b_name + ": not known for the parcels with " + a_name + " in " + std::to_string(year));
        return divide(sa, sb, b_name, scale);
    }

private:
    const ParkInputs& m_in;
};

const char* const kNoParcels = "no parcels assigned to the park";

void per_mu(IndicatorSet& out, const ParkView& park) {
    const struct {
        const char* mu;
        const char* ha;  // nullptr: no per-hectare form
        Amount amount;
        const char* name;
    } items[] = {
        {"inv_mu", "inv_ha", &ParcelFigures::investment, "investment"},
        {"out_mu", nullptr, &ParcelFigures::output, "output"},
        {"rev_mu", nullptr, &ParcelFigures::revenue, "revenue"},
        {"tax_mu", "tax_ha", &ParcelFigures::tax, "tax"},
        {"va_mu", nullptr, &ParcelFigures::value_added, "value added"},
    };
    bool any_code = false, any_industrial = false;
    for (std::size_t i : park.parcels()) {
        if (!trimmed(park.land_use(i)).empty()) any_code = true;
        if (is_industrial_land_use(park.land_use(i))) any_industrial = true;
    }
    for (const auto& item : items) {
        put(out, item.mu,
            park.per_land(park.figures(), park.year(), item.amount, item.name, kSquareMetresPerMu,
                          [](std::size_t) { return true; }));
        if (!item.ha) continue;
        if (!any_code) out.missing[item.ha] = "land use: not known for any parcel of the park";
        else if (!any_industrial) out.missing[item.ha] = "land use: no industrial or storage parcel in the park";
        else
            put(out, item.ha,
                park.per_land(park.figures(), park.year(), item.amount, std::string(item.name) + " on industrial land",
                              kSquareMetresPerHectare,
                              [&](std::size_t i) { return is_industrial_land_use(park.land_use(i)); }));
    }
}

void built_form(IndicatorSet& out, const ParkView& park) {
    double floor = 0.0, floor_base = 0.0, foot = 0.0, foot_base = 0.0, industrial = 0.0, coded = 0.0;
    bool any_floor = false, any_foot = false, any_code = false;
    for (std::size_t i : park.parcels()) {
        const ParcelMeasures& m = park.measures(i);
        if (m.floor_area_m2) {
            floor += *m.floor_area_m2;
            floor_base += m.area_m2;
            any_floor = true;
        }
        if (m.footprint_m2) {
            foot += *m.footprint_m2;
            foot_base += m.area_m2;
            any_foot = true;
        }
        if (!trimmed(park.land_use(i)).empty()) {
            coded += m.area_m2;
            any_code = true;
            if (is_industrial_land_use(park.land_use(i))) industrial += m.area_m2;
        }
    }
    put(out, "far",
        any_floor ? divide(floor, floor_base, "area of parcels with floor area")
                  : unknown("floor area: not known for any parcel of the park"));
    put(out, "density",
        any_foot ? divide(foot, foot_base, "area of parcels with footprint", 100.0)
                 : unknown("footprint: not known for any parcel of the park"));
    put(out, "ind_pct",
        any_code ? divide(industrial, coded, "area of parcels with a land-use code", 100.0)
                 : unknown("land use: not known for any parcel of the park"));
}

Result leading_share(const ParkView& park, const std::vector<std::string>& leading) {
    if (leading.empty())
        return unknown("leading industries not declared: map [parks.fields] lead_industries or [intensity.leading]");
    bool usable = false;
    for (const auto& prefix : leading)
        if (!without_section(prefix).empty()) usable = true;
    if (!usable) return unknown("leading industries: no usable code among the declared ones");

    const auto figures = park.figures();
    Amount amount = &ParcelFigures::revenue;
    std::string name = "revenue";
    bool any_revenue = false;
    for (std::size_t i : park.parcels())
        if (figures[i].has_row && figures[i].revenue) any_revenue = true;
    if (!any_revenue) {
        amount = &ParcelFigures::output;
        name = "output";
    }
    double lead = 0.0, total = 0.0;
    bool any_amount = false, any = false;
    for (std::size_t i : park.parcels()) {
        const ParcelFigures& f = figures[i];
        if (!f.has_row || !(f.*amount)) continue;
        any_amount = true;
        if (trimmed(park.industry(i)).empty()) continue;
        any = true;
        total += *(f.*amount);
        for (const auto& prefix : leading)
            if (industry_matches(park.industry(i), prefix)) {
                lead += *(f.*amount);
                break;
            }
    }
    if (!any_amount) return unknown(park.no_amount(figures, park.year(), "revenue and output"));
    if (!any) return unknown("industry: not known for any parcel of the park with " + name);
    return divide(lead, total, name + " of parcels with an industry", 100.0);
}

Result energy_change(const ParkView& park, std::span<const ParcelFigures> previous) {
    const int year = park.year();
    if (previous.empty()) return unknown("energy: no economics rows for " + std::to_string(year - 1));
    Result cur = park.ratio(park.figures(), year, &ParcelFigures::energy_tce, "energy", &ParcelFigures::value_added,
                            "value added", 1.0);
    if (!cur.value) return cur;
    Result prev = park.ratio(previous, year - 1, &ParcelFigures::energy_tce, "energy", &ParcelFigures::value_added,
                             "value added", 1.0);
    if (!prev.value) return prev;
    return divide(*prev.value - *cur.value, *prev.value,
                  "energy per value added in " + std::to_string(year - 1), 100.0);
}

Result revenue_growth(const ParkView& park, std::span<const ParcelFigures> previous) {
    const int year = park.year();
    if (previous.empty()) return unknown("revenue: no economics rows for " + std::to_string(year - 1));
    auto all = [](std::size_t) { return true; };
    Result cur = park.per_land(park.figures(), year, &ParcelFigures::revenue, "revenue", kSquareMetresPerMu, all);
    if (!cur.value) return cur;
    Result prev = park.per_land(previous, year - 1, &ParcelFigures::revenue, "revenue", kSquareMetresPerMu, all);
    if (!prev.value) return prev;
    return divide(*cur.value - *prev.value, *prev.value, "rev_mu in " + std::to_string(year - 1), 100.0);
}

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

IndicatorSet park_indicators(const ParkInputs& in) {
    for (std::size_t i : in.parcels)
        if (i >= in.measures.size() || i >= in.figures.size() || i >= in.land_use.size() || i >= in.industry.size() ||
            (!in.previous_figures.empty() && i >= in.previous_figures.size()))
            throw AuditError(AuditError::Kind::Internal,
                             "park indicators: parcel index " + std::to_string(i) + " is outside the parcel data");
    IndicatorSet out;
    const ParkView park(in);
    if (park.empty()) {
        for (const char* code : {"inv_mu", "out_mu", "rev_mu", "tax_mu", "va_mu", "inv_ha", "tax_ha", "far", "density",
                                 "ind_pct", "lead_pct", "hitech_pct", "rd_pct", "energy_chg", "rev_growth"})
            out.missing[code] = kNoParcels;
        put(out, "multi_pct", multi_storey(in.factories));
        return out;
    }
    per_mu(out, park);
    built_form(out, park);
    put(out, "lead_pct", leading_share(park, in.leading));
    put(out, "hitech_pct",
        park.ratio(park.figures(), in.year, &ParcelFigures::hitech_revenue, "high-tech revenue", &ParcelFigures::revenue,
                   "revenue", 100.0));
    put(out, "rd_pct",
        park.ratio(park.figures(), in.year, &ParcelFigures::rd, "R&D", &ParcelFigures::revenue, "revenue", 100.0));
    put(out, "energy_chg", energy_change(park, in.previous_figures));
    put(out, "rev_growth", revenue_growth(park, in.previous_figures));
    put(out, "multi_pct", multi_storey(in.factories));
    return out;
}

}  // namespace landaudit
