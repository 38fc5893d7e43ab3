// A fresh folder per test for the output a spill lies beside, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace landaudit {

class SpillFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() / ("landaudit-spill-test-" + std::to_string(getpid()));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        output = (dir / "audit.gpkg").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::size_t files_in_dir() const {
        using It = std::filesystem::directory_iterator;
        return static_cast<std::size_t>(std::distance(It(dir), It()));
    }
    std::filesystem::path dir;
    std::string output;  // never made: the spill lies beside it
};

}  // namespace landaudit
