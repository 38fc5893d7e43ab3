// The number of worker threads must not change a single output value (issue 8): a run with
// --threads 1 and one with --threads 2 on the same data give byte-identical attributes and
// geometries in every analysis layer. The data is bench/generate.py's, at a size where the two
// workers interleave many 64-parcel chunks.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

// Each feature of a layer as text: every field's value and the geometry's WKB, in fid order.
std::vector<std::string> dump(OGRLayer& layer) {
    std::vector<std::string> rows;
    for (auto& f : layer) {
        std::string row = std::to_string(f->GetFID());
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row += "|" + std::string(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::vector<unsigned char> wkb(g->WkbSize());
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            row += "|" + std::string(wkb.begin(), wkb.end());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

TEST(ThreadsDeterminism, OneAndTwoThreadsGiveIdenticalOutputs) {
    TempDir dir("landaudit-threads");
    const fs::path data = dir.path() / "data";
    const std::string generate = "/usr/bin/python3 " + (fs::path(LANDAUDIT_SOURCE_DIR) / "bench" / "generate.py").string() +
                                 " 3000 --out " + data.string() + " > " + (dir.path() / "generate.log").string() + " 2>&1";
    ASSERT_EQ(std::system(generate.c_str()), 0) << read_bytes(dir.path() / "generate.log");

    const fs::path one = dir.path() / "one.gpkg", two = dir.path() / "two.gpkg";
    for (const auto& [threads, out] : {std::pair{"1", one}, std::pair{"2", two}}) {
        RunResult r = run_cli({"run", (data / "audit.toml").string(), "--threads", threads, "--out", out.string(),
                               "--no-report", "--no-progress", "--quiet"});
        ASSERT_EQ(r.exit_code, 0) << r;
    }
    GDALAllRegister();
    auto a = open_vector(one.string()), b = open_vector(two.string());
    ASSERT_TRUE(a && b);
    std::size_t compared = 0;
    for (const char* name : {"parcels", "parks", "conflicts", "idle", "unsupplied", "batches", "candidates", "diagnostics"}) {
        OGRLayer* la = a->GetLayerByName(name);
        OGRLayer* lb = b->GetLayerByName(name);
        ASSERT_TRUE(la && lb) << name;
        const auto ra = dump(*la), rb = dump(*lb);
        ASSERT_EQ(ra.size(), rb.size()) << name;
        for (std::size_t i = 0; i < ra.size(); ++i) ASSERT_EQ(ra[i], rb[i]) << name << " feature " << i;
        compared += ra.size();
    }
    EXPECT_GT(compared, 5000u);  // the layers are not empty: there was something to differ
}

}  // namespace
