// A copy of sample_gis in a temporary folder with the figures its generator expects for the 标准地
// and star-rating checks (sample_gis/expected_standard_land.json), for the e2e tests of issue 10.
#pragma once

#include <cpl_json.h>

#include <filesystem>

#include "cli_runner.h"
#include "test_config.h"

namespace cli_test {

struct SampleWithExpected {
    explicit SampleWithExpected(const char* tag) : dir(tag) {
        std::filesystem::copy(LANDAUDIT_SAMPLE_DIR, sample(), std::filesystem::copy_options::recursive);
        std::filesystem::create_directories(dir.path() / "out");
        loaded = expected.Load((sample() / "expected_standard_land.json").string());
    }
    std::filesystem::path sample() const { return dir.path() / "sample"; }
    CPLJSONObject root() const { return expected.GetRoot(); }

    TempDir dir;
    CPLJSONDocument expected;
    bool loaded = false;
};

}  // namespace cli_test
