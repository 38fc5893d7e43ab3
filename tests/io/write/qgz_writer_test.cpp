// The .qgz writer: a real zip archive that GDAL's /vsizip/ reads back byte for byte, replaced
// atomically, and no temporary file left behind on success or failure.
#include "io/write/qgz_writer.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

class QgzWriter : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-qgz-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Every file name in the folder: the writer must leave only what it was asked to write.
    std::vector<std::string> files() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir)) names.push_back(e.path().filename().string());
        return names;
    }

    fs::path m_dir;
};

std::string read_raw(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The entry's bytes read through GDAL's /vsizip/, independent of how the writer wrote them.
std::string read_entry(const fs::path& archive, const std::string& entry) {
    const std::string path = "/vsizip/{" + archive.string() + "}/" + entry;
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return "<cannot open " + path + ">";
    std::string bytes;
    char buf[4096];
    std::size_t n;
    while ((n = VSIFReadL(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    VSIFCloseL(f);
    return bytes;
}

std::vector<std::string> entries(const fs::path& archive) {
    std::vector<std::string> names;
    char** list = VSIReadDir(("/vsizip/{" + archive.string() + "}").c_str());
    for (char** p = list; p && *p; ++p) names.emplace_back(*p);
    CSLDestroy(list);
    return names;
}

std::string sample_qgs(std::size_t repeat) {
    std::string text = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22\">\n";
    for (std::size_t i = 0; i < repeat; ++i) text += "  <title>闲置土地与批而未供 &amp; " + std::to_string(i) + "</title>\n";
    return text + "</qgis>\n";
}

TEST_F(QgzWriter, WritesAZipThatGdalReadsBack) {
    const fs::path qgz = m_dir / "审计 audit.qgz";
    const std::string qgs = sample_qgs(5000);  // large enough to be compressed
    write_qgz(qgz.string(), "审计 audit.qgs", qgs);

    const std::string raw = read_raw(qgz);
    ASSERT_GE(raw.size(), 4u);
    EXPECT_EQ(raw.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip local file header
    EXPECT_LT(raw.size(), qgs.size());                           // deflated
    EXPECT_EQ(entries(qgz), std::vector<std::string>{"审计 audit.qgs"});
    EXPECT_EQ(read_entry(qgz, "审计 audit.qgs"), qgs);
    EXPECT_EQ(files(), std::vector<std::string>{"审计 audit.qgz"});
}

TEST_F(QgzWriter, ReplacesAnEarlierProject) {
    const fs::path qgz = m_dir / "a.qgz";
    write_qgz(qgz.string(), "a.qgs", sample_qgs(3));
    write_qgz(qgz.string(), "a.qgs", "<qgis/>\n");
    EXPECT_EQ(entries(qgz), std::vector<std::string>{"a.qgs"});
    EXPECT_EQ(read_entry(qgz, "a.qgs"), "<qgis/>\n");
    EXPECT_EQ(files(), std::vector<std::string>{"a.qgz"});
}

TEST_F(QgzWriter, FailureNamesTheFileAndLeavesNothing) {
    const fs::path qgz = m_dir / "missing-folder" / "a.qgz";
    try {
        write_qgz(qgz.string(), "a.qgs", sample_qgs(1));
        FAIL() << "expected an error";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Output);
        EXPECT_NE(std::string(e.what()).find(qgz.string()), std::string::npos) << e.what();
    }
    EXPECT_TRUE(files().empty());
}

TEST_F(QgzWriter, AFailedRenameKeepsTheEarlierProjectAndRemovesTheTemporary) {
    // A folder where the project should go: the archive is written, the rename fails.
    const fs::path qgz = m_dir / "taken.qgz";
    fs::create_directories(qgz / "inside");
    EXPECT_THROW(write_qgz(qgz.string(), "taken.qgs", sample_qgs(1)), AuditError);
    EXPECT_EQ(files(), std::vector<std::string>{"taken.qgz"});
    EXPECT_TRUE(fs::is_directory(qgz / "inside"));
}

}  // namespace
}  // namespace landaudit
