// Park indicators on a two-parcel park, worked by hand.
#include "engine/intensity/park_indicators.h"

#include <gtest/gtest.h>

#include "layers/error.h"

namespace landaudit {
namespace {

// Parcel 0: 10 000 m² (15 亩), industrial (0601), industry C39, floor area 8000, footprint 4000.
// Parcel 1:  5 000 m² (7.5 亩), commercial (0501), industry F51, floor area unknown, footprint 1500.
// Parcel 2 belongs to another park: its figures must not count.
struct Fixture {
    std::vector<ParcelMeasures> measures;
    std::vector<ParcelFigures> cur, prev;
    std::vector<std::string> land_use = {"0601", "0501", "0601"};
    std::vector<std::string> industry = {"C39", "F51", "39"};

    Fixture() {
        measures.resize(3);
        measures[0].area_m2 = 10000.0;
        measures[0].floor_area_m2 = 8000.0;
        measures[0].footprint_m2 = 4000.0;
        measures[1].area_m2 = 5000.0;
        measures[1].footprint_m2 = 1500.0;
        measures[2].area_m2 = 1e6;
        measures[2].floor_area_m2 = 1e6;
        measures[2].footprint_m2 = 1e6;

        cur.resize(3);
        prev.resize(3);
        for (int i = 0; i < 3; ++i) {
            cur[i].year = 2024;
            prev[i].year = 2023;
            cur[i].has_row = prev[i].has_row = true;
            cur[i].land_m2 = prev[i].land_m2 = measures[i].area_m2;
        }
        cur[0].investment = 4500.0;
        cur[0].output = 9000.0;
        cur[0].revenue = 6000.0;
        cur[0].tax = 450.0;
        cur[0].value_added = 2000.0;
        cur[0].energy_tce = 1000.0;
        cur[0].hitech_revenue = 3000.0;
        cur[0].rd = 120.0;
        cur[1].investment = 1500.0;  // no output, no high-tech revenue
        cur[1].revenue = 3000.0;
        cur[1].tax = 150.0;
        cur[1].value_added = 1000.0;
        cur[1].energy_tce = 800.0;
        cur[1].rd = 60.0;
        cur[2].revenue = cur[2].tax = cur[2].investment = 1e9;

        prev[0].revenue = 4500.0;
        prev[0].energy_tce = 1100.0;
        prev[0].value_added = 1800.0;
        prev[1].revenue = 3000.0;
        prev[1].energy_tce = 900.0;
        prev[1].value_added = 900.0;
        prev[2].revenue = 1e9;
    }

    ParkInputs inputs() const {
        ParkInputs in;
        in.measures = measures;
        in.figures = cur;
        in.previous_figures = prev;
        in.land_use = land_use;
        in.industry = industry;
        in.parcels = {0, 1};
        in.leading = {"39"};
        in.factories = FactoryFootprint{4000.0, 3000.0, 0.0};
        in.year = 2024;
        return in;
    }
};

TEST(ParkIndicators, TwoParcelPark) {
    Fixture fx;
    IndicatorSet s = park_indicators(fx.inputs());
    // Land 10 000 + 5 000 = 15 000 m² = 22.5 亩.
    EXPECT_NEAR(*s.get("inv_mu"), 6000.0 / 22.5, 1e-9);  // (4500 + 1500) ÷ 22.5 = 266.67
    EXPECT_NEAR(*s.get("out_mu"), 600.0, 1e-9);          // only parcel 0 has output: 9000 ÷ 15
    EXPECT_NEAR(*s.get("rev_mu"), 400.0, 1e-9);          // 9000 ÷ 22.5
    EXPECT_NEAR(*s.get("tax_mu"), 600.0 / 22.5, 1e-9);   // 26.67
    EXPECT_NEAR(*s.get("va_mu"), 3000.0 / 22.5, 1e-9);   // 133.33
    // Industrial land: parcel 0 only, 1 公顷: 4500 and 450 万元/公顷.
    EXPECT_NEAR(*s.get("inv_ha"), 4500.0, 1e-9);
    EXPECT_NEAR(*s.get("tax_ha"), 450.0, 1e-9);
    // FAR over parcels with floor area (parcel 0): 8000 ÷ 10 000.
    EXPECT_NEAR(*s.get("far"), 0.8, 1e-12);
    // Density: (4000 + 1500) ÷ 15 000 × 100 = 36.67.
    EXPECT_NEAR(*s.get("density"), 5500.0 / 150.0, 1e-9);
    // Industrial land rate: 10 000 ÷ 15 000 × 100 = 66.67.
    EXPECT_NEAR(*s.get("ind_pct"), 200.0 / 3.0, 1e-9);
    // Leading 39: C39's revenue 6000 ÷ 9000 × 100 = 66.67.
    EXPECT_NEAR(*s.get("lead_pct"), 200.0 / 3.0, 1e-9);
    // High-tech: only parcel 0 knows both: 3000 ÷ 6000 × 100 = 50.
    EXPECT_NEAR(*s.get("hitech_pct"), 50.0, 1e-9);
    // R&D: (120 + 60) ÷ 9000 × 100 = 2.
    EXPECT_NEAR(*s.get("rd_pct"), 2.0, 1e-9);
    // Energy per value added: 2024 (1000 + 800) ÷ (2000 + 1000) = 0.6;
    // 2023 (1100 + 900) ÷ (1800 + 900) = 0.7407; (0.7407 − 0.6) ÷ 0.7407 = 1 − 0.6 × 2700/2000 = 19 %.
    EXPECT_NEAR(*s.get("energy_chg"), 19.0, 1e-9);
    // rev_mu 2023: (4500 + 3000) ÷ 22.5 = 333.33; growth (400 − 333.33) ÷ 333.33 = 20 %.
    EXPECT_NEAR(*s.get("rev_growth"), 20.0, 1e-9);
    // Standard factories: 3000 of 4000 m² multi-storey.
    EXPECT_NEAR(*s.get("multi_pct"), 75.0, 1e-12);
    EXPECT_TRUE(s.missing.empty());
}

TEST(ParkIndicators, LeadingNotDeclared) {
    Fixture fx;
    ParkInputs in = fx.inputs();
    in.leading.clear();
    IndicatorSet s = park_indicators(in);
    EXPECT_FALSE(s.get("lead_pct"));
    EXPECT_EQ(s.missing.at("lead_pct"),
              "leading industries not declared: map [parks.fields] lead_industries or [intensity.leading]");
}

TEST(ParkIndicators, LeadingShareOnOutputWhenNoRevenue) {
    // No revenue anywhere: output instead. Parcel 0 (C39) output 9000, parcel 1 output 1000:
    // 9000 ÷ 10 000 × 100 = 90.
    Fixture fx;
    fx.cur[0].revenue.reset();
    fx.cur[1].revenue.reset();
    fx.cur[1].output = 1000.0;
    IndicatorSet s = park_indicators(fx.inputs());
    EXPECT_NEAR(*s.get("lead_pct"), 90.0, 1e-9);
    EXPECT_EQ(s.missing.at("rev_mu"), "revenue: not known for any parcel of the park in 2024");
    EXPECT_EQ(s.missing.at("hitech_pct"), "revenue: not known for the parcels with high-tech revenue in 2024");
}

TEST(ParkIndicators, LeadingShareOverParcelsWithAnIndustry) {
    // Parcel 1's industry unknown: 6000 ÷ 6000 × 100 = 100 (its revenue is not counted as non-leading).
    Fixture fx;
    fx.industry[1] = "";
    EXPECT_NEAR(*park_indicators(fx.inputs()).get("lead_pct"), 100.0, 1e-9);
    fx.industry[0] = "";
    EXPECT_EQ(park_indicators(fx.inputs()).missing.at("lead_pct"),
              "industry: not known for any parcel of the park with revenue");
}

TEST(ParkIndicators, NoPreviousYear) {
    Fixture fx;
    ParkInputs in = fx.inputs();
    in.previous_figures = {};
    IndicatorSet s = park_indicators(in);
    EXPECT_EQ(s.missing.at("energy_chg"), "energy: no economics rows for 2023");
    EXPECT_EQ(s.missing.at("rev_growth"), "revenue: no economics rows for 2023");
}

TEST(ParkIndicators, NoRowsReachThePark) {
    Fixture fx;
    fx.cur[0] = ParcelFigures{};
    fx.cur[1] = ParcelFigures{};
    IndicatorSet s = park_indicators(fx.inputs());
    EXPECT_EQ(s.missing.at("tax_mu"), "tax: no economics row for 2024 reaches the park's parcels");
    EXPECT_EQ(s.missing.at("lead_pct"), "revenue and output: no economics row for 2024 reaches the park's parcels");
    EXPECT_NEAR(*s.get("far"), 0.8, 1e-12);  // measures still known
}

TEST(ParkIndicators, NoIndustrialLand) {
    Fixture fx;
    fx.land_use = {"0501", "", "0601"};
    IndicatorSet s = park_indicators(fx.inputs());
    EXPECT_EQ(s.missing.at("inv_ha"), "land use: no industrial or storage parcel in the park");
    EXPECT_NEAR(*s.get("ind_pct"), 0.0, 1e-12);  // 0 of the 10 000 m² with a code
    fx.land_use = {"", "", "0601"};
    s = park_indicators(fx.inputs());
    EXPECT_EQ(s.missing.at("ind_pct"), "land use: not known for any parcel of the park");
}

TEST(ParkIndicators, MultiStoreyNeedsStandardFactories) {
    Fixture fx;
    ParkInputs in = fx.inputs();
    in.factories.reset();
    EXPECT_EQ(park_indicators(in).missing.at("multi_pct"),
              "standard factories: no buildings layer, or no [buildings] standard_factory kinds");
    in.factories = FactoryFootprint{0.0, 0.0, 500.0};
    EXPECT_EQ(park_indicators(in).missing.at("multi_pct"), "standard factories: none in the park with known floors");
    in.factories = FactoryFootprint{};
    EXPECT_EQ(park_indicators(in).missing.at("multi_pct"), "standard factories: none in the park");
}

TEST(ParkIndicators, EmptyPark) {
    Fixture fx;
    ParkInputs in = fx.inputs();
    in.parcels.clear();
    IndicatorSet s = park_indicators(in);
    EXPECT_TRUE(s.values.count("multi_pct"));  // from the buildings, not the parcels
    EXPECT_EQ(s.missing.at("tax_mu"), "no parcels assigned to the park");
    EXPECT_EQ(s.missing.at("far"), "no parcels assigned to the park");
}

TEST(ParkIndicators, IndexOutsideTheDataThrows) {
    Fixture fx;
    ParkInputs in = fx.inputs();
    in.parcels = {0, 7};
    try {
        park_indicators(in);
        FAIL() << "no throw";
    } catch (const AuditError& e) {
        EXPECT_STREQ(e.what(), "park indicators: parcel index 7 is outside the parcel data");
    }
}

TEST(IndustryMatches, PrefixWithoutSectionLetter) {
    EXPECT_TRUE(industry_matches("39", "39"));
    EXPECT_TRUE(industry_matches("391", "39"));
    EXPECT_TRUE(industry_matches("C39", "39"));
    EXPECT_TRUE(industry_matches("C3911", "C39"));
    EXPECT_TRUE(industry_matches("39", "C39"));
    EXPECT_TRUE(industry_matches(" c39 ", "39"));
    EXPECT_FALSE(industry_matches("3", "39"));
    EXPECT_FALSE(industry_matches("40", "39"));
    EXPECT_FALSE(industry_matches("C39", "C"));  // a bare section letter is not a usable prefix
    EXPECT_FALSE(industry_matches("", "39"));
}

TEST(IndustrialLandUse, Prefixes) {
    for (const char* code : {"0601", "060101", "0604", "0508", "1001", "100102", "1101"})
        EXPECT_TRUE(is_industrial_land_use(code)) << code;
    for (const char* code : {"0602", "0501", "10", "", "1201"}) EXPECT_FALSE(is_industrial_land_use(code)) << code;
}

}  // namespace
}  // namespace landaudit
