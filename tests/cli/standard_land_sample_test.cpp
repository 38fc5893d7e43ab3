// End-to-end test of the 标准地 contract checks and the star rating on the sample: the audit is run
// on a copy of sample_gis and its `standard_land`, `parcels` and `parks` layers, read with plain
// GDAL, are compared with sample_gis/expected_standard_land.json, which generate_sample.py computes
// from the input files alone (parcels.shp, economics.csv, parks.geojson; planar areas in EPSG:4522).
// No landaudit code is used here.
//
// Tolerances: indicators and shortfalls 1e-6 relative (the same GEOS area on both sides; the
// contracted values are the .dbf's own 2-decimal numbers).

#include <cpl_json.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "sample_with_expected.h"

namespace {

using namespace cli_test;
namespace fs = std::filesystem;

bool close(double got, double want) { return std::fabs(got - want) <= 1e-6 * std::max(1.0, std::fabs(want)); }

// Output field stem of each indicator in the standard_land layer (docs/outputs.md).
const std::map<std::string, std::string> kStem = {
    {"inv_mu", "inv"}, {"far", "far"}, {"tax_mu", "tax"}, {"out_mu", "out"}, {"va_energy", "enr"}};

class StandardLandSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        s_sample = new SampleWithExpected("landaudit-standard-land");
        s_run = run_cli({"run", "sample/audit.toml", "--no-report", "--no-progress"}, {s_sample->dir.path(), std::nullopt});
    }
    static void TearDownTestSuite() { delete s_sample; }
    void SetUp() override {
        ASSERT_EQ(s_run.exit_code, 0) << s_run;
        ASSERT_TRUE(s_sample->loaded);
        ds = open_vector((s_sample->dir.path() / "out" / "sample_audit.gpkg").string());
        ASSERT_TRUE(ds);
    }
    static CPLJSONObject expected() { return s_sample->root(); }

    static SampleWithExpected* s_sample;
    static RunResult s_run;
    GDALDatasetUniquePtr ds;
};

SampleWithExpected* StandardLandSample::s_sample = nullptr;
RunResult StandardLandSample::s_run;

TEST_F(StandardLandSample, EveryContractedTermEqualsTheGeneratorsVerdictAndShortfall) {
    const std::vector<Row> rows = read_layer(*ds, "standard_land");
    const auto by_id = index_by(rows, "parcel_id");
    const CPLJSONObject want = expected().GetObj("parcels");
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(want.GetChildren().size()));
    std::set<std::string> statuses;
    for (const CPLJSONObject& parcel : want.GetChildren()) {
        SCOPED_TRACE(parcel.GetName());
        ASSERT_TRUE(by_id.count(parcel.GetName()));
        const Row& r = *by_id.at(parcel.GetName());
        EXPECT_EQ(r.s("status"), parcel.GetString("status"));
        statuses.insert(r.s("status"));
        EXPECT_EQ(r.s("park_id"), parcel.GetString("park"));
        EXPECT_EQ(r.s("due_date"), parcel.GetString("due", ""));
        EXPECT_EQ(r.d("n_short"), parcel.GetInteger("n_short"));
        EXPECT_EQ(r.d("year"), 2024);
        const CPLJSONObject terms = parcel.GetObj("terms");
        for (const auto& [code, stem] : kStem) {
            SCOPED_TRACE(code);
            const CPLJSONObject term = terms.GetObj(code);
            if (!term.IsValid()) {  // not in the contract
                EXPECT_TRUE(r.null("std_" + stem));
                EXPECT_TRUE(r.null("short_" + stem));
                continue;
            }
            EXPECT_TRUE(close(r.d("std_" + stem), term.GetDouble("contracted"))) << r.d("std_" + stem);
            EXPECT_TRUE(close(r.d("act_" + stem), term.GetDouble("actual"))) << r.d("act_" + stem);
            const std::string status = term.GetString("status");
            if (status == "short" || status == "met") {
                ASSERT_FALSE(r.null("short_" + stem));
                EXPECT_TRUE(close(r.d("short_" + stem), term.GetDouble("shortfall_pct"))) << r.d("short_" + stem);
            } else {
                EXPECT_TRUE(r.null("short_" + stem)) << status << ": no shortfall before the check is due";
            }
            if (status == "short") EXPECT_TRUE(contains(r.s("reasons"), " ✗ short by ")) << r.s("reasons");
        }
    }
    // The sample exercises every verdict.
    EXPECT_EQ(statuses, (std::set<std::string>{"met", "short", "not_yet_due", "unknown"}));
}

TEST_F(StandardLandSample, ShortParcelsAndOnlyThoseCarrySTD_SHORTWithTheirReason) {
    const CPLJSONObject want = expected().GetObj("parcels");
    std::set<std::string> short_ids, flagged;
    for (const CPLJSONObject& parcel : want.GetChildren())
        if (parcel.GetString("status") == "short") short_ids.insert(parcel.GetName());
    EXPECT_EQ(short_ids.size(), 4u);
    for (const Row& r : read_layer(*ds, "parcels")) {
        const std::string flags = "," + r.s("flags") + ",";
        if (!contains(flags, ",STD_SHORT,")) continue;
        flagged.insert(r.s("parcel_id"));
        EXPECT_TRUE(contains(r.s("reasons"), "标准地 short (达产复核 ")) << r.s("reasons");
    }
    EXPECT_EQ(flagged, short_ids);
}

TEST_F(StandardLandSample, ParcelsBeforeTheirDueDateAreNeverMet) {
    const std::string as_of = expected().GetString("as_of");
    for (const Row& r : read_layer(*ds, "standard_land")) {
        if (r.null("due_date") || r.s("due_date") <= as_of) continue;
        EXPECT_EQ(r.s("status"), "not_yet_due") << r.s("parcel_id");
        EXPECT_TRUE(contains(r.s("reasons"), "is after as_of " + as_of)) << r.s("reasons");
    }
}

TEST_F(StandardLandSample, ParksStarsEqualTheGeneratorsRatingWithTheFailedChecksNamed) {
    const CPLJSONObject want = expected().GetObj("parks");
    std::size_t rated = 0;
    for (const Row& r : read_layer(*ds, "parks")) {
        SCOPED_TRACE(r.s("park_id"));
        const CPLJSONObject park = want.GetObj(r.s("park_id"));
        ASSERT_TRUE(park.IsValid()) << "the generator rated every park";
        ++rated;
        ASSERT_FALSE(r.null("stars"));
        EXPECT_EQ(r.d("stars"), park.GetInteger("stars"));
        const std::string why = r.s("star_why");
        EXPECT_EQ(why.rfind("guandu-2024-stars: below 三星 | 三星 FAIL: ", 0), 0u) << why;
        for (const CPLJSONObject& id : park.GetArray("failed_3"))
            EXPECT_TRUE(contains(why, "✗ [guandu-2024-stars " + id.ToString())) << id.ToString() << " in " << why;
    }
    EXPECT_EQ(rated, static_cast<std::size_t>(want.GetChildren().size()));
}

TEST_F(StandardLandSample, ConsoleCountsTheParksAtEachBandAgainstTheSeedsTargets) {
    const CPLJSONObject tally = expected().GetObj("star_tally"), targets = expected().GetObj("star_targets");
    std::string line = "Star-rated parks (guandu-2024-stars):";
    for (const char* band : {"五星", "四星", "三星"})
        line += std::string(" ") + band + " " + std::to_string(tally.GetInteger(band)) + " of " +
                std::to_string(targets.GetInteger(band)) + " by 2026;";
    line += " below every band " + std::to_string(tally.GetInteger("none")) + "; NA " + std::to_string(tally.GetInteger("NA"));
    EXPECT_TRUE(contains(s_run.out, line)) << line << "\n" << s_run.out;
    EXPECT_TRUE(contains(s_run.out, "标准地 (standard land) at 2025-12-31: 8 parcels with a contract: short 4 (STD_SHORT)"))
        << s_run.out;
}

TEST_F(StandardLandSample, StarTargetsHoldTheTallyAndTheSeedsTargets) {
    const CPLJSONObject tally = expected().GetObj("star_tally"), targets = expected().GetObj("star_targets");
    const std::vector<Row> rows = read_layer(*ds, "star_targets");
    ASSERT_EQ(rows.size(), 5u);  // 五星, 四星, 三星, none, NA
    for (const Row& r : rows) {
        SCOPED_TRACE(r.s("band"));
        EXPECT_EQ(r.s("rule_set"), "guandu-2024-stars");
        EXPECT_EQ(r.d("parks"), tally.GetInteger(r.s("band"), -1));
        if (targets.GetObj(r.s("band")).IsValid()) {
            EXPECT_EQ(r.d("target"), targets.GetInteger(r.s("band")));
            EXPECT_EQ(r.d("target_yr"), 2026);
            EXPECT_EQ(r.d("verified"), 1);
            EXPECT_TRUE(contains(r.s("source"), "到2026年,认定三星级产业园区8个,四星级产业园区5个,五星级产业园区3个"));
        } else {
            EXPECT_TRUE(r.null("target"));
        }
    }
}

}  // namespace
