// Hostile values (issue 9): non-numbers in the economics table (CSV and XLSX), dates that are
// not dates (and the one odd date that is), empty and header-only inputs, and invalid UTF-8 in a
// GeoJSON. Each must give a diagnostics row or a clear error, never a number computed from a value
// that is not one; `check` must say the same before a run.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "hostile_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

class HostileValues : public HostileFixture {
protected:
    // Sets the output (ZCZ, 工业总产值) of the first economics rows of `year` to the texts given in
    // turn, in the CSV or XLSX table of the copy; returns the enterprise ids changed.
    std::vector<std::string> set_output(const std::string& file, const std::vector<std::string>& values,
                                        const std::string& year = "2024") {
        std::vector<std::string> enterprises;
        std::size_t k = 0;
        update_features(file, [&](OGRFeature& f, int) {
            if (k >= values.size() || std::string(f.GetFieldAsString("ND")) != year) return false;
            f.SetField(f.GetFieldIndex("ZCZ"), values[k++].c_str());
            enterprises.push_back(f.GetFieldAsString("QYDM"));
            return true;
        });
        if (k != values.size()) throw std::logic_error(file + ": too few rows of " + year);
        return enterprises;
    }
    void use_xlsx_economics() {
        edit_config("path = \"economics.csv\"", "path = \"economics.xlsx\"\nlayer = \"经济数据\"");
    }
    // The parcels whose enterprise field (QYDM) names exactly `enterprise`: their output per 亩
    // can only come from that enterprise's row.
    std::set<std::string> parcels_of(const std::string& enterprise) const {
        std::set<std::string> ids;
        GDALDatasetUniquePtr ds = open_vector((sample / "parcels.shp").string(), {"ENCODING=GB18030"});
        for (auto& f : *ds->GetLayer(0))
            if (enterprise == f->GetFieldAsString("QYDM")) ids.insert(f->GetFieldAsString("ZDDM"));
        return ids;
    }
    // Every per-亩 figure of parcels and parks is a finite number or missing, never Inf or NaN.
    void expect_finite_figures() const {
        for (const auto& p : rows_of("parcels"))
            for (const char* f : {"far", "inv_mu", "out_mu", "rev_mu", "tax_mu", "va_mu"})
                if (!p.null(f)) EXPECT_TRUE(std::isfinite(p.d(f))) << p.s("parcel_id") << " " << f;
        for (const auto& p : rows_of("parks"))
            for (const char* f : {"far", "inv_mu", "out_mu", "tax_mu"})
                if (!p.null(f)) EXPECT_TRUE(std::isfinite(p.d(f))) << p.s("park_id") << " " << f;
    }
    // The three bad outputs of a table, run: each listed against its enterprise, the parcels of a
    // single such enterprise without an output per 亩, every park still with one.
    void expect_bad_outputs_missing(const std::vector<std::string>& enterprises) {
        RunResult r = run();
        ASSERT_EQ(r.exit_code, 0) << r;
        expect_finite_figures();
        const auto unreadable = diagnostics("economics", "unreadable_value", "reported", "field 'ZCZ'");
        const auto implausible = diagnostics("economics", "implausible_value", "reported", "field 'ZCZ'");
        ASSERT_EQ(unreadable.size(), 2u) << "1e999 and nan are not numbers";
        ASSERT_EQ(implausible.size(), 1u) << "-5 is a negative amount";
        EXPECT_TRUE(contains(unreadable[0].s("detail") + unreadable[1].s("detail"), "'1e999'"));
        EXPECT_TRUE(contains(unreadable[0].s("detail") + unreadable[1].s("detail"), "'nan'"));
        EXPECT_EQ(implausible[0].s("feature_id"), enterprises[1]);
        std::set<std::string> without_output;
        for (const auto& e : enterprises)
            for (const auto& id : parcels_of(e)) without_output.insert(id);
        ASSERT_FALSE(without_output.empty()) << "some changed enterprise holds a parcel alone";
        for (const auto& p : rows_of("parcels"))
            if (without_output.count(p.s("parcel_id"))) EXPECT_TRUE(p.null("out_mu")) << p.s("parcel_id");
        for (const auto& p : rows_of("parks")) EXPECT_FALSE(p.null("out_mu")) << p.s("park_id") << " turned null";
        RunResult c = check();
        EXPECT_EQ(c.exit_code, 0) << c;
        EXPECT_TRUE(contains(c.out, "holds '1e999', not a number")) << "check lists it before a run" << c;
    }
    // Sets agreed_start (YDKGSJ) of one parcel that has one; returns its id.
    std::string set_agreed_start(const std::string& text) {
        return set_field("parcels.shp", "YDKGSJ", {text}, "ZDDM").front();
    }
    std::string idle_status_of(const std::string& id) const {
        for (const auto& p : rows_of("parcels"))
            if (p.s("parcel_id") == id) return p.s("idle");
        return "(no such parcel)";
    }
    // A date that is not one: listed as unreadable_date for that parcel, its idle status unknown
    // (never judged from a guessed date), and listed by check too.
    void expect_unreadable_agreed_start(const std::string& text) {
        const std::string id = set_agreed_start(text);
        RunResult r = run();
        ASSERT_EQ(r.exit_code, 0) << r;
        const auto rows = diagnostics("parcels", "unreadable_date", "reported", "'" + text + "'");
        ASSERT_EQ(rows.size(), 1u) << text;
        EXPECT_EQ(rows[0].s("feature_id"), id);
        EXPECT_EQ(idle_status_of(id), "unknown");
    }
};

// 1e999 (overflows a double), -5 and nan as 工业总产值 in the CSV economics table.
TEST_F(HostileValues, EconomicsCsvNonNumbersAreMissingAndListed) {
    expect_bad_outputs_missing(set_output("economics.csv", {"1e999", "-5", "nan"}));
}

// The same in the XLSX table (its ZCZ column holds text cells, so the values arrive as text).
TEST_F(HostileValues, EconomicsXlsxNonNumbersAreMissingAndListed) {
    use_xlsx_economics();
    expect_bad_outputs_missing(set_output("economics.xlsx", {"1e999", "-5", "nan"}));
}

// A header-only economics table: listed as an empty layer, and no parcel gets a figure per 亩
// from it (floor-area ratios, which need no economics, are still computed).
TEST_F(HostileValues, HeaderOnlyEconomicsCsvIsListedAndGivesNoFigures) {
    const std::string csv = read_bytes(sample / "economics.csv");
    write_bytes(sample / "economics.csv", csv.substr(0, csv.find('\n') + 1));
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(diagnostics("economics", "empty_layer", "reported").size(), 1u);
    int with_far = 0;
    for (const auto& p : rows_of("parcels")) {
        EXPECT_TRUE(p.null("out_mu") && p.null("tax_mu")) << p.s("parcel_id");
        with_far += !p.null("far");
    }
    EXPECT_GT(with_far, 100);
    RunResult c = check();
    EXPECT_TRUE(contains(c.out, "empty_layer")) << c;
}

// A 0-byte economics table is not a table: an error naming the file.
TEST_F(HostileValues, ZeroByteEconomicsCsvIsAnError) {
    write_bytes(sample / "economics.csv", "");
    expect_error(run(), "economics.csv", {"[economics]"});
    EXPECT_EQ(check().exit_code, 1);
}

// 9999-12-31 is a valid date ("no end" in land records): read, not listed, and a start agreed for
// then is not yet due, so the parcel is not idle.
TEST_F(HostileValues, Date99991231IsAccepted) {
    const std::string id = set_agreed_start("9999-12-31");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    for (const auto& d : rows_of("diagnostics")) EXPECT_FALSE(contains(d.s("detail"), "9999-12-31")) << d.s("detail");
    EXPECT_NE(idle_status_of(id), "unknown");
    EXPECT_NE(idle_status_of(id), "idle");
}

TEST_F(HostileValues, DateBeforeYear1000IsUnreadable) { expect_unreadable_agreed_start("0999-05-01"); }

TEST_F(HostileValues, February30IsUnreadable) { expect_unreadable_agreed_start("2023-02-30"); }

TEST_F(HostileValues, Month13IsUnreadable) { expect_unreadable_agreed_start("2023-13-01"); }

// `check` lists the dates a run would not read, before the run (today they are read by the
// analysis only).
TEST_F(HostileValues, CheckListsUnreadableDatesBeforeARun) {
    const std::string id = set_agreed_start("2023-02-30");
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 0) << c;
    EXPECT_TRUE(contains(c.out, "(" + id + "): unreadable_date, reported")) << c;
}

// A parks GeoJSON with zero features: an error that says so and how to fix it.
TEST_F(HostileValues, ParksGeoJsonWithZeroFeaturesIsAnError) {
    write_bytes(sample / "parks.geojson",
                "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
                "\"urn:ogc:def:crs:EPSG::4490\"}}, \"features\": []}\n");
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parks.geojson: the layer has no features")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(fs::exists(output()));
    EXPECT_EQ(check().exit_code, 1);
}

// A parcels Shapefile with its header and no records (.shp, .shx and .dbf all empty of features).
TEST_F(HostileValues, ParcelsShapefileWithNoRecordsIsAnError) {
    rewrite_parcels({"-where", "0 = 1"});
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp")) << r;
    EXPECT_TRUE(contains(r.err, "no features")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(fs::exists(output()));
}

// 0-byte inputs: a .shp and a GeoJSON. Errors naming the file and its role.
TEST_F(HostileValues, ZeroByteShpIsAnError) {
    write_bytes(sample / "parcels.shp", "");
    expect_error(run(), "parcels.shp", {"[parcels]"});
    EXPECT_EQ(check().exit_code, 1);
}

TEST_F(HostileValues, ZeroByteGeoJsonIsAnError) {
    write_bytes(sample / "parks.geojson", "");
    expect_error(run(), "parks.geojson", {"[parks]"});
}

// Invalid UTF-8 in a GeoJSON (a park name): the output text is valid UTF-8 with U+FFFD where the
// bytes were, and the repair is listed against the park.
TEST_F(HostileValues, InvalidUtf8InAGeoJsonIsRepairedAndListed) {
    std::string parks = read_bytes(sample / "parks.geojson");
    const auto at = parks.find("园区");
    ASSERT_NE(at, std::string::npos);
    parks.replace(at, 3, "\xFF\xFE");  // "园" becomes two bytes that start no UTF-8 sequence
    write_bytes(sample / "parks.geojson", parks);
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    int replaced = 0;
    for (const auto& p : rows_of("parks"))
        for (const auto& [field, value] : p.v) {
            EXPECT_TRUE(is_valid_utf8(value.s)) << p.s("park_id") << " " << field;
            replaced += contains(value.s, "\xEF\xBF\xBD");
        }
    EXPECT_GE(replaced, 1);
    for (const auto& d : rows_of("diagnostics")) EXPECT_TRUE(is_valid_utf8(d.s("detail")));
    const auto rows = diagnostics("parks", "invalid_text", "repaired", "'YQMC'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(rows[0].s("feature_id").empty());
    RunResult c = check();
    EXPECT_TRUE(contains(c.out, "invalid_text")) << c;
}

}  // namespace
