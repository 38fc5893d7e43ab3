// Parcel indicators from measures and figures, worked by hand.
#include "engine/intensity/parcel_indicators.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

// A 100 m × 100 m parcel: 10 000 m² = 10 000 ÷ (2000/3) = 15 亩.
ParcelMeasures measures() {
    ParcelMeasures m;
    m.area_m2 = 10000.0;
    m.floor_area_m2 = 4800.0;
    m.floor_area_source = "buildings";
    m.footprint_m2 = 1600.0;
    m.footprint_source = "buildings";
    m.yard_m2 = 400.0;
    m.admin_m2 = 500.0;
    return m;
}

ParcelFigures figures() {
    ParcelFigures f;
    f.year = 2024;
    f.has_row = true;
    f.enterprises = {"E1"};
    f.land_m2 = 10000.0;
    f.investment = 4500.0;
    f.output = 9000.0;
    f.revenue = 7500.0;
    f.tax = 450.0;
    f.value_added = 3000.0;
    f.energy_tce = 1500.0;
    f.emissions_t = 12.0;
    f.employees = 150.0;
    f.rd = 225.0;
    return f;
}

TEST(ParcelIndicators, AllKnown) {
    IndicatorSet s = parcel_indicators(measures(), figures());
    EXPECT_TRUE(s.missing.empty());
    EXPECT_NEAR(*s.get("far"), 0.48, 1e-12);        // 4800 ÷ 10 000
    EXPECT_NEAR(*s.get("coverage"), 20.0, 1e-12);   // (1600 + 400) ÷ 10 000 × 100
    EXPECT_NEAR(*s.get("admin_pct"), 5.0, 1e-12);   // 500 ÷ 10 000 × 100
    EXPECT_NEAR(*s.get("inv_mu"), 300.0, 1e-9);     // 4500 ÷ 15
    EXPECT_NEAR(*s.get("out_mu"), 600.0, 1e-9);     // 9000 ÷ 15
    EXPECT_NEAR(*s.get("rev_mu"), 500.0, 1e-9);     // 7500 ÷ 15
    EXPECT_NEAR(*s.get("tax_mu"), 30.0, 1e-9);      // 450 ÷ 15
    EXPECT_NEAR(*s.get("va_mu"), 200.0, 1e-9);      // 3000 ÷ 15
    EXPECT_NEAR(*s.get("va_energy"), 2.0, 1e-12);   // 3000 万元 ÷ 1500 tce
    EXPECT_NEAR(*s.get("va_emission"), 250.0, 1e-12);  // 3000 ÷ 12 t
    EXPECT_NEAR(*s.get("va_employee"), 20.0, 1e-12);   // 3000 ÷ 150 people
    EXPECT_NEAR(*s.get("rd_pct"), 3.0, 1e-12);         // 225 ÷ 7500 × 100
    EXPECT_EQ(s.values.size(), 12u);
}

TEST(ParcelIndicators, PerMuOnTheLandTheFiguresAreMeasuredOn) {
    // Leased share of 6000 m² = 9 亩: 450 ÷ 9 = 50, while FAR stays on the parcel's 10 000 m².
    ParcelFigures f = figures();
    f.land_m2 = 6000.0;
    IndicatorSet s = parcel_indicators(measures(), f);
    EXPECT_NEAR(*s.get("tax_mu"), 50.0, 1e-9);
    EXPECT_NEAR(*s.get("inv_mu"), 500.0, 1e-9);  // 4500 ÷ 9
    EXPECT_NEAR(*s.get("far"), 0.48, 1e-12);
}

TEST(ParcelIndicators, NoRowForTheYear) {
    ParcelFigures f;
    f.year = 2024;
    IndicatorSet s = parcel_indicators(measures(), f);
    for (const char* code : {"inv_mu", "out_mu", "rev_mu", "tax_mu", "va_mu", "va_energy", "va_emission",
                             "va_employee", "rd_pct"})
        EXPECT_FALSE(s.get(code)) << code;
    EXPECT_EQ(s.missing.at("tax_mu"), "tax: no economics row for 2024");
    EXPECT_EQ(s.missing.at("va_energy"), "value added: no economics row for 2024");
    EXPECT_EQ(s.missing.at("rd_pct"), "R&D: no economics row for 2024");
    // The measures do not depend on the economics.
    EXPECT_NEAR(*s.get("far"), 0.48, 1e-12);
}

TEST(ParcelIndicators, EmptyAmountsAreAbsentNotZero) {
    ParcelFigures f = figures();
    f.energy_tce.reset();
    f.tax.reset();
    f.revenue.reset();
    IndicatorSet s = parcel_indicators(measures(), f);
    EXPECT_FALSE(s.get("va_energy"));
    EXPECT_EQ(s.missing.at("va_energy"), "energy: no readable value in the row for 2024");
    EXPECT_FALSE(s.get("tax_mu"));
    EXPECT_EQ(s.missing.at("tax_mu"), "tax: no readable value in the row for 2024");
    EXPECT_EQ(s.missing.at("rd_pct"), "revenue: no readable value in the row for 2024");
    EXPECT_NEAR(*s.get("va_emission"), 250.0, 1e-12);
}

TEST(ParcelIndicators, EmptyAmountWithSeveralEnterprises) {
    ParcelFigures f = figures();
    f.enterprises = {"E1", "E2"};
    f.tax.reset();
    IndicatorSet s = parcel_indicators(measures(), f);
    EXPECT_EQ(s.missing.at("tax_mu"), "tax: not known for every enterprise on the parcel in 2024");
}

TEST(ParcelIndicators, DivisionByZeroIsAbsentWithReason) {
    ParcelFigures f = figures();
    f.energy_tce = 0.0;
    f.employees = 0.0;
    IndicatorSet s = parcel_indicators(measures(), f);
    EXPECT_EQ(s.missing.at("va_energy"), "energy: 0, cannot divide by it");
    EXPECT_EQ(s.missing.at("va_employee"), "employees: 0, cannot divide by it");

    f = figures();
    f.land_m2 = 0.0;
    s = parcel_indicators(measures(), f);
    EXPECT_EQ(s.missing.at("inv_mu"), "land: 0, cannot divide by it");

    ParcelMeasures m = measures();
    m.area_m2 = 0.0;
    s = parcel_indicators(m, figures());
    EXPECT_EQ(s.missing.at("far"), "parcel area: 0, cannot divide by it");
    EXPECT_EQ(s.missing.at("coverage"), "parcel area: 0, cannot divide by it");
}

TEST(ParcelIndicators, MeasuresUnknown) {
    ParcelMeasures m;
    m.area_m2 = 10000.0;
    IndicatorSet s = parcel_indicators(m, figures());
    EXPECT_EQ(s.missing.at("far"), "floor area: not in the parcel's attributes and no buildings layer gave it");
    EXPECT_EQ(s.missing.at("coverage"), "footprint: not in the parcel's attributes and no buildings layer gave it");
    EXPECT_EQ(s.missing.at("admin_pct"), "admin area: not in the parcel's attributes");
    EXPECT_NEAR(*s.get("tax_mu"), 30.0, 1e-9);

    // A buildings layer was there (it gave the footprint) but a building lacks floors.
    m.footprint_m2 = 1600.0;
    m.footprint_source = "buildings";
    s = parcel_indicators(m, figures());
    EXPECT_EQ(s.missing.at("far"),
              "floor area: not in the parcel's attributes, and a building on it has neither floors nor height");
    // No yard given: coverage is the footprint alone, 1600 ÷ 10 000 × 100 = 16.
    EXPECT_NEAR(*s.get("coverage"), 16.0, 1e-12);
}

TEST(ParcelIndicators, YardWithoutFootprintIsNotCoverage) {
    ParcelMeasures m;
    m.area_m2 = 10000.0;
    m.yard_m2 = 400.0;
    IndicatorSet s = parcel_indicators(m, figures());
    EXPECT_FALSE(s.get("coverage"));
}

}  // namespace
}  // namespace landaudit
