// Provenance: SHA-256 against the standard's test vectors, every file of a Shapefile recorded,
// passwords kept out of the record, timestamps in ISO 8601.
#include "io/write/run_provenance.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "io/write/atomic_file.h"
#include "io/write/file_digest.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

class ProvenanceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("landaudit-prov-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }
    fs::path dir;
};

// FIPS 180-2 examples.
TEST_F(ProvenanceTest, Sha256MatchesTheStandardsVectors) {
    EXPECT_EQ(sha256_of_bytes("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_of_bytes(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    write(dir / "abc.txt", "abc");
    EXPECT_EQ(sha256_of_file((dir / "abc.txt").string()), sha256_of_bytes("abc"));
    EXPECT_THROW(sha256_of_file((dir / "missing").string()), AuditError);
}

TEST_F(ProvenanceTest, ShapefileRecordsEverySidecarAndTheConfig) {
    for (const char* ext : {".shp", ".shx", ".DBF", ".prj"}) write(dir / (std::string("zd") + ext), ext);
    write(dir / "audit.toml", "[audit]\n");
    AuditConfig config;
    config.config_path = (dir / "audit.toml").string();
    config.name = "t";
    LayerSource src;
    src.role = LayerRole::Parcels;
    src.path = (dir / "zd.shp").string();
    config.layers[LayerRole::Parcels] = src;
    AuditInputs inputs;
    inputs.working_crs = "EPSG:4522";
    inputs.provenance[LayerRole::Parcels] = {"zd.shp", "EPSG:4522 (x)", "GB18030 (guess)", 7};
    RunInfo info = collect_run_info(config, inputs);
    EXPECT_EQ(info.config_text, "[audit]\n");
    ASSERT_EQ(info.inputs.size(), 5u);  // config + shp, shx, DBF, prj (no .cpg exists)
    EXPECT_EQ(info.inputs[0].role, "config");
    EXPECT_EQ(info.inputs[1].path, (dir / "zd.shp").string());
    EXPECT_EQ(info.inputs[1].features, 7);
    EXPECT_EQ(info.inputs[1].encoding, "GB18030 (guess)");
    EXPECT_EQ(info.inputs[1].sha256, sha256_of_bytes(".shp"));
    EXPECT_EQ(info.inputs[1].bytes, 4);
    EXPECT_EQ(info.inputs[3].path, (dir / "zd.DBF").string()) << "sidecars are found in either case";
    EXPECT_EQ(info.inputs[3].features, -1);
}

TEST_F(ProvenanceTest, DatabasePasswordIsNotRecorded) {
    write(dir / "audit.toml", "");
    AuditConfig config;
    config.config_path = (dir / "audit.toml").string();
    LayerSource src;
    src.role = LayerRole::Redline;
    src.path = "PG:host=127.0.0.1 dbname=gis user=audit password=s3cret";
    config.layers[LayerRole::Redline] = src;
    RunInfo info = collect_run_info(config, AuditInputs{});
    ASSERT_EQ(info.inputs.size(), 2u);
    EXPECT_EQ(info.inputs[1].path.find("s3cret"), std::string::npos) << info.inputs[1].path;
    EXPECT_NE(info.inputs[1].path.find("dbname=gis"), std::string::npos);
    EXPECT_EQ(info.inputs[1].sha256, "");
}

TEST_F(ProvenanceTest, TimestampIsIso8601WithOffset) {
    EXPECT_TRUE(std::regex_match(now_iso8601(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)"))) << now_iso8601();
}

TEST_F(ProvenanceTest, TemporaryNameFitsAnyLegalFileName) {
    const std::string ascii(250, 'a');
    const std::string temp = temporary_path_beside((dir / (ascii + ".html")).string());
    EXPECT_LE(fs::path(temp).filename().string().size(), 255u);
    EXPECT_EQ(fs::path(temp).parent_path(), dir);
    // 80 three-byte characters = 240 bytes: the cut must not split a character.
    std::string chinese;
    for (int i = 0; i < 80; ++i) chinese += "园";
    const std::string t2 = fs::path(temporary_path_beside((dir / (chinese + ".html")).string())).filename().string();
    EXPECT_LE(t2.size(), 255u);
    std::size_t start = 1;  // after the leading dot
    while (start < t2.size() && t2.compare(start, 3, "园") == 0) start += 3;
    EXPECT_EQ(t2.compare(start, 9, ".partial-"), 0) << t2;
}

TEST_F(ProvenanceTest, AtomicWriteReplacesAndLeavesNoTemporary) {
    const fs::path target = dir / "report.html";
    write(target, "old");
    write_file_atomically(target.string(), "new");
    std::ifstream in(target);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(s, "new");
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1);
    EXPECT_THROW(write_file_atomically((dir / "no" / "such" / "dir.html").string(), "x"), AuditError);
}

}  // namespace
}  // namespace landaudit
