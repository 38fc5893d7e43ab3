// Fitting text into .dbf fields, one character at a time so a cut never splits a character.
#include "io/export/dbf_text_export.h"

#include <iconv.h>

#include "layers/error.h"

namespace landaudit {

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

DbfTextEncoder::DbfTextEncoder(const std::string& encoding) : m_utf8(encoding == "UTF-8") {
    if (m_utf8) return;
    iconv_t cd = iconv_open(encoding.c_str(), "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw AuditError(AuditError::Kind::Internal, "the system's iconv cannot encode " + encoding,
                         "install the glibc locale data (Debian: libc-bin) or export with --encoding UTF-8");
    m_iconv = cd;
}

DbfTextEncoder::~DbfTextEncoder() {
    if (m_iconv) iconv_close(static_cast<iconv_t>(m_iconv));
}

std::size_t DbfTextEncoder::encoded_length(std::string_view character) const {
    if (m_utf8 || character.size() == 1) return character.size();  // ASCII is itself in GBK
    auto cd = static_cast<iconv_t>(m_iconv);
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    char in[4], out[16];
    character.copy(in, character.size());
    char* in_p = in;
    char* out_p = out;
    std::size_t in_left = character.size(), out_left = sizeof out;
    if (iconv(cd, &in_p, &in_left, &out_p, &out_left) == static_cast<std::size_t>(-1) || in_left != 0) return 0;
    return sizeof out - out_left;
}

DbfText DbfTextEncoder::fit(std::string_view utf8, std::size_t max_bytes) const {
    DbfText t;
    t.utf8.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t n = utf8_sequence_length(static_cast<unsigned char>(utf8[i]));
        bool valid = n > 0 && i + n <= utf8.size();
        for (std::size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(utf8[i + k]) & 0xC0) == 0x80;
        std::string_view character = utf8.substr(i, valid ? n : 1);
        std::size_t bytes = valid ? encoded_length(character) : 0;
        const bool replace = bytes == 0;
        if (replace) bytes = 1;
        if (t.bytes + bytes > max_bytes) {
            t.truncated = true;
            break;
        }
        if (replace) {
            if (!t.replaced) t.first_replaced = std::string(character);
            t.replaced = true;
            t.utf8 += '?';
        } else {
            t.utf8 += character;
        }
        t.bytes += bytes;
        i += character.size();
    }
    return t;
}

}  // namespace landaudit
