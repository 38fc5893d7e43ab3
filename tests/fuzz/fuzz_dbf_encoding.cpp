// Fuzz target: the whole shapefile encoding decision (io/read/shapefile_encoding.h,
// resolve_shapefile_encoding: .cpg, then the DBF language driver id, then the bytes of the field
// names and text values). The function reads files, so each input is written as layer.dbf (and
// layer.cpg) in a private temporary directory.
// Input: a .dbf file; when it starts with "CPG=", the bytes up to the first newline are the
// content of layer.cpg and the rest is the .dbf.
// Asserts, besides no crash, hang, sanitizer report or exception other than AuditError:
// - AuditError exactly when the .dbf is shorter than its 32-byte header (the only unreadable case);
// - the chosen encoding is one iconv opens (GDAL would otherwise copy the bytes through unchanged);
// - the reason and the contradiction are valid UTF-8 (they are printed and written to diagnostics);
// - "from .cpg" means the .cpg's normalised name; a .dbf whose bytes after the header are all ASCII
//   and has no .cpg is read as its language driver's code page, or UTF-8 when that says nothing.
#include <iconv.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/read/shapefile_encoding.h"
#include "layers/error.h"
#include "layers/utf8_text.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using landaudit::fuzz::escaped;

bool iconv_knows(const std::string& name) {
    const iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    iconv_close(cd);
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    bool has_cpg = false;
    std::string_view cpg;
    if (input.starts_with("CPG=")) {
        const std::size_t newline = input.find('\n');
        has_cpg = true;
        cpg = input.substr(4, newline == std::string_view::npos ? std::string_view::npos : newline - 4);
        input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    }
    const std::string_view dbf = input;
    const std::string shown = "dbf \"" + escaped(dbf.substr(0, 200)) + "\" with " +
                              (has_cpg ? ".cpg \"" + escaped(cpg) + "\"" : std::string("no .cpg"));

    landaudit::fuzz::write_temp_file("layer.dbf", dbf);
    if (has_cpg) landaudit::fuzz::write_temp_file("layer.cpg", cpg);
    else landaudit::fuzz::remove_temp_file("layer.cpg");
    const std::string shp = (landaudit::fuzz::temp_dir() / "layer.shp").string();

    landaudit::EncodingDecision decision;
    try {
        decision = landaudit::resolve_shapefile_encoding(shp, "");
    } catch (const landaudit::AuditError& e) {  // the documented failure; anything else escapes and aborts
        FUZZ_CHECK(dbf.size() < 32, shown + ": AuditError on a .dbf with a complete header: " + e.what());
        FUZZ_CHECK(landaudit::fuzz::is_utf8(e.what()), shown + ": error message is not UTF-8");
        return 0;
    }
    FUZZ_CHECK(dbf.size() >= 32, shown + ": a .dbf shorter than its header was read as " + decision.encoding);
    FUZZ_CHECK(iconv_knows(decision.encoding), shown + ": encoding \"" + escaped(decision.encoding) +
                                                   "\" is not one iconv knows");
    FUZZ_CHECK(landaudit::fuzz::is_utf8(decision.reason) && landaudit::fuzz::is_utf8(decision.contradiction),
               shown + ": reason \"" + escaped(decision.reason) + "\" / contradiction \"" +
                   escaped(decision.contradiction) + "\" is not valid UTF-8");
    if (decision.reason == "from .cpg")
        FUZZ_CHECK(has_cpg && decision.encoding == landaudit::normalise_encoding_name(cpg),
                   shown + ": \"from .cpg\" but the encoding is " + decision.encoding);
    const bool ascii_after_header = std::all_of(dbf.begin() + 32, dbf.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
    });
    if (!has_cpg && ascii_after_header) {
        const std::string expected =
            landaudit::encoding_from_ldid(static_cast<unsigned char>(dbf[29])).value_or("UTF-8");
        FUZZ_CHECK(decision.encoding == expected, shown + ": ASCII text read as " + decision.encoding +
                                                      ", expected " + expected + " (" + decision.reason + ")");
    }
    return 0;
}
