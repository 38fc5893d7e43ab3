// 标准地 contract checks with hand-computed values.
#include "engine/intensity/standard_land.h"

#include <gtest/gtest.h>

#include "engine/intensity/parcel_indicators.h"

namespace landaudit {
namespace {

// A 100 m × 100 m parcel = 10 000 m² = 15 亩, with 12 000 m² of floor area (FAR 1.2) and, for the
// year, investment 4 500, output 6 000, tax 375, value added 900 万元 and 300 tce of energy:
//   inv_mu 4500 ÷ 15 = 300, out_mu 6000 ÷ 15 = 400, tax_mu 375 ÷ 15 = 25 万元/亩,
//   va_energy 900 ÷ 300 = 3 万元/吨标准煤.
IndicatorSet measured_parcel() {
    ParcelMeasures m;
    m.area_m2 = 10000.0;
    m.floor_area_m2 = 12000.0;
    m.floor_area_source = "attribute";
    ParcelFigures f;
    f.year = 2024;
    f.has_row = true;
    f.land_m2 = 10000.0;
    f.enterprises = {"E1"};
    f.investment = 4500.0;
    f.output = 6000.0;
    f.tax = 375.0;
    f.value_added = 900.0;
    f.energy_tce = 300.0;
    return parcel_indicators(m, f);
}

// Contracted: investment 350 (short by (350 − 300) ÷ 350 = 14.2857 %), FAR 1.0 (met by 1.2),
// tax 30 (short by (30 − 25) ÷ 30 = 16.6667 %), output 400 (met exactly), energy 2.5 (met by 3).
StandardLandContract contract(std::string due = "2024-06-30") {
    StandardLandContract c;
    c.investment_mu = 350.0;
    c.far = 1.0;
    c.tax_mu = 30.0;
    c.output_mu = 400.0;
    c.energy = 2.5;
    c.due_date = std::move(due);
    return c;
}

const CivilDate kAsOf{2025, 12, 31};

const ContractCheck& check_of(const StandardLandVerdict& v, const std::string& code) {
    for (const auto& c : v.checks)
        if (c.indicator == code) return c;
    throw std::runtime_error("no check of " + code);
}

TEST(StandardLand, AfterTheDueDateEachContractedMinimumIsComparedWithTheMeasuredIndicator) {
    const StandardLandVerdict v = check_standard_land(contract(), measured_parcel(), kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Short);
    ASSERT_EQ(v.checks.size(), 5u);
    ASSERT_TRUE(v.due);
    EXPECT_EQ(v.due->iso(), "2024-06-30");

    const ContractCheck& inv = check_of(v, "inv_mu");
    EXPECT_EQ(inv.status, ContractStatus::Short);
    EXPECT_DOUBLE_EQ(inv.contracted, 350.0);
    EXPECT_DOUBLE_EQ(*inv.actual, 300.0);
    EXPECT_NEAR(*inv.shortfall_pct, 100.0 * 50.0 / 350.0, 1e-9);  // 14.2857 %

    const ContractCheck& tax = check_of(v, "tax_mu");
    EXPECT_EQ(tax.status, ContractStatus::Short);
    EXPECT_DOUBLE_EQ(*tax.actual, 25.0);
    EXPECT_NEAR(*tax.shortfall_pct, 100.0 * 5.0 / 30.0, 1e-9);  // 16.6667 %
    EXPECT_EQ(tax.text, "亩均税收 tax_mu 25.00 万元/亩 < 30 ✗ short by 16.67 % [标准地 std_tax]");
    EXPECT_EQ(check_of(v, "far").text, "容积率 far 1.20 ≥ 1 ✓ [标准地 std_far]");

    const ContractCheck& far = check_of(v, "far");
    EXPECT_EQ(far.status, ContractStatus::Met);
    EXPECT_DOUBLE_EQ(*far.actual, 1.2);
    EXPECT_DOUBLE_EQ(*far.shortfall_pct, 0.0);

    // 6000 ÷ (10000 ÷ 2000/3) lands on 400 within an ulp: met, not "short by 0.00 %".
    EXPECT_EQ(check_of(v, "out_mu").status, ContractStatus::Met);
    EXPECT_EQ(check_of(v, "va_energy").status, ContractStatus::Met);
    EXPECT_DOUBLE_EQ(*check_of(v, "va_energy").actual, 3.0);

    EXPECT_EQ(v.text.rfind("标准地 short (达产复核 2024-06-30): ", 0), 0u) << v.text;
}

TEST(StandardLand, AParcelMeetingEveryTermIsMet) {
    StandardLandContract c = contract();
    c.investment_mu = 300.0;  // exactly the measured 300
    c.tax_mu = 20.0;
    const StandardLandVerdict v = check_standard_land(c, measured_parcel(), kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Met);
    for (const auto& check : v.checks) {
        EXPECT_EQ(check.status, ContractStatus::Met) << check.indicator;
        EXPECT_DOUBLE_EQ(*check.shortfall_pct, 0.0) << check.indicator;
    }
}

TEST(StandardLand, BeforeTheDueDateNothingPassesOrFails) {
    const StandardLandVerdict v = check_standard_land(contract("2026-06-30"), measured_parcel(), kAsOf);
    EXPECT_EQ(v.status, ContractStatus::NotYetDue);
    EXPECT_EQ(contract_status_key(v.status), "not_yet_due");
    ASSERT_EQ(v.checks.size(), 5u);
    for (const auto& check : v.checks) {
        EXPECT_EQ(check.status, ContractStatus::NotYetDue) << check.indicator;
        EXPECT_FALSE(check.actual) << check.indicator;
        EXPECT_FALSE(check.shortfall_pct) << check.indicator;
        EXPECT_NE(check.text.find("contracted ≥ "), std::string::npos) << check.text;
        EXPECT_NE(check.text.find(": not yet due [标准地 std_"), std::string::npos) << check.text;
    }
    EXPECT_NE(v.reason.find("达产复核 on 2026-06-30 is after as_of 2025-12-31"), std::string::npos) << v.reason;
}

TEST(StandardLand, TheAcceptanceCheckIsDueOnItsOwnDate) {
    const StandardLandVerdict v = check_standard_land(contract("2025-12-31"), measured_parcel(), kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Short);
    const StandardLandVerdict before = check_standard_land(contract("2026-01-01"), measured_parcel(), kAsOf);
    EXPECT_EQ(before.status, ContractStatus::NotYetDue);
}

TEST(StandardLand, AnUnmeasuredIndicatorIsUnknownWithItsReasonNeverShort) {
    IndicatorSet m = measured_parcel();
    m.values.erase("tax_mu");
    m.missing["tax_mu"] = "tax: no economics row for 2024";
    StandardLandContract c = contract();
    c.investment_mu = 250.0;  // met, so only tax decides
    const StandardLandVerdict v = check_standard_land(c, m, kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Unknown);
    const ContractCheck& tax = check_of(v, "tax_mu");
    EXPECT_EQ(tax.status, ContractStatus::Unknown);
    EXPECT_FALSE(tax.actual);
    EXPECT_FALSE(tax.shortfall_pct);
    EXPECT_EQ(tax.text, "亩均税收 tax_mu unknown (tax: no economics row for 2024) [标准地 std_tax]");
}

TEST(StandardLand, AKnownShortfallStandsWhateverElseIsUnknown) {
    IndicatorSet m = measured_parcel();
    m.values.erase("va_energy");
    m.missing["va_energy"] = "energy: no readable value in the row for 2024";
    const StandardLandVerdict v = check_standard_land(contract(), m, kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Short);  // investment and tax are short
    EXPECT_EQ(check_of(v, "va_energy").status, ContractStatus::Unknown);
}

TEST(StandardLand, OnlyTheContractedTermsAreChecked) {
    StandardLandContract c;
    c.tax_mu = 30.0;
    c.due_date = "2024年6月30日";
    const StandardLandVerdict v = check_standard_land(c, measured_parcel(), kAsOf);
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].indicator, "tax_mu");
    EXPECT_EQ(v.status, ContractStatus::Short);
}

TEST(StandardLand, WithoutAReadableDueDateOrAsOfTheParcelIsUnknownWithTheReason) {
    const IndicatorSet m = measured_parcel();
    StandardLandVerdict v = check_standard_land(contract(""), m, kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Unknown);
    EXPECT_NE(v.reason.find("std_due: no 达产复核 date recorded"), std::string::npos) << v.reason;
    for (const auto& check : v.checks) {
        EXPECT_EQ(check.status, ContractStatus::Unknown);
        EXPECT_FALSE(check.shortfall_pct);
    }

    v = check_standard_land(contract("待定"), m, kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Unknown);
    EXPECT_NE(v.reason.find("std_due: '待定' is not a date"), std::string::npos) << v.reason;

    v = check_standard_land(contract(), m, std::nullopt);
    EXPECT_EQ(v.status, ContractStatus::Unknown);
    EXPECT_NE(v.reason.find("[audit] as_of is not set"), std::string::npos) << v.reason;
}

TEST(StandardLand, ADueDateWithoutAnyContractedValueIsUnknown) {
    StandardLandContract c;
    c.due_date = "2024-06-30";
    EXPECT_TRUE(c.any());
    const StandardLandVerdict v = check_standard_land(c, measured_parcel(), kAsOf);
    EXPECT_EQ(v.status, ContractStatus::Unknown);
    EXPECT_TRUE(v.checks.empty());
    EXPECT_NE(v.reason.find("no contracted indicator recorded"), std::string::npos) << v.reason;
    EXPECT_FALSE(StandardLandContract{}.any());
}

}  // namespace
}  // namespace landaudit
