// Main status precedence, one case per rung of the ladder.
#include <gtest/gtest.h>

#include "engine/parcel_status.h"

using landaudit::main_status;

TEST(ParcelStatus, RedlineBeatsEverything) {
    EXPECT_EQ(main_status({"OUTSIDE_PARK", "FARMLAND", "REDLINE"}, "idle_2y", "D"), "redline");
}

TEST(ParcelStatus, FarmlandBeatsIdle) { EXPECT_EQ(main_status({"FARMLAND"}, "idle_1y", "C"), "farmland"); }

TEST(ParcelStatus, IdleStatusesInOrder) {
    EXPECT_EQ(main_status({}, "idle_2y", "D"), "idle_2y");
    EXPECT_EQ(main_status({}, "idle_1y", "A"), "idle_1y");
    EXPECT_EQ(main_status({}, "gov_delay", ""), "gov_delay");
    EXPECT_EQ(main_status({}, "suspect", "C"), "suspect");
}

TEST(ParcelStatus, LowEfficiencyIsGradeCOrD) {
    EXPECT_EQ(main_status({"OUTSIDE_PARK"}, "not_idle", "C"), "low_eff");
    EXPECT_EQ(main_status({}, "", "D"), "low_eff");
    EXPECT_EQ(main_status({}, "", "B"), "compliant");
}

TEST(ParcelStatus, OutsideParkThenCompliant) {
    EXPECT_EQ(main_status({"OUTSIDE_PARK"}, "not_supplied", "NA"), "outside");
    EXPECT_EQ(main_status({"REDLINE_SLIVER"}, "unknown", "A"), "compliant");
}
