// A private temporary directory per fuzz process, for parsers whose entry point takes a file path
// (load_config, load_rule_set, resolve_shapefile_encoding): each input is written to a file there.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"

namespace landaudit::fuzz {

// Created on first use under $TMPDIR (else /tmp), removed when the process exits normally.
inline const std::filesystem::path& temp_dir() {
    struct Dir {
        std::filesystem::path path;
        Dir() {
            const char* base = std::getenv("TMPDIR");
            std::string pattern = std::string(base && *base ? base : "/tmp") + "/landaudit-fuzz-XXXXXX";
            FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr, "cannot create a temporary directory from " + pattern);
            path = pattern;
        }
        ~Dir() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static const Dir dir;
    return dir.path;
}

// Writes `bytes` to temp_dir()/name, replacing what was there, and returns the path.
inline std::string write_temp_file(const std::string& name, std::string_view bytes) {
    const std::string path = (temp_dir() / name).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    FUZZ_CHECK(f != nullptr, "cannot write " + path);
    FUZZ_CHECK(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "short write to " + path);
    std::fclose(f);
    return path;
}

inline void remove_temp_file(const std::string& name) {
    std::error_code ec;
    std::filesystem::remove(temp_dir() / name, ec);
}

}  // namespace landaudit::fuzz
