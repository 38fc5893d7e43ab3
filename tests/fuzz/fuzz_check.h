// Invariant checks for the fuzz targets: a broken invariant aborts with what broke, so libFuzzer
// saves the input as a crash and a wrong answer is found like a crash is.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "layers/utf8_text.h"

namespace landaudit::fuzz {

// The input shown as a C string literal (printable ASCII kept, every other byte as \xNN).
inline std::string escaped(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
            out += static_cast<char>(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    return out;
}

// True when the text is valid UTF-8 (what every message and output text must be).
inline bool is_utf8(const std::string& s) {
    bool changed = false;
    landaudit::valid_utf8(s, &changed);
    return !changed;
}

[[noreturn]] inline void fail(const char* condition, const std::string& detail, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition, detail.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace landaudit::fuzz

// FUZZ_CHECK(condition, detail): detail is a std::string naming the input and the values involved.
#define FUZZ_CHECK(condition, detail)                                             \
    do {                                                                          \
        if (!(condition)) ::landaudit::fuzz::fail(#condition, (detail), __FILE__, __LINE__); \
    } while (0)
