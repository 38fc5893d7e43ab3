// Shared types of the intensity analysis (亩均): measures per parcel, the economic figures
// attributed to it, indicator values, and grading verdicts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layers/domain.h"

namespace landaudit {

// How a parcel is built on: from mapped attributes, else from the buildings layer.
struct ParcelMeasures {
    double area_m2 = 0.0;  // planar parcel area (working CRS)
    std::optional<double> floor_area_m2;  // storeys over 8 m counted double when heights are known
    std::optional<double> footprint_m2;   // building + structure footprint within the parcel
    std::optional<double> yard_m2;
    std::optional<double> admin_m2;
    std::string floor_area_source;  // "attribute", "buildings" or "" when unknown
    std::string footprint_source;
};

// The figures of one year attributed to one parcel after the economics join (amounts in 万元,
// energy in tce). An enterprise's figures are spread over its parcels in proportion to its land on
// each (see docs/indicators.md); co-located enterprises are summed.
struct ParcelFigures {
    int year = 0;
    std::vector<std::string> enterprises;  // ids joined to this parcel (the parcel id when keyed by parcel)
    std::optional<double> investment, output, revenue, tax, value_added, energy_tce, emissions_t, employees, rd,
        hitech_revenue;
    // Land the figures are measured on, m²: the parcel's area (or its enterprises' share of it).
    double land_m2 = 0.0;
    bool has_row = false;  // false: no economics row reached this parcel for the year
};

// Indicator code (layers/indicators.h) → value. An absent code is unknown, never zero; `missing`
// says why, naming the input ("tax: no economics row for 2024").
struct IndicatorSet {
    std::map<std::string, double> values;
    std::map<std::string, std::string> missing;

    std::optional<double> get(const std::string& code) const {
        auto it = values.find(code);
        return it == values.end() ? std::nullopt : std::optional<double>(it->second);
    }
};

// What a rule set needs to know about a subject besides its indicators.
struct GradingSubject {
    std::string level;     // rule-set level after [intensity.levels] mapping ("national"); "" unknown
    std::string industry;  // GB/T 4754 code
    std::string land_use;  // land-use code
    const IndicatorSet* indicators = nullptr;
};

// One threshold applied to one subject.
struct CheckVerdict {
    std::string rule_set;
    std::string threshold_id;
    std::string indicator;
    std::optional<double> value;  // nullopt: the indicator is unknown
    bool passed = false;
    std::string text;  // "亩均税收 tax_mu 25.30 < 30 (seed 000 …) ✗", for people
};

struct GradeVerdict {
    std::string rule_set;
    std::string grade;             // "A".."D", or "NA"
    std::optional<double> score;   // score method only
    std::vector<CheckVerdict> checks;
    std::string na_reason;         // why NA: the missing field, or "no threshold applies"
    bool applicable = true;        // false when no threshold of the set applies to the subject
};

}  // namespace landaudit
