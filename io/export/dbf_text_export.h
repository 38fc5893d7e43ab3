// Text for a .dbf field of the Shapefile export: a .dbf text field holds at most 254 bytes in the
// file's encoding, and a GBK (CP936) file only the characters GBK has. Fitting is explicit so the
// export can count what it changed instead of letting the driver cut bytes silently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace landaudit {

inline constexpr std::size_t kDbfMaxTextBytes = 254;

struct DbfText {
    std::string utf8;            // the text to write (still UTF-8: GDAL recodes it)
    std::size_t bytes = 0;       // its length once encoded in the .dbf's encoding
    bool truncated = false;      // cut at a character boundary to fit max_bytes
    bool replaced = false;       // characters the encoding cannot hold became '?'
    std::string first_replaced;  // the first such character, for the warning
};

class DbfTextEncoder {
public:
    // encoding: an iconv name, "UTF-8" or "CP936" (GBK). Throws AuditError (Internal) when iconv
    // does not know it.
    explicit DbfTextEncoder(const std::string& encoding);
    ~DbfTextEncoder();
    DbfTextEncoder(const DbfTextEncoder&) = delete;
    DbfTextEncoder& operator=(const DbfTextEncoder&) = delete;

    DbfText fit(std::string_view utf8, std::size_t max_bytes = kDbfMaxTextBytes) const;

private:
    // Encoded length of one UTF-8 character, 0 when the encoding has no such character.
    std::size_t encoded_length(std::string_view character) const;

    bool m_utf8 = true;
    void* m_iconv = nullptr;  // iconv_t from UTF-8 to the encoding; null for UTF-8
};

// Length in bytes of the UTF-8 sequence starting with `lead`, 0 for a byte that cannot start one.
std::size_t utf8_sequence_length(unsigned char lead);

}  // namespace landaudit
