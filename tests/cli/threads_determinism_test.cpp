// Neither the number of worker threads nor the streaming chunk size may change a single output
// value (issue 8): runs with --threads 1 and 2 and with --chunk 97 and the default (all 3000
// parcels in one chunk) on the same data give byte-identical attributes and geometries in every
// analysis layer. The data is bench/generate.py's, at a size where the two
// workers interleave many 64-parcel chunks.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;


// Every analysis layer of two outputs, feature by feature; returns the features compared.
std::size_t expect_identical(const fs::path& one, const fs::path& two) {
    GDALAllRegister();
    auto a = open_vector(one.string()), b = open_vector(two.string());
    EXPECT_TRUE(a && b);
    if (!a || !b) return 0;
    std::size_t compared = 0;
    for (const char* name : {"parcels", "parks", "conflicts", "idle", "unsupplied", "batches", "candidates", "diagnostics"}) {
        OGRLayer* la = a->GetLayerByName(name);
        OGRLayer* lb = b->GetLayerByName(name);
        EXPECT_TRUE(la && lb) << name;
        if (!la || !lb) continue;
        const auto ra = dump_layer(*la), rb = dump_layer(*lb);
        EXPECT_EQ(ra.size(), rb.size()) << name;
        for (std::size_t i = 0; i < std::min(ra.size(), rb.size()); ++i)
            if (ra[i] != rb[i]) {
                ADD_FAILURE() << name << " feature " << i << " differs:\n" << ra[i] << "\n" << rb[i];
                break;
            }
        compared += ra.size();
    }
    return compared;
}

class Determinism : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir("landaudit-determinism");
        const fs::path data = dir->path() / "data";
        const std::string generate = "/usr/bin/python3 " +
                                     (fs::path(LANDAUDIT_SOURCE_DIR) / "bench" / "generate.py").string() + " 3000 --out " +
                                     data.string() + " > " + (dir->path() / "generate.log").string() + " 2>&1";
        generated = std::system(generate.c_str()) == 0;
    }
    static void TearDownTestSuite() {
        delete dir;
        dir = nullptr;
    }
    // Runs the audit of the generated data with extra options into NAME.gpkg.
    fs::path run(const std::string& name, std::vector<std::string> options) {
        EXPECT_TRUE(generated) << read_bytes(dir->path() / "generate.log");
        const fs::path out = dir->path() / (name + ".gpkg");
        std::vector<std::string> args = {"run", (dir->path() / "data" / "audit.toml").string(), "--out", out.string(),
                                         "--no-report", "--no-progress", "--quiet"};
        args.insert(args.end(), options.begin(), options.end());
        RunResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 0) << r;
        return out;
    }
    static TempDir* dir;
    static bool generated;
};
TempDir* Determinism::dir = nullptr;
bool Determinism::generated = false;

TEST_F(Determinism, OneAndTwoThreadsGiveIdenticalOutputs) {
    const fs::path one = run("one", {"--threads", "1"}), two = run("two", {"--threads", "2"});
    EXPECT_GT(expect_identical(one, two), 5000u);  // the layers are not empty: there was something to differ
}

// 97 parcels a chunk: an enterprise's parcels, a park's parcels and the diagnostics of one
// feature all fall across chunk boundaries, and the economics join needs its first pass.
TEST_F(Determinism, ChunkSizeDoesNotChangeAnyValue) {
    const fs::path whole = run("whole", {"--threads", "2"}), chunked = run("chunked", {"--threads", "2", "--chunk", "97"});
    EXPECT_GT(expect_identical(whole, chunked), 5000u);
}

}  // namespace
