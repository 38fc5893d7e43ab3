// Parcel indicators: ratios of measures and figures, each absent with a reason when unknown.
#include "engine/intensity/parcel_indicators.h"

#include <string>

#include "layers/units.h"

namespace landaudit {

namespace {

// An input value, or why it is unknown ("tax: no economics row for 2024").
struct Input {
    std::optional<double> value;
    std::string why;
};

Input measure(const std::optional<double>& value, const std::string& name, const std::string& why) {
    return value ? Input{value, {}} : Input{std::nullopt, name + ": " + why};
}

Input figure(const ParcelFigures& f, std::optional<double> ParcelFigures::*amount, const std::string& name) {
    const std::string year = std::to_string(f.year);
    if (!f.has_row) return {std::nullopt, name + ": no economics row for " + year};
    if (f.*amount) return {f.*amount, {}};
    if (f.enterprises.size() > 1)
        return {std::nullopt, name + ": not known for every enterprise on the parcel in " + year};
    // Empty, or text that is not a number (listed in diagnostics as unreadable_value).
    return {std::nullopt, name + ": no readable value in the row for " + year};
}

// values[code] = num ÷ den × scale, or missing[code] = the first reason it cannot be.
void ratio(IndicatorSet& out, const std::string& code, const Input& num, const Input& den,
           const std::string& den_name, double scale = 1.0) {
    if (!num.value) {
        out.missing[code] = num.why;
    } else if (!den.value) {
        out.missing[code] = den.why;
    } else if (*den.value == 0.0) {
        out.missing[code] = den_name + ": 0, cannot divide by it";
    } else {
        out.values[code] = *num.value / *den.value * scale;
    }
}

}  // namespace

IndicatorSet parcel_indicators(const ParcelMeasures& m, const ParcelFigures& f) {
    IndicatorSet out;
    const Input area{m.area_m2, {}};

    // Which of "no attribute" and "no buildings layer" applies is read from the sources:
    // a footprint from the buildings layer means the layer was there.
    const bool buildings_layer = m.footprint_source == "buildings";
    const Input floor_area =
        measure(m.floor_area_m2, "floor area",
                buildings_layer ? "not in the parcel's attributes, and a building on it has neither floors nor height"
                                : "not in the parcel's attributes and no buildings layer gave it");
    ratio(out, "far", floor_area, area, "parcel area");

    Input cover = measure(m.footprint_m2, "footprint", "not in the parcel's attributes and no buildings layer gave it");
    if (cover.value) cover.value = *cover.value + m.yard_m2.value_or(0.0);
    ratio(out, "coverage", cover, area, "parcel area", 100.0);

    ratio(out, "admin_pct", measure(m.admin_m2, "admin area", "not in the parcel's attributes"), area, "parcel area",
          100.0);

    // Per mu: on the land the figures are measured on.
    Input land_mu{f.land_m2 / kSquareMetresPerMu, {}};
    if (!f.has_row) land_mu = {std::nullopt, "land: no economics row for " + std::to_string(f.year)};
    const struct {
        const char* code;
        std::optional<double> ParcelFigures::*amount;
        const char* name;
    } per_mu[] = {
        {"inv_mu", &ParcelFigures::investment, "investment"}, {"out_mu", &ParcelFigures::output, "output"},
        {"rev_mu", &ParcelFigures::revenue, "revenue"},       {"tax_mu", &ParcelFigures::tax, "tax"},
        {"va_mu", &ParcelFigures::value_added, "value added"},
    };
    for (const auto& i : per_mu) ratio(out, i.code, figure(f, i.amount, i.name), land_mu, "land");

    const Input va = figure(f, &ParcelFigures::value_added, "value added");
    ratio(out, "va_energy", va, figure(f, &ParcelFigures::energy_tce, "energy"), "energy");
    ratio(out, "va_emission", va, figure(f, &ParcelFigures::emissions_t, "emissions"), "emissions");
    ratio(out, "va_employee", va, figure(f, &ParcelFigures::employees, "employees"), "employees");
    ratio(out, "rd_pct", figure(f, &ParcelFigures::rd, "R&D"), figure(f, &ParcelFigures::revenue, "revenue"),
          "revenue", 100.0);
    return out;
}

}  // namespace landaudit
