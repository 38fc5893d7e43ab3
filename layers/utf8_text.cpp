// UTF-8 validation after RFC 3629 §4 (the well-formed byte sequences table).
#include "layers/utf8_text.h"

namespace landaudit {

namespace {

// Length of the well-formed sequence starting at i, or 0 when there is none.
std::size_t sequence_length(std::string_view t, std::size_t i) {
    auto byte = [&](std::size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0x100u; };
    auto cont = [](unsigned b, unsigned lo = 0x80, unsigned hi = 0xBF) { return b >= lo && b <= hi; };
    const unsigned b0 = byte(0);
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(byte(1)) ? 2 : 0;
    if (b0 == 0xE0) return cont(byte(1), 0xA0, 0xBF) && cont(byte(2)) ? 3 : 0;
    if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) return cont(byte(1)) && cont(byte(2)) ? 3 : 0;
    if (b0 == 0xED) return cont(byte(1), 0x80, 0x9F) && cont(byte(2)) ? 3 : 0;  // no surrogates
    if (b0 == 0xF0) return cont(byte(1), 0x90, 0xBF) && cont(byte(2)) && cont(byte(3)) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3) return cont(byte(1)) && cont(byte(2)) && cont(byte(3)) ? 4 : 0;
    if (b0 == 0xF4) return cont(byte(1), 0x80, 0x8F) && cont(byte(2)) && cont(byte(3)) ? 4 : 0;
    return 0;
}

}  // namespace

std::string valid_utf8(std::string_view text, bool* changed) {
    if (changed) *changed = false;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            if (changed) *changed = true;
            ++i;
            continue;
        }
        out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace landaudit
