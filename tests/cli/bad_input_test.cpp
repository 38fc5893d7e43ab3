// Error paths of the real landaudit binary: each test copies the sample data into a fresh temp
// folder, breaks one thing, runs the CLI and checks the exit code and what the message tells the user.
// The standard: a clear error naming file, layer, feature and field plus a hint; never a crash, never a
// silently wrong number; inputs never modified; a failed run leaves no half-written output.
//
#include <fcntl.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;

using namespace cli_test;

std::vector<std::string> partial_files(const fs::path& dir) {
    std::vector<std::string> found;
    if (!fs::exists(dir)) return found;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (contains(e.path().filename().string(), ".partial-")) found.push_back(e.path().string());
    return found;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += "  " + x + "\n";
    return s;
}

// Replaces the first occurrence of from; a test that edits text that is not there is itself broken.
std::string edit(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    if (pos == std::string::npos) throw std::logic_error("test config edit: '" + from + "' not found");
    return text.replace(pos, from.size(), to);
}

const std::vector<std::string> kSampleFiles = {
    "parks.geojson", "parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "redline.gpkg",
    "farmland.shp", "farmland.shx", "farmland.dbf", "farmland.prj", "farmland.cpg",
};

// The audit config of sample_gis/audit.toml with the output in ../out. Line numbers matter to
// the tests that check them: line 4 is min_overlap_m2, line 14 is the parks name mapping.
const std::string kBaseConfig =
    "[audit]\n"                            // 1
    "name = \"bad input test\"\n"          // 2
    "crs = \"auto\"\n"                     // 3
    "min_overlap_m2 = 1.0\n"               // 4
    "invalid_geometry = \"repair\"\n"      // 5
    "\n"                                   // 6
    "[output]\n"                           // 7
    "path = \"../out/result.gpkg\"\n"      // 8
    "\n"                                   // 9
    "[parks]\n"                            // 10
    "path = \"parks.geojson\"\n"           // 11
    "[parks.fields]\n"                     // 12
    "id = \"YQDM\"\n"                      // 13
    "name = \"YQMC\"\n"                    // 14
    "level = \"YQJB\"\n"                   // 15
    "\n"                                   // 16
    "[parcels]\n"                          // 17
    "path = \"parcels.shp\"\n"             // 18
    "[parcels.fields]\n"                   // 19
    "id = \"ZDDM\"\n"                      // 20
    "\n"
    "[redline]\n"
    "path = \"redline.gpkg\"\n"
    "layer = \"redline\"\n"
    "[redline.fields]\n"
    "id = \"BSM\"\n"
    "name = \"HXMC\"\n"
    "category = \"HXLX\"\n"
    "\n"
    "[farmland]\n"
    "path = \"farmland.shp\"\n"
    "[farmland.fields]\n"
    "id = \"JBNTTBBH\"\n"
    "category = \"DLMC\"\n";

// Creates a layer with the schema and CRS of the first layer of source but no features.
void write_empty_copy(const fs::path& source, const fs::path& target, const char* driver_name,
                      const char* layer_name) {
    GDALAllRegister();
    GDALDatasetUniquePtr src(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!src) throw std::runtime_error("cannot open " + source.string());
    OGRLayer* src_layer = src->GetLayer(0);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver) throw std::runtime_error(std::string("no GDAL driver ") + driver_name);
    GDALDatasetUniquePtr dst(driver->Create(target.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dst) throw std::runtime_error("cannot create " + target.string());
    OGRLayer* layer = dst->CreateLayer(layer_name, src_layer->GetSpatialRef(), src_layer->GetGeomType(), nullptr);
    if (!layer) throw std::runtime_error("cannot create layer in " + target.string());
    OGRFeatureDefn* defn = src_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (layer->CreateField(defn->GetFieldDefn(i)) != OGRERR_NONE)
            throw std::runtime_error("cannot create field in " + target.string());
}

// ---------------------------------------------------------------------------------------------
// Fixture: <tmp>/in holds a copy of the sample data and the config, <tmp>/out receives output.

class BadInputTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "landaudit-badinput-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
        root = pattern;
        in = root / "in";
        out = root / "out";
        fs::create_directories(in);
        fs::create_directories(out);
    }

    void TearDown() override {
        if (std::getenv("LANDAUDIT_KEEP_TEST_DIRS")) {
            std::cerr << "kept " << root << "\n";
            return;
        }
        std::error_code ec;
        fs::remove_all(root, ec);
    }

    // Copies the sample layers into in/, except the files named in skip.
    void copy_sample(const std::vector<std::string>& skip = {}) {
        for (const auto& name : kSampleFiles) {
            if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
            fs::copy_file(fs::path(LANDAUDIT_SAMPLE_DIR) / name, in / name, fs::copy_options::overwrite_existing);
        }
    }

    fs::path write_config(const std::string& text, const std::string& name = "audit.toml") {
        fs::path p = in / name;
        write_bytes(p, text);
        return p;
    }

    RunResult run(const fs::path& config, std::vector<std::string> extra = {}, RunOptions options = {}) {
        std::vector<std::string> args = {"run", config.string(), "--no-progress"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args, options);
    }

    RunResult check(const fs::path& config) { return run_cli({"check", config.string()}); }

    fs::path result_path() const { return out / "result.gpkg"; }

    fs::path root, in, out;
};

// A failure of the kind "config or input problem": exit 1, not a crash, one error line, no output.
void expect_input_error(const RunResult& r, const fs::path& output) {
    EXPECT_EQ(r.signal, 0) << "the CLI crashed" << r;
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "landaudit: error: ")) << r;
    EXPECT_FALSE(fs::exists(output)) << "a failed run wrote " << output << r;
}

// ---------------------------------------------------------------------------------------------
// Missing and unreadable inputs

TEST_F(BadInputTest, MissingInputFileIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"nowhere/parcels.shp\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, (in / "nowhere" / "parcels.shp").string())) << r;
    EXPECT_TRUE(contains(r.err, "does not exist")) << r;
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, MissingConfigFileIsNamed) {
    RunResult r = run(in / "no-such-audit.toml");
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "no-such-audit.toml")) << r;
    EXPECT_TRUE(contains(r.err, "does not exist")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, MissingCrsPrintsBoundsAndSuggestsZone34) {
    copy_sample({"parcels.prj"});
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parcels.shp")) << r;
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, "no CRS")) << r;
    EXPECT_TRUE(contains(r.err, "bounds (34")) << "the bounds show the zone-prefixed eastings" << r;
    EXPECT_TRUE(contains(r.err, "zone prefix 34")) << r;
    EXPECT_TRUE(contains(r.err, "EPSG:4522")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, MissingCrsFixedByCrsOverride) {
    copy_sample({"parcels.prj"});
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"parcels.shp\"\ncrs = \"EPSG:4522\""));
    const Snapshot before = snapshot(in);
    RunResult r = run(config);
    EXPECT_EQ(r.signal, 0) << r;
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "479 audited")) << r;
    EXPECT_TRUE(contains(r.out, "60 on red line")) << r;
    EXPECT_TRUE(contains(r.out, "28 on farmland")) << r;
    EXPECT_TRUE(fs::exists(result_path())) << r;
    EXPECT_FALSE(fs::exists(in / "parcels.prj")) << "the CRS override must not be written back as a .prj";
    EXPECT_EQ(snapshot_diff(before, snapshot(in)), "");
}

TEST_F(BadInputTest, UnknownCrsOverrideIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"parcels.shp\"\ncrs = \"EPSG:999999\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parcels] crs")) << r;
    EXPECT_TRUE(contains(r.err, "EPSG:999999")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// Regression (was wrong): the .prj exists but is garbage; the message claims "no .prj" instead of saying that
// parcels.prj could not be understood. GDAL's shapefile driver ignores an unparsable .prj silently,
// and VectorSource::crs() only knows that GetSpatialRef() is null.
TEST_F(BadInputTest, UnreadablePrjIsReportedAsUnreadable) {
    copy_sample();
    write_bytes(in / "parcels.prj", "this is not a WKT CRS");
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parcels")) << r;
    EXPECT_TRUE(contains(r.err, ".prj")) << r;
    EXPECT_FALSE(contains(r.err, "no .prj")) << "the .prj exists; the message must say it cannot be read" << r;
    EXPECT_TRUE(contains(r.err, "EPSG:4522")) << "the bounds still allow the zone suggestion" << r;
}

// ---------------------------------------------------------------------------------------------
// Field mappings

TEST_F(BadInputTest, MissingMappedFieldListsAvailableFields) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "id = \"ZDDM\"", "id = \"NOPE\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parcels.shp")) << r;
    EXPECT_TRUE(contains(r.err, "'NOPE'")) << r;
    EXPECT_TRUE(contains(r.err, "[parcels.fields]")) << r;
    EXPECT_TRUE(contains(r.err, "available: ZDDM, QLR, TDYT, DLBM, ZDMJ, ZL")) << r;
}

TEST_F(BadInputTest, RequiredMappingAbsentIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "id = \"YQDM\"\n", ""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parks.fields]")) << r;
    EXPECT_TRUE(contains(r.err, "'id'")) << r;
    EXPECT_TRUE(contains(r.err, "YQDM")) << "the available fields are listed" << r;
}

// Regression (was wrong): "[parks.fields] must map 'id' (...)" names neither the parks source file nor the config
// file, unlike the other mapping messages (check_field_mapping in layers/field_mapping.cpp builds
// the required-field message without layer_label(layer)).
TEST_F(BadInputTest, RequiredMappingAbsentNamesTheSourceFile) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "id = \"YQDM\"\n", ""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parks.geojson")) << r;
}

TEST_F(BadInputTest, UnknownRoleFieldKeyIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "id = \"ZDDM\"", "id = \"ZDDM\"\nowner = \"QLR\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parcels.fields]")) << r;
    EXPECT_TRUE(contains(r.err, "'owner'")) << r;
}

// ---------------------------------------------------------------------------------------------
// Damaged shapefiles

TEST_F(BadInputTest, TruncatedShpHeaderIsNamedWithoutCrash) {
    copy_sample();
    fs::resize_file(in / "parcels.shp", 50);
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, (in / "parcels.shp").string())) << r;
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, "cannot be opened")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, GarbageShpHeaderIsNamedWithoutCrash) {
    copy_sample();
    std::string bytes = read_bytes(in / "parcels.shp");
    for (std::size_t i = 0; i < 100; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 37));
    write_bytes(in / "parcels.shp", bytes);
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, (in / "parcels.shp").string())) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, EmptyShpFileIsNamedWithoutCrash) {
    copy_sample();
    fs::resize_file(in / "parcels.shp", 0);
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, (in / "parcels.shp").string())) << r;
}

TEST_F(BadInputTest, MissingShxIsNamedAndNotRecreated) {
    copy_sample({"parcels.shx"});
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shx")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(fs::exists(in / "parcels.shx")) << "inputs are never modified: no .shx may be restored";
}

// Regression (was wrong): with parcels.dbf gone GDAL opens the .shp alone, and the user is told
// "field 'ZDDM' ... does not exist; available: (none)", which hides the real problem: the .dbf is missing.
TEST_F(BadInputTest, MissingDbfIsNamed) {
    copy_sample({"parcels.dbf"});
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, ".dbf")) << "the message must say the attribute table (.dbf) is missing" << r;
}

// Regression (was wrong): a .shp cut off in the middle (as by an interrupted copy) "succeeds" with exit 0: 267 of
// 479 parcels come back with no geometry, are silently skipped as null_geometry, and the audit
// reports 32 instead of 60 parcels on the red line. GDAL's "Error in fread() reading object ... from
// .shp file" failures are only collected as a "gdal_warning" diagnostic (VectorSource::read). A read
// failure (CE_Failure) must fail the run with exit 1 naming the file.
TEST_F(BadInputTest, ShpTruncatedMidFileFailsInsteadOfWrongNumbers) {
    copy_sample();
    fs::resize_file(in / "parcels.shp", 30000);  // of 67 892 bytes: about half the records are cut off
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, (in / "parcels.shp").string())) << r;
}

// ---------------------------------------------------------------------------------------------
// Empty layers

TEST_F(BadInputTest, EmptyParcelShapefileHasNoFeatures) {
    copy_sample();
    fs::create_directories(in / "empty");
    write_empty_copy(in / "parcels.shp", in / "empty" / "parcels.shp", "ESRI Shapefile", "parcels");
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"empty/parcels.shp\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, (in / "empty" / "parcels.shp").string())) << r;
    EXPECT_TRUE(contains(r.err, "has no features")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, EmptyParcelGeoPackageHasNoFeatures) {
    copy_sample();
    write_empty_copy(in / "parcels.shp", in / "parcels_empty.gpkg", "GPKG", "parcels");
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"parcels_empty.gpkg\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parcels_empty.gpkg")) << r;
    EXPECT_TRUE(contains(r.err, "has no features")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// Regression (was wrong): with crs = "auto" an empty parks layer is reported as "[parks] …: has no extent (is it
// empty?)" with no hint: load_inputs calls centre_longitude() (io/vector_reader.cpp) before the
// "the layer has no features" check that a fixed working CRS reaches.
TEST_F(BadInputTest, EmptyParksLayerHasNoFeatures) {
    copy_sample();
    write_empty_copy(in / "parks.geojson", in / "parks_empty.gpkg", "GPKG", "parks");
    auto config = write_config(edit(kBaseConfig, "path = \"parks.geojson\"", "path = \"parks_empty.gpkg\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parks]")) << r;
    EXPECT_TRUE(contains(r.err, "parks_empty.gpkg")) << r;
    EXPECT_TRUE(contains(r.err, "has no features")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// ---------------------------------------------------------------------------------------------
// Several problems, config syntax and keys

TEST_F(BadInputTest, SeveralBadLayersAreListedTogether) {
    copy_sample({"farmland.shp", "farmland.shx", "farmland.dbf", "farmland.prj", "farmland.cpg"});
    std::string text = edit(kBaseConfig, "id = \"ZDDM\"", "id = \"NOPE\"");
    text = edit(text, "layer = \"redline\"", "layer = \"redlines\"");
    auto config = write_config(text);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "3 problems:")) << r;
    EXPECT_TRUE(contains(r.err, "'NOPE'")) << r;
    EXPECT_TRUE(contains(r.err, "[redline]")) << r;
    EXPECT_TRUE(contains(r.err, "has no layer 'redlines'")) << r;
    EXPECT_TRUE(contains(r.err, "layers in this source: redline")) << r;
    EXPECT_TRUE(contains(r.err, "[farmland]")) << r;
    EXPECT_TRUE(contains(r.err, (in / "farmland.shp").string())) << r;
    EXPECT_TRUE(contains(r.err, "does not exist")) << r;
}

TEST_F(BadInputTest, SeveralConfigProblemsAreListedTogether) {
    copy_sample();
    std::string text = edit(kBaseConfig, "min_overlap_m2 = 1.0", "min_overlap = 1");
    text = edit(text, "invalid_geometry = \"repair\"", "invalid_geometry = \"fix\"");
    auto config = write_config(text);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "2 problems:")) << r;
    EXPECT_TRUE(contains(r.err, "audit.min_overlap")) << r;
    EXPECT_TRUE(contains(r.err, "audit.invalid_geometry")) << r;
}

TEST_F(BadInputTest, UnknownConfigKeyNamesKeyAndLine) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "min_overlap_m2 = 1.0", "min_overlap = 1"));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "audit.toml:4:")) << "the key is on line 4" << r;
    EXPECT_TRUE(contains(r.err, "audit.min_overlap")) << r;
    EXPECT_TRUE(contains(r.err, "unknown key")) << r;
    EXPECT_TRUE(contains(r.err, "min_overlap_m2")) << "the valid keys are listed" << r;
}

TEST_F(BadInputTest, UnknownTopLevelTableIsNamed) {
    copy_sample();
    auto config = write_config(kBaseConfig + "\n[parcel]\npath = \"parcels.shp\"\n");
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "parcel: unknown key")) << r;
}

TEST_F(BadInputTest, TomlSyntaxErrorNamesLine) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "name = \"YQMC\"", "name = \"YQMC"));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "audit.toml:14:")) << "the broken string is on line 14" << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, MissingLayerSectionIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "[farmland]\npath = \"farmland.shp\"\n", "[farmland]\n"));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "farmland.path")) << r;
    EXPECT_TRUE(contains(r.err, "missing")) << r;
}

TEST_F(BadInputTest, BadEncodingOverrideIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "path = \"parcels.shp\"", "path = \"parcels.shp\"\nencoding = \"NOPE-99\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parcels]")) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp")) << r;
    EXPECT_TRUE(contains(r.err, "\"NOPE-99\"")) << r;
    EXPECT_TRUE(contains(r.err, "not a known encoding")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, EncodingOverrideOnGeoJsonIsRejected) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "path = \"parks.geojson\"", "path = \"parks.geojson\"\nencoding = \"GBK\""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[parks]")) << r;
    EXPECT_TRUE(contains(r.err, "parks.geojson")) << r;
    EXPECT_TRUE(contains(r.err, "Shapefile")) << r;
}

TEST_F(BadInputTest, CorruptGeoPackageIsNamed) {
    copy_sample();
    fs::resize_file(in / "redline.gpkg", 4096);
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "[redline]")) << r;
    EXPECT_TRUE(contains(r.err, (in / "redline.gpkg").string())) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

TEST_F(BadInputTest, NoOutputPathIsNamed) {
    copy_sample();
    auto config = write_config(edit(kBaseConfig, "[output]\npath = \"../out/result.gpkg\"\n", ""));
    RunResult r = run(config);
    expect_input_error(r, result_path());
    EXPECT_TRUE(contains(r.err, "no output path")) << r;
    EXPECT_TRUE(contains(r.err, "--out")) << r;
}

// ---------------------------------------------------------------------------------------------
// Output: not writable, never half-written, never over an input

TEST_F(BadInputTest, OutputUnderARegularFileExitsThree) {
    copy_sample();
    write_bytes(out / "not_a_folder", "a regular file used as a folder\n");
    auto config = write_config(kBaseConfig);
    const fs::path target = out / "not_a_folder" / "sub" / "result.gpkg";
    RunResult r = run(config, {"--out", target.string()});
    EXPECT_EQ(r.signal, 0) << r;
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, "landaudit: error: ")) << r;
    EXPECT_TRUE(contains(r.err, (out / "not_a_folder").string())) << r;
    EXPECT_EQ(read_bytes(out / "not_a_folder"), "a regular file used as a folder\n");
    EXPECT_EQ(joined(partial_files(root)), "") << r;
}

// Regression (was wrong): "…/not_a_folder/sub: cannot create the output folder (Not a directory)" comes without a
// hint (gpkg_writer.cpp throws that AuditError with no hint argument).
TEST_F(BadInputTest, OutputUnderARegularFileHasHint) {
    copy_sample();
    write_bytes(out / "not_a_folder", "x");
    auto config = write_config(kBaseConfig);
    RunResult r = run(config, {"--out", (out / "not_a_folder" / "result.gpkg").string()});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
}

// The output path is an existing folder: the GeoPackage is written to the temp file, then the
// rename fails. Exit 3, the folder and its content untouched, the temp file gone.
TEST_F(BadInputTest, FailedRenameLeavesNoPartialFile) {
    copy_sample();
    fs::create_directories(out / "result.gpkg");
    write_bytes(out / "result.gpkg" / "keep.txt", "keep me\n");
    auto config = write_config(kBaseConfig);
    RunResult r = run(config);
    EXPECT_EQ(r.signal, 0) << r;
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, "result.gpkg")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_EQ(read_bytes(out / "result.gpkg" / "keep.txt"), "keep me\n");
    EXPECT_EQ(joined(partial_files(root)), "") << r;
}

// A full disk in the middle of writing (RLIMIT_FSIZE makes writes past 64 kB fail): exit 3, the
// previous output survives byte for byte, no temp file is left behind.
TEST_F(BadInputTest, DiskFullDuringWriteKeepsPreviousOutput) {
    copy_sample();
    write_bytes(result_path(), "previous audit result\n");
    auto config = write_config(kBaseConfig);
    RunOptions options;
    options.file_size_limit = 64 * 1024;
    RunResult r = run(config, {}, options);
    EXPECT_EQ(r.signal, 0) << r;
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_EQ(read_bytes(result_path()), "previous audit result\n");
    EXPECT_EQ(joined(partial_files(root)), "") << r;
}

// Regression (was wrong): the disk-full message names the temp file ("…/out/.result.partial-<pid>.gpkg: cannot commit
// layer parcels (…)"), which no longer exists once the error is shown, not the output the user asked
// for. write_geopackage passes temp.string() as the path to write_table/fail.
TEST_F(BadInputTest, DiskFullMessageNamesRequestedOutput) {
    copy_sample();
    auto config = write_config(kBaseConfig);
    RunOptions options;
    options.file_size_limit = 64 * 1024;
    RunResult r = run(config, {}, options);
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, result_path().string())) << r;
    EXPECT_FALSE(contains(r.err, ".partial-")) << "the temp file is an implementation detail" << r;
}

TEST_F(BadInputTest, ExistingOutputSurvivesFailedValidation) {
    copy_sample();
    write_bytes(result_path(), "previous audit result\n");
    auto config = write_config(edit(kBaseConfig, "id = \"ZDDM\"", "id = \"NOPE\""));
    RunResult r = run(config);
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_EQ(read_bytes(result_path()), "previous audit result\n");
    EXPECT_EQ(joined(partial_files(root)), "") << r;
}

TEST_F(BadInputTest, OutputOverInputIsRefused) {
    copy_sample();
    auto config = write_config(kBaseConfig);
    const Snapshot before = snapshot(in);
    for (const std::string target : {"parcels.shp", "redline.gpkg", "parks.geojson", "audit.toml"}) {
        SCOPED_TRACE(target);
        RunResult r = run(config, {"--out", (in / target).string()});
        EXPECT_EQ(r.signal, 0) << r;
        EXPECT_EQ(r.exit_code, 1) << r;
        EXPECT_TRUE(contains(r.err, "would overwrite the input")) << r;
        EXPECT_TRUE(contains(r.err, (in / target).string())) << r;
        EXPECT_TRUE(contains(r.err, "hint:")) << r;
    }
    // The same file spelled differently, relative to the working directory.
    RunOptions in_input_folder;
    in_input_folder.cwd = in;
    RunResult r = run_cli({"run", "audit.toml", "--no-progress", "--out", "./sub/../parcels.shp"}, in_input_folder);
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "would overwrite the input")) << r;
    EXPECT_EQ(snapshot_diff(before, snapshot(in)), "");
    EXPECT_EQ(joined(partial_files(root)), "");
}

// Regression (was data loss): only the main file of each source is compared with the output path, so
// --out parcels.dbf (or .shx, .prj, farmland.cpg) replaces that shapefile member with a GeoPackage
// and exits 0. The sample's parcel attributes are destroyed. write_geopackage (io/gpkg_writer.cpp)
// must also refuse the sidecars of a shapefile input (.shx .dbf .prj .cpg .qix .sbn .sbx, any case).
TEST_F(BadInputTest, OutputOverShapefileSidecarIsRefused) {
    copy_sample();
    auto config = write_config(kBaseConfig);
    for (const std::string target : {"parcels.dbf", "parcels.shx", "parcels.prj", "farmland.cpg"}) {
        SCOPED_TRACE(target);
        const std::string before = read_bytes(in / target);
        RunResult r = run(config, {"--out", (in / target).string()});
        EXPECT_EQ(r.signal, 0) << r;
        EXPECT_EQ(r.exit_code, 1) << r;
        EXPECT_TRUE(contains(r.err, "would overwrite the input")) << r;
        EXPECT_TRUE(read_bytes(in / target) == before) << target << " was modified" << r;
        write_bytes(in / target, before);  // restore, so the next case starts from intact inputs
    }
}

}  // namespace
