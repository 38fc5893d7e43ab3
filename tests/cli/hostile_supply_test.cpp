// Supply status (issue 9 item 4): from a supplied flag with configurable yes-values, or — when the
// parcels carry no supply field — from [supplied] spatially. The holdout case: parcels with a
// supplied flag and a contract number but no supply date, the dated polygons in [supplied], can
// be audited for idle land. Expectations come from the sample's own dates through GDAL and
// SpatiaLite SQL, not from the engine.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "hostile_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

class HostileSupply : public HostileFixture {
protected:
    // parcel id → idle status of the last run.
    std::map<std::string, std::string> idle_statuses() const {
        std::map<std::string, std::string> out;
        for (const auto& p : rows_of("parcels")) out[p.s("parcel_id")] = p.s("idle");
        return out;
    }
    std::map<std::string, double> idle_pct() const {
        std::map<std::string, double> out;
        for (const auto& p : rows_of("parks")) out[p.s("park_id")] = p.opt("idle_pct").value_or(-1);
        return out;
    }
    // The sample's idle statuses and park idle_pct, from its supply date field.
    void run_reference() {
        RunResult r = run();
        ASSERT_EQ(r.exit_code, 0) << r;
        reference = idle_statuses();
        reference_pct = idle_pct();
        fs::remove(output());
    }
    // parcels.gpkg: the sample's parcels with GYRQ replaced by `columns` (SQLite-dialect SQL over the
    // shapefile's columns), e.g. a flag and a contract number.
    void parcels_without_supply_date(const std::string& columns) {
        std::string kept;  // every field of the sample's parcels but the supply date
        {
            GDALDatasetUniquePtr ds = open_vector((sample / "parcels.shp").string(), {"ENCODING=GB18030"});
            const OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                if (std::string name = defn->GetFieldDefn(i)->GetNameRef(); name != "GYRQ")
                    kept += (kept.empty() ? "" : ", ") + name;
        }
        translate("parcels.shp", "parcels.gpkg",
                  {"-f", "GPKG", "-nln", "parcels", "-dialect", "SQLite", "-sql",
                   "SELECT " + kept + columns + ", geometry FROM parcels"},
                  {"ENCODING=GB18030"});
        edit_config("path = \"parcels.shp\"", "path = \"parcels.gpkg\"");
    }
    std::map<std::string, std::string> reference;
    std::map<std::string, double> reference_pct;
};

// The holdout: a flag (是/否) and a contract number, no date; [supplied] holds the dated polygons.
// Every parcel gets the idle status it has with its real supply date (the flag says whether it was
// supplied by as_of, which is all the rules need from the date), and the park idle_pct is the same.
TEST_F(HostileSupply, FlagAndContractNumberWithoutDateAreAuditedForIdleLand) {
    run_reference();
    parcels_without_supply_date(
        ", CASE WHEN GYRQ IS NOT NULL AND replace(GYRQ, '/', '-') <= '2025-12-31' THEN '是' ELSE '否' END AS GDBZ, "
        "'HT-' || ZDDM AS HTBH");
    edit_config("supply_date = \"GYRQ\"      # 供地日期 (DBF date); empty = not supplied", "supplied = \"GDBZ\"");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(idle_statuses(), reference);
    EXPECT_EQ(idle_pct(), reference_pct);
    RunResult c = check();
    EXPECT_TRUE(contains(c.out, "supply status: from the flag [parcels.fields] supplied (GDBZ = 是")) << c;
    EXPECT_TRUE(contains(c.out, "supply date: the earliest of the records covered")) << c;
}

// The yes-values are configurable: a flag of Y/N with supplied_yes = ["Y"] gives the same result;
// with the default values "N" and an unlisted "已出让" would both mean not supplied.
TEST_F(HostileSupply, SuppliedYesValuesAreConfigurable) {
    run_reference();
    parcels_without_supply_date(
        ", CASE WHEN GYRQ IS NOT NULL AND replace(GYRQ, '/', '-') <= '2025-12-31' THEN '已出让' ELSE '未出让' END AS GDBZ");
    edit_config("supply_date = \"GYRQ\"      # 供地日期 (DBF date); empty = not supplied", "supplied = \"GDBZ\"");
    insert_before("[parcels.fields]", "supplied_yes = [\"已出让\"]\n");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(idle_statuses(), reference);
    // Without supplied_yes, "已出让" is not a yes-value: every parcel is not supplied.
    edit_config("supplied_yes = [\"已出让\"]\n", "");
    r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    for (const auto& [id, status] : idle_statuses()) EXPECT_EQ(status, "not_supplied") << id;
}

// A non-list supplied_yes is a config error naming the key.
TEST_F(HostileSupply, SuppliedYesOfTheWrongTypeIsAnError) {
    insert_before("[parcels.fields]", "supplied_yes = 1.5\n");
    RunResult r = run();
    expect_error(r, "audit.toml", {"parcels.supplied_yes"});
}

// No supply field at all: [supplied] decides spatially. The expectation is SpatiaLite's: the
// earliest date of the supply records overlapping each parcel by more than 1 m²; run with that
// date as the parcels' supply_date, the engine gives the same statuses as from [supplied].
TEST_F(HostileSupply, WithoutSupplyFieldsSupplyStatusComesFromSuppliedSpatially) {
    parcels_without_supply_date("");
    {  // The spatial join, by SpatiaLite through GDAL's SQLite dialect, in a scratch GeoPackage.
        translate("parcels.gpkg", "../scratch.gpkg", {"-f", "GPKG", "-nln", "parcels"});
        translate("supplied.gpkg", "../scratch.gpkg", {"-update", "-nln", "supplied"});
        GDALDatasetUniquePtr scratch = open_vector((dir->path() / "scratch.gpkg").string());
        ASSERT_TRUE(scratch);
        const std::string pg = scratch->GetLayerByName("parcels")->GetGeometryColumn();
        const std::string sg = scratch->GetLayerByName("supplied")->GetGeometryColumn();
        OGRLayer* res = scratch->ExecuteSQL(
            ("SELECT p.ZDDM AS id, MIN(s.GYRQ) AS d FROM parcels p JOIN supplied s ON ST_Area(ST_Intersection(p." + pg +
             ", s." + sg + ")) > 1.0 WHERE s.GYRQ IS NOT NULL GROUP BY p.ZDDM")
                .c_str(),
            nullptr, "SQLite");
        ASSERT_NE(res, nullptr) << CPLGetLastErrorMsg();
        std::map<std::string, std::string> dates;
        for (auto& f : *res) dates[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
        scratch->ReleaseResultSet(res);
        GDALDatasetUniquePtr ds = open_vector((sample / "parcels.gpkg").string(), {}, true);
        ASSERT_TRUE(ds);
        ASSERT_GT(dates.size(), 30u) << "the sample's supply records lie on some 60 parcels";
        OGRLayer* l = ds->GetLayerByName("parcels");
        OGRFieldDefn field("SPDATE", OFTString);
        ASSERT_EQ(l->CreateField(&field), OGRERR_NONE);
        std::vector<std::unique_ptr<OGRFeature>> changed;
        for (auto& f : *l)
            if (auto it = dates.find(f->GetFieldAsString("ZDDM")); it != dates.end()) {
                f->SetField("SPDATE", it->second.c_str());
                changed.emplace_back(f->Clone());
            }
        for (auto& f : changed) ASSERT_EQ(l->SetFeature(f.get()), OGRERR_NONE);
    }
    edit_config("supply_date = \"GYRQ\"      # 供地日期 (DBF date); empty = not supplied", "supply_date = \"SPDATE\"");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    const auto expected = idle_statuses();
    int supplied = 0;
    for (const auto& [id, status] : expected) supplied += status != "not_supplied";
    EXPECT_GT(supplied, 30);
    fs::remove(output());

    edit_config("supply_date = \"SPDATE\"\n", "");
    r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(idle_statuses(), expected);
    RunResult c = check();
    EXPECT_TRUE(contains(c.out, "supply status: from [supplied] spatially")) << c;
}

// agreed_start with no supply status source at all is refused, naming the three ways to give one.
TEST_F(HostileSupply, IdleFieldsWithoutAnySupplySourceAreAnError) {
    edit_config("supply_date = \"GYRQ\"      # 供地日期 (DBF date); empty = not supplied\n", "");
    std::string c = config();
    c = c.substr(0, c.find("[supplied]")) + c.substr(c.find("[idle]"));
    set_config(c);
    RunResult r = run();
    expect_error(r, "audit.toml", {"[parcels.fields] agreed_start", "supplied (供地标志)", "[supplied]"});
}

// A flag saying not supplied beside a filled supply date: the date is believed and the
// contradiction is given as a reason of that parcel's idle status.
TEST_F(HostileSupply, FlagContradictingTheDateIsNamedInTheReasons) {
    parcels_without_supply_date(", GYRQ, '否' AS GDBZ");
    insert_before("agreed_start = \"YDKGSJ\"", "supplied = \"GDBZ\"\n");
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    int contradicted = 0;
    for (const auto& i : rows_of("idle")) contradicted += contains(i.s("reasons"), "供地标志为未供应, 但供地日期");
    EXPECT_GT(contradicted, 0);
}

}  // namespace
