// Fuzz target: the pure encoding functions behind shapefile encoding detection
// (io/read/shapefile_encoding.h: is_strict_utf8, looks_like_gbk, normalise_encoding_name,
// encoding_from_ldid) and the UTF-8 repair every output text goes through (layers/utf8_text.h).
// The whole decision, resolve_shapefile_encoding, reads a .dbf and a .cpg from disk: fuzz_dbf_encoding.
// Input: any bytes (a field value, a .cpg's content).
// Asserts, besides no crash, hang, sanitizer report or exception:
// - is_strict_utf8 and valid_utf8 agree with an independent decoder of Unicode's Table 3-7
//   (well-formed UTF-8: no overlongs, surrogates, code points above U+10FFFF or cut-off sequences);
// - valid_utf8's output is always valid UTF-8, equal to the input when that was valid, changed
//   exactly when it was not, and a fixed point;
// - bytes that looks_like_gbk accepts decode as GB18030 with iconv, to valid UTF-8, without a
//   single unconvertible byte (what GDAL does with them once the detection says GB18030);
// - normalise_encoding_name is idempotent, and encoding_from_ldid names only encodings iconv opens.
#include <iconv.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/read/shapefile_encoding.h"
#include "layers/utf8_text.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using landaudit::fuzz::escaped;

// Decodes code point by code point and checks the value against the shortest form, the surrogate
// range and U+10FFFF (Unicode 15, §3.9, Table 3-7), rather than by byte ranges as the code under test.
bool reference_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        std::size_t length;
        char32_t cp;
        if (b < 0x80) { length = 1; cp = b; }
        else if ((b & 0xE0) == 0xC0) { length = 2; cp = b & 0x1F; }
        else if ((b & 0xF0) == 0xE0) { length = 3; cp = b & 0x0F; }
        else if ((b & 0xF8) == 0xF0) { length = 4; cp = b & 0x07; }
        else return false;
        if (i + length > s.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned char c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        const char32_t shortest_from[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < shortest_from[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

// The bytes decoded as GB18030 by iconv (glibc), as GDAL's Shapefile driver does; nullopt-like
// empty `ok` when any byte sequence cannot be converted.
struct Decoded {
    bool ok = false;
    std::string text;
};

Decoded decode_gb18030(std::string_view bytes) {
    static iconv_t cd = iconv_open("UTF-8", "GB18030");
    FUZZ_CHECK(cd != reinterpret_cast<iconv_t>(-1), std::string("iconv cannot open GB18030"));
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    Decoded out;
    std::string buffer(bytes.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* dst = buffer.data();
    std::size_t dst_left = buffer.size();
    if (iconv(cd, &in, &in_left, &dst, &dst_left) == static_cast<std::size_t>(-1) || in_left != 0) return out;
    if (iconv(cd, nullptr, nullptr, &dst, &dst_left) == static_cast<std::size_t>(-1)) return out;
    buffer.resize(buffer.size() - dst_left);
    out.ok = true;
    out.text = std::move(buffer);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string shown = "\"" + escaped(bytes.substr(0, 200)) + "\"";

    const bool valid = reference_utf8(bytes);
    FUZZ_CHECK(landaudit::is_strict_utf8(bytes) == valid, shown + ": is_strict_utf8 says " +
                                                              (valid ? "invalid" : "valid"));
    bool changed = false;
    const std::string repaired = landaudit::valid_utf8(bytes, &changed);
    FUZZ_CHECK(reference_utf8(repaired), shown + ": valid_utf8 gives invalid UTF-8 \"" + escaped(repaired) + "\"");
    FUZZ_CHECK(changed == !valid, shown + ": valid_utf8 'changed' is " + (changed ? "true" : "false"));
    FUZZ_CHECK(valid ? repaired == bytes : repaired != bytes, shown + ": valid_utf8 → \"" + escaped(repaired) + "\"");
    bool changed_again = true;
    FUZZ_CHECK(landaudit::valid_utf8(repaired, &changed_again) == repaired && !changed_again,
               shown + ": valid_utf8 is not a fixed point on its own output");

    if (landaudit::looks_like_gbk(bytes)) {
        const Decoded decoded = decode_gb18030(bytes);
        FUZZ_CHECK(decoded.ok, shown + ": looks like GBK but iconv cannot decode it as GB18030");
        FUZZ_CHECK(reference_utf8(decoded.text), shown + ": GB18030 decodes to invalid UTF-8");
    }

    const std::string name = landaudit::normalise_encoding_name(bytes);
    FUZZ_CHECK(landaudit::normalise_encoding_name(name) == name,
               shown + ": normalise_encoding_name is not idempotent: \"" + escaped(name) + "\"");
    if (size > 0) {
        if (const auto ldid = landaudit::encoding_from_ldid(data[0])) {
            const iconv_t probe = iconv_open("UTF-8", ldid->c_str());
            FUZZ_CHECK(probe != reinterpret_cast<iconv_t>(-1), "LDID " + std::to_string(data[0]) + " names " + *ldid +
                                                                   ", which iconv cannot open");
            iconv_close(probe);
        }
    }
    return 0;
}
