// PostGIS in and out (issue 8 item 5), against a real PostgreSQL 15 + PostGIS that the suite
// starts on a loopback port (tools/postgis_test_server.sh), not a mock:
// - inputs read from PG: tables give the same audit as the sample's files;
// - `--out "PG:… schemas=audit"` writes every layer with the same rows as the GeoPackage of the same
//   run, plus QGIS's public.layer_styles rows, which QGIS itself applies (PyQGIS, postgres provider);
// - a second run replaces the schema; a run failing inside the publishing transaction leaves the
//   previous schema as it was and nothing in the temp folder.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

const std::string kServer = std::string(LANDAUDIT_SOURCE_DIR) + "/tools/postgis_test_server.sh";

class PostgisE2E : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir("landaudit-postgis");
        ScriptResult started = run_script("'" + kServer + "' start '" + dir->path().string() + "' 2>'" +
                                          (dir->path() / "server.err").string() + "'");
        if (started.exit_code != 0) {
            setup_error = "the test PostgreSQL did not start: " + read_bytes(dir->path() / "server.err");
            return;
        }
        port = std::stoi(started.out);
        fs::copy(LANDAUDIT_SAMPLE_DIR, dir->path() / "sample", fs::copy_options::recursive);
        GDALAllRegister();
    }
    static void TearDownTestSuite() {
        run_script("'" + kServer + "' stop '" + dir->path().string() + "'");
        delete dir;
    }
    void SetUp() override { ASSERT_TRUE(setup_error.empty()) << setup_error; }

    static std::string conninfo() {
        return "host=127.0.0.1 port=" + std::to_string(port) + " user=landaudit dbname=audit";
    }
    static std::string psql(const std::string& sql) {
        return run_script("/usr/lib/postgresql/15/bin/psql -X -q -At '" + conninfo() + "' -c \"" + sql + "\" 2>&1").out;
    }
    static fs::path sample() { return dir->path() / "sample"; }
    static RunResult run_to(const fs::path& config, const std::string& out) {
        return run_cli({"run", config.string(), "--out", out, "--no-progress", "--no-report"});
    }

    static TempDir* dir;
    static int port;
    static std::string setup_error;
};
TempDir* PostgisE2E::dir = nullptr;
int PostgisE2E::port = 0;
std::string PostgisE2E::setup_error;

// Rows of a layer keyed by `key`, every field as text, optionally only `fields`.
std::map<std::string, std::map<std::string, Val>> keyed(GDALDataset& ds, const std::string& layer, const char* key) {
    std::map<std::string, std::map<std::string, Val>> out;
    for (const Row& r : read_layer(ds, layer.c_str())) out[r.s(key)] = r.v;
    return out;
}

// Same fids, fields and geometries in `pg` as in `gpkg`: numbers within 1e-9 relative, the rest as
// text. run_info's clock rows (key started / finished) are each run's own, so they alone may differ.
void expect_same_rows(OGRLayer& gpkg, OGRLayer& pg, const std::string& name) {
    static const std::set<std::string> per_run{"started", "finished"};
    std::map<GIntBig, OGRFeatureUniquePtr> theirs;
    pg.ResetReading();
    while (OGRFeature* f = pg.GetNextFeature()) theirs[f->GetFID()] = OGRFeatureUniquePtr(f);
    gpkg.ResetReading();
    for (auto& f : gpkg) {
        auto it = theirs.find(f->GetFID());
        ASSERT_NE(it, theirs.end()) << name << " fid " << f->GetFID() << " missing in PostGIS";
        const Row a = row_of(*f), b = row_of(*it->second);
        for (const auto& [field, x] : a.v) {
            if (name == "run_info" && field == "value" && per_run.count(a.s("key"))) continue;
            ASSERT_TRUE(b.v.count(field)) << name << "." << field << " missing in PostGIS";
            const Val& y = b.v.at(field);
            const auto type = f->GetDefnRef()->GetFieldDefn(f->GetDefnRef()->GetFieldIndex(field.c_str()))->GetType();
            EXPECT_EQ(x.null, y.null) << name << " fid " << f->GetFID() << " " << field;
            if (!x.null && !y.null && type == OFTReal) {
                EXPECT_NEAR(x.d, y.d, 1e-9 * std::max(1.0, std::abs(x.d))) << name << " fid " << f->GetFID() << " " << field;
            } else {
                EXPECT_EQ(x.s, y.s) << name << " fid " << f->GetFID() << " " << field;
            }
        }
        const OGRGeometry* ga = f->GetGeometryRef();
        const OGRGeometry* gb = it->second->GetGeometryRef();
        ASSERT_EQ(ga == nullptr, gb == nullptr) << name << " fid " << f->GetFID() << " geometry";
        if (ga && gb) {
            EXPECT_TRUE(ga->Equals(gb)) << name << " fid " << f->GetFID() << " geometry differs";
        }
    }
}

// The sample's config with every layer read from PostGIS schema `src` (table = role).
std::string pg_config(const std::string& text, const std::string& connection) {
    static const std::set<std::string> roles{"parks", "parcels", "redline", "farmland", "buildings",
                                             "economics", "approved", "supplied"};
    std::istringstream in(text);
    std::string out, section;
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, std::regex(R"(\[([a-z_.]+)\].*)"))) section = m[1];
        if (roles.count(section)) {
            if (std::regex_match(line, std::regex(R"(\s*layer\s*=.*)"))) continue;
            if (std::regex_match(line, std::regex(R"(\s*path\s*=.*)"))) {
                out += "path = \"PG:" + connection + " schemas=src\"\nlayer = \"" + section + "\"\n";
                continue;
            }
        }
        out += line + "\n";
    }
    return out;
}

TEST_F(PostgisE2E, InputsReadFromPostgisGiveTheSameAudit) {
    const fs::path files_out = dir->path() / "files.gpkg", pg_out = dir->path() / "pg_in.gpkg";
    ASSERT_EQ(run_to(sample() / "audit.toml", files_out.string()).exit_code, 0);

    // Load every input with ogr2ogr (GDAL's tool, not the engine), field names as they are.
    psql("CREATE SCHEMA src");
    const std::vector<std::pair<std::string, std::string>> sources{
        {"parks", "parks.geojson"},     {"parcels", "parcels.shp"},   {"redline", "redline.gpkg"},
        {"farmland", "farmland.shp"},   {"buildings", "buildings.gpkg"}, {"economics", "economics.csv"},
        {"approved", "approved.gpkg"}, {"supplied", "supplied.gpkg"}};
    for (const auto& [role, file] : sources) {
        const std::string open = role == "parcels" ? " -oo ENCODING=CP936" : "";  // GBK .dbf without .cpg
        ScriptResult r = run_script("ogr2ogr -f PostgreSQL 'PG:" + conninfo() + "' '" + (sample() / file).string() +
                                    "'" + open + " -nln src." + role + " -nlt PROMOTE_TO_MULTI -lco LAUNDER=NO -lco GEOMETRY_NAME=geom 2>&1");
        ASSERT_EQ(r.exit_code, 0) << role << ": " << r.out;
    }
    std::ifstream in(sample() / "audit.toml");
    std::stringstream text;
    text << in.rdbuf();
    const fs::path config = sample() / "audit_pg.toml";
    std::ofstream(config) << pg_config(text.str(), conninfo());

    RunResult r = run_to(config, pg_out.string());
    ASSERT_EQ(r.exit_code, 0) << r;
    auto a = open_vector(files_out.string()), b = open_vector(pg_out.string());
    ASSERT_TRUE(a && b);
    for (const auto& [layer, key] : {std::pair{"parcels", "parcel_id"}, std::pair{"parks", "park_id"}}) {
        auto ra = keyed(*a, layer, key), rb = keyed(*b, layer, key);
        ASSERT_EQ(ra.size(), rb.size()) << layer;
        ASSERT_GT(ra.size(), 0u);
        // The engine's own fields (source fields may change type on the way into PostgreSQL).
        OGRFeatureDefn* defn = a->GetLayerByName(layer)->GetLayerDefn();
        const int own = std::string(layer) == "parcels" ? defn->GetFieldIndex("idle_fee") + 1 : defn->GetFieldCount();
        for (const auto& [id, row] : ra)
            for (int i = 0; i < own; ++i) {
                const std::string f = defn->GetFieldDefn(i)->GetNameRef();
                const Val& x = row.at(f);
                const Val& y = rb.at(id).at(f);
                if (!x.null && !y.null && defn->GetFieldDefn(i)->GetType() == OFTReal)
                    EXPECT_NEAR(x.d, y.d, 1e-9 * std::max(1.0, std::abs(x.d))) << layer << " " << id << " " << f;
                else
                    EXPECT_EQ(x.s, y.s) << layer << " " << id << " " << f;
            }
    }
}

TEST_F(PostgisE2E, OutputSchemaHoldsEveryLayerAndItsStylesAndIsReplacedAtomically) {
    const fs::path reference = dir->path() / "reference.gpkg";
    ASSERT_EQ(run_to(sample() / "audit.toml", reference.string()).exit_code, 0);
    const std::string target = "PG:" + conninfo() + " schemas=audit";
    RunResult r = run_to(sample() / "audit.toml", target);
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "PostGIS:")) << r;

    // Every layer, same rows (by fid), every field and geometry as the GeoPackage of the same inputs.
    auto gpkg = open_vector(reference.string());
    auto db = open_vector("PG:" + conninfo() + " schemas=audit");
    ASSERT_TRUE(gpkg && db);
    std::size_t layers = 0;
    for (int i = 0; i < gpkg->GetLayerCount(); ++i) {
        OGRLayer* l = gpkg->GetLayer(i);
        const std::string name = l->GetName();
        if (name == "layer_styles") continue;
        OGRLayer* p = db->GetLayerByName(name.c_str());
        ASSERT_NE(p, nullptr) << name << " missing in schema audit";
        EXPECT_EQ(p->GetFeatureCount(), l->GetFeatureCount()) << name;
        EXPECT_EQ(p->GetLayerDefn()->GetFieldCount(), l->GetLayerDefn()->GetFieldCount()) << name;
        expect_same_rows(*l, *p, name);
        ++layers;
    }
    EXPECT_GE(layers, 10u);  // parcels … diagnostics, run_info, run_inputs
    const std::size_t parcel_count = static_cast<std::size_t>(gpkg->GetLayerByName("parcels")->GetFeatureCount());
    EXPECT_EQ(psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'audit__landaudit_tmp'"), "0\n");

    // QGIS's layer_styles: one default style per styled layer of the GeoPackage.
    OGRLayer* count = gpkg->ExecuteSQL("SELECT count(*) FROM layer_styles WHERE useAsDefault", nullptr, nullptr);
    ASSERT_NE(count, nullptr);
    OGRFeatureUniquePtr counted(count->GetNextFeature());
    const std::string gpkg_defaults = std::to_string(counted->GetFieldAsInteger(0)) + "\n";
    gpkg->ReleaseResultSet(count);
    ASSERT_NE(gpkg_defaults, "0\n");
    EXPECT_EQ(psql("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'audit' AND useasdefault "
                   "AND f_table_catalog = current_database()"),
              gpkg_defaults);

    // QGIS applies them by itself.
    ScriptResult q = run_script("QT_QPA_PLATFORM=offscreen /usr/bin/python3 '" LANDAUDIT_SOURCE_DIR
                                "/tests/qgis/check_postgis_styles.py' " + std::to_string(port) + " audit 2>'" +
                                (dir->path() / "qgis.err").string() + "'");
    EXPECT_EQ(q.exit_code, 0) << q.out << read_bytes(dir->path() / "qgis.err");

    // A second run, its target in the config's [output] path this time, replaces the schema as a whole.
    psql("CREATE TABLE audit.marker (x int)");
    const std::string config_text = read_bytes(sample() / "audit.toml");
    const std::string pg_output_text = std::regex_replace(
        config_text, std::regex(R"(path = "\.\./out/sample_audit\.gpkg")"), "path = \"" + target + "\"");
    ASSERT_NE(pg_output_text, config_text);
    const fs::path pg_output_config = sample() / "audit_pg_output.toml";
    std::ofstream(pg_output_config) << pg_output_text;
    RunResult second = run_cli({"run", pg_output_config.string(), "--no-progress", "--no-report"});
    ASSERT_EQ(second.exit_code, 0) << second;
    EXPECT_TRUE(contains(second.out, "schemas=audit")) << second;
    EXPECT_FALSE(fs::exists(dir->path() / "out" / "sample_audit.gpkg"));
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'audit' AND tablename = 'marker'"), "0\n");

    // A run failing inside the transaction (after the layers are copied: layer_styles has a shape
    // the INSERT cannot use) changes nothing: the marker of the previous state survives.
    psql("CREATE TABLE audit.marker (x int)");
    psql("ALTER TABLE public.layer_styles RENAME TO layer_styles_saved");
    psql("CREATE TABLE public.layer_styles (id int)");
    RunResult failed = run_to(sample() / "audit.toml", target);
    EXPECT_EQ(failed.exit_code, 3) << failed;  // output could not be written
    EXPECT_TRUE(contains(failed.err, "PG:")) << failed;
    EXPECT_FALSE(contains(failed.err + failed.out, "password")) << failed;
    psql("DROP TABLE public.layer_styles");
    psql("ALTER TABLE public.layer_styles_saved RENAME TO layer_styles");
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'audit' AND tablename = 'marker'"), "1\n");
    EXPECT_EQ(psql("SELECT count(*) FROM audit.parcels"), std::to_string(parcel_count) + "\n");
    EXPECT_EQ(psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'audit__landaudit_tmp'"), "0\n");

    // A run failing before the publishing (an input that is not there) leaves the schema as it was too.
    std::ifstream in(sample() / "audit.toml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string broken_text = std::regex_replace(text.str(), std::regex("parcels\\.shp"), "no_such_parcels.shp");
    ASSERT_NE(broken_text, text.str());
    const fs::path broken = sample() / "audit_broken.toml";
    std::ofstream(broken) << broken_text;
    RunResult bad = run_to(broken, target);
    EXPECT_NE(bad.exit_code, 0) << bad;
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'audit' AND tablename = 'marker'"), "1\n");
    EXPECT_EQ(psql("SELECT count(*) FROM audit.parcels"), std::to_string(parcel_count) + "\n");
    EXPECT_EQ(psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'audit__landaudit_tmp'"), "0\n");
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
        EXPECT_FALSE(std::regex_match(e.path().filename().string(), std::regex(R"(landaudit-\d+-audit\.gpkg.*)")))
            << "left behind: " << e.path();
}

TEST_F(PostgisE2E, OutputWithoutASchemaIsAConfigError) {
    RunResult r = run_to(sample() / "audit.toml", "PG:" + conninfo() + " password=secret");
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "no schemas=")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(contains(r.err, "secret")) << r;  // passwords are never printed
}

}  // namespace
