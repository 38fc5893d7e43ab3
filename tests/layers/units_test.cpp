// Units of money, energy and area, and parsing of amounts as they arrive in Chinese tables
// (layers/units.h). Expected values are the definitions: 1 万元 = 10 000 元, 1 亿元 = 10 000 万元,
// 1 亩 = 2000/3 m², 1 公顷 = 10 000 m² = 15 亩.
#include "layers/units.h"

#include <gtest/gtest.h>

#include <optional>

namespace landaudit {
namespace {

TEST(Units, MoneyUnitToWan) {
    EXPECT_EQ(money_unit_to_wan("元"), std::optional<double>(1e-4));
    EXPECT_EQ(money_unit_to_wan("万元"), std::optional<double>(1.0));
    EXPECT_EQ(money_unit_to_wan("亿元"), std::optional<double>(1e4));
    // The documented ASCII spellings.
    EXPECT_EQ(money_unit_to_wan("yuan"), std::optional<double>(1e-4));
    EXPECT_EQ(money_unit_to_wan("CNY"), std::optional<double>(1e-4));
    EXPECT_EQ(money_unit_to_wan("wan"), std::optional<double>(1.0));
    EXPECT_EQ(money_unit_to_wan("yi"), std::optional<double>(1e4));
    // Unknown units.
    EXPECT_EQ(money_unit_to_wan(""), std::nullopt);
    EXPECT_EQ(money_unit_to_wan("千元"), std::nullopt);
    EXPECT_EQ(money_unit_to_wan("USD"), std::nullopt);
    EXPECT_EQ(money_unit_to_wan("tce"), std::nullopt);
}

TEST(Units, EnergyUnitToTce) {
    EXPECT_EQ(energy_unit_to_tce("tce"), std::optional<double>(1.0));
    EXPECT_EQ(energy_unit_to_tce("吨标准煤"), std::optional<double>(1.0));
    EXPECT_EQ(energy_unit_to_tce("万tce"), std::optional<double>(1e4));
    EXPECT_EQ(energy_unit_to_tce("万吨标准煤"), std::optional<double>(1e4));
    EXPECT_EQ(energy_unit_to_tce(""), std::nullopt);
    EXPECT_EQ(energy_unit_to_tce("kWh"), std::nullopt);
    EXPECT_EQ(energy_unit_to_tce("万元"), std::nullopt);
}

TEST(Units, ParseAmountPlainAndSeparators) {
    ASSERT_TRUE(parse_amount("1,234.5", 1.0));
    EXPECT_DOUBLE_EQ(*parse_amount("1,234.5", 1.0), 1234.5);
    ASSERT_TRUE(parse_amount(" 12 ", 1.0));
    EXPECT_DOUBLE_EQ(*parse_amount(" 12 ", 1.0), 12.0);
    ASSERT_TRUE(parse_amount("15,323.61", 1.0));  // the thousands separators of sample_gis/economics.csv
    EXPECT_DOUBLE_EQ(*parse_amount("15,323.61", 1.0), 15323.61);
    // Without a unit in the text the default factor applies (e.g. a column configured in 元).
    ASSERT_TRUE(parse_amount("12", 1e-4));
    EXPECT_DOUBLE_EQ(*parse_amount("12", 1e-4), 0.0012);
}

TEST(Units, ParseAmountWithUnitSuffix) {
    ASSERT_TRUE(parse_amount("1234.5万元", 1.0));
    EXPECT_DOUBLE_EQ(*parse_amount("1234.5万元", 1.0), 1234.5);
    ASSERT_TRUE(parse_amount("0.35亿元", 1.0));  // E0159's 2024 investment in sample_gis
    EXPECT_DOUBLE_EQ(*parse_amount("0.35亿元", 1.0), 3500.0);
    ASSERT_TRUE(parse_amount("3,000元", 1.0));
    EXPECT_DOUBLE_EQ(*parse_amount("3,000元", 1.0), 0.3);
    // A unit in the text wins over the default factor.
    ASSERT_TRUE(parse_amount("1234.5万元", 1e-4));
    EXPECT_DOUBLE_EQ(*parse_amount("1234.5万元", 1e-4), 1234.5);
    ASSERT_TRUE(parse_amount("2亿元", 1e-4));
    EXPECT_DOUBLE_EQ(*parse_amount("2亿元", 1e-4), 20000.0);
}

TEST(Units, ParseAmountRejectsNonNumbers) {
    EXPECT_EQ(parse_amount("", 1.0), std::nullopt);
    EXPECT_EQ(parse_amount("   ", 1.0), std::nullopt);
    EXPECT_EQ(parse_amount("待核实", 1.0), std::nullopt);  // E0283's 2024 tax in sample_gis
    EXPECT_EQ(parse_amount("1.2.3", 1.0), std::nullopt);
    EXPECT_EQ(parse_amount("万元", 1.0), std::nullopt);
    EXPECT_EQ(parse_amount("12abc", 1.0), std::nullopt);
}

TEST(Units, AreaConstants) {
    // 1 亩 = 2000/3 m²: 100 m × 100 m = 10 000 m² is 15 亩, exactly in double arithmetic.
    const double square_m2 = 100.0 * 100.0;
    EXPECT_EQ(square_m2, 10000.0);
    EXPECT_EQ(square_m2 / kSquareMetresPerMu, 15.0);
    EXPECT_EQ(kSquareMetresPerMu, 2000.0 / 3.0);
    EXPECT_NEAR(kSquareMetresPerMu * 3.0, 2000.0, 1e-12);
    // 1 公顷 = 10 000 m² = 15 亩.
    EXPECT_EQ(kSquareMetresPerHectare, 10000.0);
    EXPECT_EQ(kSquareMetresPerHectare / kSquareMetresPerMu, 15.0);
    EXPECT_NEAR(15.0 * kSquareMetresPerMu, kSquareMetresPerHectare, 1e-9);
}

}  // namespace
}  // namespace landaudit
