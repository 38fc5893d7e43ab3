// Tests for the audit TOML loader: every key parsed, paths resolved, defaults, and every error reported at once.
#include "io/config/config_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "layers/error.h"
#include "test_config.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

// The four role tables every valid config needs, with relative paths.
const std::string kMinimalLayers = R"(
[parks]
path = "parks.geojson"
[parcels]
path = "parcels.shp"
[redline]
path = "redline.gpkg"
[farmland]
path = "farmland.shp"
)";

class ConfigLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("landaudit-config-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "cfg");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Writes `text` as cfg/audit.toml and returns its path (as passed to load_config).
    std::string write_config(const std::string& text, const std::string& name = "audit.toml") {
        const fs::path p = m_dir / "cfg" / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }

    // The problems of the ValidationError load_config throws; fails the test when it does not.
    std::vector<std::string> problems_of(const std::string& path) {
        try {
            load_config(path);
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.kind(), AuditError::Kind::Config);
            return e.problems();
        } catch (const AuditError& e) {
            ADD_FAILURE() << "expected ValidationError, got AuditError: " << e.what();
            return {};
        }
        ADD_FAILURE() << "expected ValidationError, config loaded";
        return {};
    }

    fs::path m_dir;
};

std::string joined(const std::vector<std::string>& problems) {
    std::string s;
    for (const auto& p : problems) s += "\n  " + p;
    return s;
}

bool contains(const std::vector<std::string>& problems, const std::string& needle) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

TEST_F(ConfigLoaderTest, FullValidConfigParsesEveryKey) {
    const std::string path = write_config(R"(# every key the loader knows
[audit]
name = "昆明示例园区土地合规审计 2025"
crs = "EPSG:4522"
min_overlap_m2 = 2.5
invalid_geometry = "skip"
threads = 4

[output]
path = "../out/result.gpkg"

[parks]
path = "parks.geojson"
crs = "EPSG:4490"
[parks.fields]
id = "YQDM"
name = "YQMC"
level = "YQJB"

[parcels]
path = "data/parcels.shp"
encoding = "GBK"
crs = "EPSG:4522"
[parcels.fields]
id = "ZDDM"

[redline]
path = "PG:dbname=gis host=localhost"
layer = "stbhhx"
[redline.fields]
id = "BSM"
name = "HXMC"
category = "HXLX"

[farmland]
path = "/data/永久基本农田/farmland.shp"
layer = "farmland"
encoding = "UTF-8"
crs = "EPSG:4543"
[farmland.fields]
id = "JBNTTBBH"
category = "DLMC"
)");
    const AuditConfig cfg = load_config(path);
    const fs::path base = fs::absolute(m_dir / "cfg").lexically_normal();

    EXPECT_EQ(cfg.config_path, (base / "audit.toml").string());
    EXPECT_EQ(cfg.name, "昆明示例园区土地合规审计 2025");
    EXPECT_EQ(cfg.working_crs, "EPSG:4522");
    EXPECT_DOUBLE_EQ(cfg.min_overlap_m2, 2.5);
    EXPECT_EQ(cfg.invalid_geometry, InvalidGeometryPolicy::Skip);
    EXPECT_EQ(cfg.threads, 4);
    // "../out/result.gpkg" from <tmp>/cfg → <tmp>/out/result.gpkg, normalised (no "..").
    EXPECT_EQ(cfg.output_path, (m_dir / "out" / "result.gpkg").lexically_normal().string());

    ASSERT_EQ(cfg.layers.size(), 4u);
    const LayerSource* parks = cfg.layer(LayerRole::Parks);
    ASSERT_NE(parks, nullptr);
    EXPECT_EQ(parks->role, LayerRole::Parks);
    EXPECT_EQ(parks->path, (base / "parks.geojson").string());
    EXPECT_EQ(parks->layer, "");
    EXPECT_EQ(parks->encoding, "");
    EXPECT_EQ(parks->crs, "EPSG:4490");
    EXPECT_EQ(parks->fields, (std::map<std::string, std::string>{{"id", "YQDM"}, {"name", "YQMC"}, {"level", "YQJB"}}));

    const LayerSource* parcels = cfg.layer(LayerRole::Parcels);
    ASSERT_NE(parcels, nullptr);
    EXPECT_EQ(parcels->role, LayerRole::Parcels);
    EXPECT_EQ(parcels->path, (base / "data" / "parcels.shp").string());
    EXPECT_EQ(parcels->encoding, "GBK");
    EXPECT_EQ(parcels->crs, "EPSG:4522");
    EXPECT_EQ(parcels->fields, (std::map<std::string, std::string>{{"id", "ZDDM"}}));

    const LayerSource* redline = cfg.layer(LayerRole::Redline);
    ASSERT_NE(redline, nullptr);
    EXPECT_EQ(redline->role, LayerRole::Redline);
    EXPECT_EQ(redline->path, "PG:dbname=gis host=localhost");  // a connection, not a file: untouched
    EXPECT_EQ(redline->layer, "stbhhx");
    EXPECT_EQ(redline->crs, "");
    EXPECT_EQ(redline->fields.size(), 3u);
    EXPECT_EQ(redline->fields.at("category"), "HXLX");

    const LayerSource* farmland = cfg.layer(LayerRole::Farmland);
    ASSERT_NE(farmland, nullptr);
    EXPECT_EQ(farmland->role, LayerRole::Farmland);
    EXPECT_EQ(farmland->path, "/data/永久基本农田/farmland.shp");  // absolute: kept
    EXPECT_EQ(farmland->layer, "farmland");
    EXPECT_EQ(farmland->encoding, "UTF-8");
    EXPECT_EQ(farmland->crs, "EPSG:4543");
    EXPECT_EQ(farmland->fields.at("id"), "JBNTTBBH");
    EXPECT_EQ(farmland->fields.at("category"), "DLMC");
}

// How a layer path in the config comes out in LayerSource::path; base = the config's folder.
struct PathCase {
    const char* written;
    const char* expected;  // relative to <base> when starting with "<base>/", else exact
};

TEST_F(ConfigLoaderTest, LayerPathsResolveAgainstTheConfigFolder) {
    const PathCase cases[] = {
        {"parcels.shp", "<base>/parcels.shp"},
        {"./sub/parcels.shp", "<base>/sub/parcels.shp"},
        {"../data/parcels.shp", "<parent>/data/parcels.shp"},  // <tmp>/cfg/../data → <tmp>/data
        {"/abs/parcels.shp", "/abs/parcels.shp"},
        {"PG:dbname=land user=audit", "PG:dbname=land user=audit"},
        {"PG:dbname=../relative/looking", "PG:dbname=../relative/looking"},  // never treated as a path
        {"/vsizip/parcels.zip/parcels.shp", "/vsizip/parcels.zip/parcels.shp"},
    };
    const fs::path base = fs::absolute(m_dir / "cfg").lexically_normal();
    const fs::path parent = fs::absolute(m_dir).lexically_normal();
    for (const auto& c : cases) {
        SCOPED_TRACE(c.written);
        std::string text = R"(
[parks]
path = "parks.geojson"
[parcels]
path = ")" + std::string(c.written) + R"("
[redline]
path = "redline.gpkg"
[farmland]
path = "farmland.shp"
)";
        const AuditConfig cfg = load_config(write_config(text));
        std::string expected = c.expected;
        if (expected.rfind("<base>/", 0) == 0) expected = (base / expected.substr(7)).string();
        if (expected.rfind("<parent>/", 0) == 0) expected = (parent / expected.substr(9)).string();
        EXPECT_EQ(cfg.layer(LayerRole::Parcels)->path, expected);
    }
}

TEST_F(ConfigLoaderTest, RelativeConfigPathIsMadeAbsolute) {
    write_config(kMinimalLayers);
    const fs::path old = fs::current_path();
    fs::current_path(m_dir);
    AuditConfig cfg;
    try {
        cfg = load_config("cfg/audit.toml");
    } catch (...) {
        fs::current_path(old);
        throw;
    }
    fs::current_path(old);
    const fs::path base = fs::absolute(m_dir / "cfg").lexically_normal();
    EXPECT_EQ(cfg.config_path, (base / "audit.toml").string());
    EXPECT_EQ(cfg.layer(LayerRole::Parks)->path, (base / "parks.geojson").string());
}

TEST_F(ConfigLoaderTest, DefaultsWhenKeysAreLeftOut) {
    // No [audit], no [output]: crs "auto", min_overlap_m2 1.0 m², repair, threads 0 (all cores).
    const AuditConfig cfg = load_config(write_config(kMinimalLayers));
    EXPECT_EQ(cfg.name, "");
    EXPECT_EQ(cfg.working_crs, "auto");
    EXPECT_DOUBLE_EQ(cfg.min_overlap_m2, 1.0);
    EXPECT_EQ(cfg.invalid_geometry, InvalidGeometryPolicy::Repair);
    EXPECT_EQ(cfg.threads, 0);
    EXPECT_EQ(cfg.output_path, "");
    for (const auto& [role, src] : cfg.layers) {
        EXPECT_EQ(src.layer, "");
        EXPECT_EQ(src.encoding, "");
        EXPECT_EQ(src.crs, "");
        EXPECT_TRUE(src.fields.empty());
    }
}

TEST_F(ConfigLoaderTest, EmptyAuditTableAndEmptyCrsKeepDefaults) {
    const AuditConfig cfg = load_config(write_config("[audit]\ncrs = \"\"\n" + kMinimalLayers));
    EXPECT_EQ(cfg.working_crs, "auto");  // crs = "" means auto
    EXPECT_DOUBLE_EQ(cfg.min_overlap_m2, 1.0);
    EXPECT_EQ(cfg.invalid_geometry, InvalidGeometryPolicy::Repair);
}

TEST_F(ConfigLoaderTest, IntegersAreAcceptedWhereNumbersAreExpected) {
    // min_overlap_m2 = 0 is an integer in TOML: a number ≥ 0 is fine; threads = 0 means all cores.
    const AuditConfig cfg = load_config(
        write_config("[audit]\nmin_overlap_m2 = 0\nthreads = 0\ninvalid_geometry = \"repair\"\n" + kMinimalLayers));
    EXPECT_DOUBLE_EQ(cfg.min_overlap_m2, 0.0);
    EXPECT_EQ(cfg.threads, 0);
}

TEST_F(ConfigLoaderTest, SampleConfigLoads) {
    const std::string sample = std::string(LANDAUDIT_SAMPLE_DIR) + "/audit.toml";
    const AuditConfig cfg = load_config(sample);
    const fs::path dir = fs::absolute(LANDAUDIT_SAMPLE_DIR).lexically_normal();
    EXPECT_EQ(cfg.working_crs, "auto");
    EXPECT_EQ(cfg.layers.size(), 8u);  // parks, parcels, redline, farmland, buildings, economics, approved, supplied
    EXPECT_EQ(cfg.layer(LayerRole::Parcels)->path, (dir / "parcels.shp").string());
    EXPECT_EQ(cfg.layer(LayerRole::Redline)->layer, "redline");
    // "../out/sample_audit.gpkg" from sample_gis/ → <source>/out/sample_audit.gpkg
    EXPECT_EQ(cfg.output_path, (dir.parent_path() / "out" / "sample_audit.gpkg").string());
}

// One validation problem per config; `needle` must appear in the single problem reported.
struct ErrorCase {
    const char* name;
    std::string toml;
    std::string needle;  // "<file>" stands for the config path as given
};

TEST_F(ConfigLoaderTest, EachValidationProblemIsNamedWithItsLine) {
    const std::vector<ErrorCase> cases = {
        // line 2 of the file is the typo
        {"unknown audit key", "[audit]\nnmae = \"x\"\n" + kMinimalLayers,
         "<file>:2: audit.nmae: unknown key; expected one of: as_of, crs, invalid_geometry, min_overlap_m2, name, threads"},
        {"unknown top-level table", "[parkz]\npath = \"x\"\n" + kMinimalLayers,
         "<file>:1: parkz: unknown key; expected one of: approved, audit, buildings, candidates, compare, economics, farmland, idle, intensity, output, parcels, parks, redline, supplied, unsupplied"},
        {"unknown output key", "[output]\npath = \"o.gpkg\"\nformat = \"gpkg\"\n" + kMinimalLayers,
         "<file>:3: output.format: unknown key; expected one of: path"},
        {"unknown layer key", kMinimalLayers + "projection = \"EPSG:4543\"\n",
         "<file>:10: farmland.projection: unknown key; expected one of: crs, encoding, fields, layer, path"},
        {"name not a string", "[audit]\nname = 2025\n" + kMinimalLayers,
         "<file>:2: audit.name: must be a string (in quotes)"},
        {"crs not a string", "[audit]\ncrs = 4522\n" + kMinimalLayers,
         "<file>:2: audit.crs: must be a string (in quotes)"},
        {"min_overlap_m2 as text", "[audit]\nmin_overlap_m2 = \"1.0\"\n" + kMinimalLayers,
         "<file>:2: audit.min_overlap_m2: must be a number"},
        {"threads as text", "[audit]\nthreads = \"four\"\n" + kMinimalLayers,
         "<file>:2: audit.threads: must be a number"},
        {"audit not a table", "audit = \"yes\"\n" + kMinimalLayers,
         "<file>:1: audit: must be a table ([audit])"},
        {"field not a string", kMinimalLayers + "[farmland.fields]\nid = 7\n",
         "<file>:11: farmland.fields.id: must be a source field name in quotes"},
        {"fields not a table", kMinimalLayers + "fields = \"JBNTTBBH\"\n",
         "<file>:10: farmland.fields: must be a table ([fields])"},
        {"bad invalid_geometry", "[audit]\ninvalid_geometry = \"drop\"\n" + kMinimalLayers,
         "<file>:2: audit.invalid_geometry: must be \"repair\" or \"skip\""},
        {"negative min_overlap_m2", "[audit]\nmin_overlap_m2 = -0.5\n" + kMinimalLayers,
         "<file>:2: audit.min_overlap_m2: must be a finite number ≥ 0"},
        {"fractional threads", "[audit]\nthreads = 2.5\n" + kMinimalLayers,
         "<file>:2: audit.threads: must be a whole number from 0 to 4096"},
        {"negative threads", "[audit]\nthreads = -2\n" + kMinimalLayers,
         "<file>:2: audit.threads: must be a whole number from 0 to 4096"},
        // [parcels] is missing altogether: no line to name, the role's Chinese label instead.
        {"missing parcels", "[parks]\npath = \"a\"\n[redline]\npath = \"b\"\n[farmland]\npath = \"c\"\n",
         "<file>: [parcels]: missing: the 宗地 layer is required"},
        // [parcels] exists (line 3) but has no path.
        {"missing path", "[parks]\npath = \"a\"\n[parcels]\nlayer = \"zd\"\n[redline]\npath = \"b\"\n[farmland]\npath = \"c\"\n",
         "<file>:3: parcels.path: missing: the file (or PG: connection) of this layer"},
        // path = "" (line 4) is named at its own line.
        {"empty path", "[parks]\npath = \"a\"\n[parcels]\npath = \"\"\n[redline]\npath = \"b\"\n[farmland]\npath = \"c\"\n",
         "<file>:4: parcels.path: is empty"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const std::string path = write_config(c.toml);
        std::string needle = c.needle;
        needle.replace(needle.find("<file>"), 6, path);
        const auto problems = problems_of(path);
        ASSERT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_NE(problems[0].find(needle), std::string::npos) << "want: " << needle << "\ngot: " << problems[0];
    }
}

// Regression (was wrong): a path of the wrong type is reported twice: "parks.path: must be a string (in quotes)"
// and, because text() then returns "", also "<file>:1: parks.path: missing: the file …" (with the
// table's line, 1), although the key is there. One problem, the type, is the right report.
TEST_F(ConfigLoaderTest, LayerPathOfWrongTypeIsOneProblem) {
    const std::string path = write_config("[parks]\npath = 5\n[parcels]\npath = \"p.shp\"\n[redline]\npath = \"r.gpkg\"\n"
                                          "[farmland]\npath = \"f.shp\"\n");
    const auto problems = problems_of(path);
    EXPECT_TRUE(contains(problems, path + ":2: parks.path: must be a string (in quotes)")) << joined(problems);
    EXPECT_FALSE(contains(problems, "parks.path: missing")) << joined(problems);
    EXPECT_EQ(problems.size(), 1u) << joined(problems);
}

TEST_F(ConfigLoaderTest, ThreadsBeyondIntRangeIsAProblem) {
    // 10^12 threads is a whole number but no int: it must be reported, not wrapped. (The loader
    // compares threads with static_cast<int>(threads), which is undefined behaviour out of int
    // range; on x86-64 the cast gives INT_MIN, so the problem is reported by luck.)
    // nan and inf are TOML floats too, with the same undefined cast.
    for (const char* value : {"1000000000000", "3e9", "nan", "inf"}) {
        SCOPED_TRACE(value);
        const std::string path = write_config(std::string("[audit]\nthreads = ") + value + "\n" + kMinimalLayers);
        const auto problems = problems_of(path);
        EXPECT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_TRUE(contains(problems, path + ":2: audit.threads:")) << joined(problems);
    }
}

// Regression (nan and inf were accepted): TOML allows `nan` and `inf` as floats. The loader checks only
// `min_overlap_m2 < 0`, which is false for NaN, so `min_overlap_m2 = nan` and `= inf` load
// without a problem (NaN then makes every "piece < threshold" comparison false; inf makes every
// overlap a sliver). A finite number ≥ 0 is what the key means.
TEST_F(ConfigLoaderTest, NonFiniteMinOverlapIsAProblem) {
    for (const char* value : {"nan", "inf", "+inf", "-inf"}) {
        SCOPED_TRACE(value);
        const std::string path = write_config(std::string("[audit]\nmin_overlap_m2 = ") + value + "\n" + kMinimalLayers);
        const auto problems = problems_of(path);
        EXPECT_EQ(problems.size(), 1u) << joined(problems);
        EXPECT_TRUE(contains(problems, path + ":2: audit.min_overlap_m2:")) << joined(problems);
    }
}

TEST_F(ConfigLoaderTest, AllProblemsAreReportedAtOnce) {
    const std::string path = write_config(R"([audit]
nmae = "typo"
min_overlap_m2 = -1
invalid_geometry = "drop"
threads = 2.5
crs = 4522
[output]
path = "out.gpkg"
colour = "red"
[parks]
path = "parks.geojson"
[parks.fields]
id = 7
[redline]
layer = "x"
[farmland]
path = "f.shp"
[parkz]
path = "p.shp"
)");
    // Line numbers counted from the raw string above (line 1 = "[audit]"); [parcels] is absent.
    const std::vector<std::string> expected = {
        path + ":18: parkz: unknown key",
        path + ":2: audit.nmae: unknown key",
        path + ":3: audit.min_overlap_m2: must be a finite number ≥ 0",
        path + ":4: audit.invalid_geometry: must be \"repair\" or \"skip\"",
        path + ":5: audit.threads: must be a whole number",
        path + ":6: audit.crs: must be a string",
        path + ":9: output.colour: unknown key",
        path + ":13: parks.fields.id: must be a source field name in quotes",
        path + ": [parcels]: missing",
        path + ":14: redline.path: missing",
    };
    const auto problems = problems_of(path);
    EXPECT_EQ(problems.size(), expected.size()) << joined(problems);
    for (const auto& e : expected) EXPECT_TRUE(contains(problems, e)) << "missing: " << e << "\ngot:" << joined(problems);

    // The exception's message lists them all too.
    try {
        load_config(path);
    } catch (const ValidationError& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("10 problems:", 0), 0u) << what;
        for (const auto& e2 : expected) EXPECT_NE(what.find(e2), std::string::npos) << e2;
    }
}

TEST_F(ConfigLoaderTest, EveryMissingRoleIsReported) {
    const auto problems = problems_of(write_config("[audit]\nname = \"empty\"\n"));
    ASSERT_EQ(problems.size(), 4u) << joined(problems);
    for (const char* role : {"[parks]", "[parcels]", "[redline]", "[farmland]"})
        EXPECT_TRUE(contains(problems, std::string(": ") + role + ": missing")) << role << joined(problems);
}

TEST_F(ConfigLoaderTest, TomlSyntaxErrorNamesLineAndColumn) {
    // Line 3 has an unterminated string.
    const std::string path = write_config("[audit]\nname = \"ok\"\ncrs = \"EPSG:4522\n" + kMinimalLayers);
    try {
        load_config(path);
        FAIL() << "expected AuditError";
    } catch (const ValidationError& e) {
        FAIL() << "a syntax error is not a validation list: " << e.what();
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        const std::string what = e.what();
        EXPECT_EQ(what.rfind(path + ":3:", 0), 0u) << what;
        EXPECT_TRUE(std::regex_search(what, std::regex(":3:[0-9]+: "))) << what;
        EXPECT_NE(e.hint().find("TOML syntax"), std::string::npos) << e.hint();
    }
}

TEST_F(ConfigLoaderTest, DuplicateKeyIsASyntaxError) {
    const std::string path = write_config("[audit]\nthreads = 1\nthreads = 2\n" + kMinimalLayers);
    try {
        load_config(path);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_EQ(std::string(e.what()).rfind(path + ":3:", 0), 0u) << e.what();
    }
}

TEST_F(ConfigLoaderTest, FolderInsteadOfAFileIsAConfigError) {
    try {
        load_config((m_dir / "cfg").string());
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_NE(std::string(e.what()).find((m_dir / "cfg").string()), std::string::npos) << e.what();
    }
}

TEST_F(ConfigLoaderTest, MissingConfigFileIsAConfigError) {
    const std::string path = (m_dir / "nope.toml").string();
    try {
        load_config(path);
        FAIL() << "expected AuditError";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_EQ(std::string(e.what()), "config file " + path + " does not exist");
        EXPECT_NE(e.hint().find("audit TOML"), std::string::npos);
    }
}

}  // namespace
}  // namespace landaudit
