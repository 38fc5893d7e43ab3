// Resolves a shapefile's .dbf text encoding so Chinese GBK data is not read as Latin-1 and Western data is not read as GBK.
#include "io/read/shapefile_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

// Sampling limits: enough text to decide, bounded cost on huge tables.
constexpr std::size_t kMaxSampledRecords = 20'000;
constexpr std::size_t kMaxSampledBytes = 8u * 1024u * 1024u;
constexpr std::size_t kDbfHeaderSize = 32;
constexpr std::size_t kFieldDescriptorSize = 32;
constexpr std::size_t kFieldNameSize = 11;
constexpr unsigned char kLdidWindowsAnsi = 0x57;

bool in_range(unsigned char byte, unsigned char low, unsigned char high) { return byte >= low && byte <= high; }

std::string to_upper_ascii(std::string_view text) {
    std::string upper(text);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
}

std::string to_lower_ascii(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

bool is_trim_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\v' || c == '\f'; }

// Trims whitespace and NULs; also UTF-8 BOMs, which some tools write at the start of .cpg files.
// Repeated until nothing changes, so that trimming its own result changes nothing ("\xEF\xBB\xBF\0\xEF\xBB\xBF").
std::string_view trim(std::string_view text) {
    for (std::size_t before = text.size() + 1; text.size() != before;) {
        before = text.size();
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
        while (!text.empty() && is_trim_char(text.front())) text.remove_prefix(1);
        while (!text.empty() && is_trim_char(text.back())) text.remove_suffix(1);
    }
    return text;
}

// A name read from a file, fit for a message: printable ASCII kept, every other byte as \xNN
// (a .cpg may hold anything, and messages and diagnostics must be valid UTF-8).
std::string shown_name(std::string_view name) {
    std::string out;
    for (unsigned char c : name) {
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out += static_cast<char>(c);
        } else {
            static const char* digits = "0123456789ABCDEF";
            out += "\\x";
            out += digits[c >> 4];
            out += digits[c & 0xF];
        }
    }
    return out;
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Validates UTF-8. allow_cut_tail accepts a sequence cut short by the end of the text, which happens
// when a writer truncated a value to the DBF field width in the middle of a character.
bool scan_utf8(std::string_view bytes, bool allow_cut_tail) {
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        // The first continuation byte's range excludes overlongs, surrogates and code points > U+10FFFF.
        unsigned char first_low = 0x80;
        unsigned char first_high = 0xBF;
        if (in_range(lead, 0xC2, 0xDF)) {
            length = 2;
        } else if (lead == 0xE0) {
            length = 3;
            first_low = 0xA0;
        } else if (lead == 0xED) {
            length = 3;
            first_high = 0x9F;
        } else if (in_range(lead, 0xE1, 0xEF)) {
            length = 3;
        } else if (lead == 0xF0) {
            length = 4;
            first_low = 0x90;
        } else if (in_range(lead, 0xF1, 0xF3)) {
            length = 4;
        } else if (lead == 0xF4) {
            length = 4;
            first_high = 0x8F;
        } else {
            return false;  // stray continuation byte, C0/C1 overlong lead, or F5..FF
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (i + k >= n) return allow_cut_tail;
            const auto next = static_cast<unsigned char>(bytes[i + k]);
            const unsigned char low = k == 1 ? first_low : 0x80;
            const unsigned char high = k == 1 ? first_high : 0xBF;
            if (!in_range(next, low, high)) return false;
        }
        i += length;
    }
    return true;
}

struct GbkEvidence {
    bool syntactically_valid = true;
    std::size_t pairs = 0;         // 2-byte sequences
    std::size_t gb2312_pairs = 0;  // of which in the GB2312 hanzi/symbol block
};

// Whether a well-formed GB18030 4-byte sequence names a character glibc's iconv (which GDAL
// decodes with) converts. Its linear index runs over U+0080..U+FFFF from 81 30 81 30 up to
// 84 31 A4 39, and over U+10000..U+10FFFF from 90 30 81 30 up to E3 32 9A 35; leads 85-8F and
// E4-FE are unassigned. In the BMP range glibc leaves two runs of eight and ten codes unmapped
// (82 35 90 37..82 35 91 34 and 84 31 82 36..84 31 83 35: GB18030-2005 moved those characters to
// two-byte codes), found by converting every sequence.
bool gb18030_four_byte_is_mapped(unsigned char b1, unsigned char b2, unsigned char b3, unsigned char b4) {
    auto linear = [&](unsigned char first) {
        return (b1 - first) * 12600L + (b2 - 0x30) * 1260L + (b3 - 0x81) * 10L + (b4 - 0x30);
    };
    if (in_range(b1, 0x81, 0x84)) {
        const long index = linear(0x81);
        return index <= 39419 && !(index >= 19057 && index <= 19064) && !(index >= 39076 && index <= 39085);
    }
    if (in_range(b1, 0x90, 0xE3)) return linear(0x90) <= 0x10FFFF - 0x10000;
    return false;
}

// Checks GBK/GB18030 structure and counts pairs, accumulating over many values.
void scan_gbk(std::string_view bytes, bool allow_cut_tail, GbkEvidence& evidence) {
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    auto byte_at = [&](std::size_t index) { return static_cast<unsigned char>(bytes[index]); };
    while (i < n && evidence.syntactically_valid) {
        const unsigned char lead = byte_at(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (!in_range(lead, 0x81, 0xFE)) {
            evidence.syntactically_valid = false;
            return;
        }
        if (i + 1 >= n) {
            evidence.syntactically_valid = allow_cut_tail;
            return;
        }
        const unsigned char second = byte_at(i + 1);
        if (in_range(second, 0x30, 0x39)) {
            // GB18030 4-byte form: lead, digit, 0x81-0xFE, digit.
            if (i + 2 < n && !in_range(byte_at(i + 2), 0x81, 0xFE)) {
                evidence.syntactically_valid = false;
                return;
            }
            if (i + 3 < n && !in_range(byte_at(i + 3), 0x30, 0x39)) {
                evidence.syntactically_valid = false;
                return;
            }
            if (i + 3 >= n) {
                evidence.syntactically_valid = allow_cut_tail;
                return;
            }
            if (!gb18030_four_byte_is_mapped(byte_at(i), byte_at(i + 1), byte_at(i + 2), byte_at(i + 3))) {
                evidence.syntactically_valid = false;
                return;
            }
            i += 4;
        } else if (in_range(second, 0x40, 0x7E) || in_range(second, 0x80, 0xFE)) {
            ++evidence.pairs;
            if (in_range(lead, 0xA1, 0xF7) && in_range(second, 0xA1, 0xFE)) ++evidence.gb2312_pairs;
            i += 2;
        } else {
            evidence.syntactically_valid = false;
            return;
        }
    }
}

bool gbk_evidence_is_plausible(const GbkEvidence& evidence) {
    return evidence.syntactically_valid && evidence.pairs > 0 &&
           evidence.gb2312_pairs * 5 >= evidence.pairs * 4;  // >= 80 %, in integers
}

std::string hex_byte(unsigned char byte) {
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "0x%02X", static_cast<unsigned>(byte));
    return text.data();
}

// Finds "<stem>.<ext>" next to base_path, accepting any case of the extension (.dbf/.DBF/.Dbf).
std::optional<fs::path> find_sidecar(const fs::path& base_path, std::string_view lower_extension) {
    const fs::path directory = base_path.has_parent_path() ? base_path.parent_path() : fs::path(".");
    const fs::path stem = base_path.stem();
    std::error_code ec;
    for (const std::string& extension : {std::string(lower_extension), to_upper_ascii(lower_extension)}) {
        fs::path candidate = directory / stem;
        candidate += extension;
        if (fs::exists(candidate, ec) && !fs::is_directory(candidate, ec)) return candidate;
    }
    // Mixed case such as ".Dbf": scan the directory.
    fs::directory_iterator it(directory, ec);
    if (ec) return std::nullopt;
    for (const auto& entry : it) {
        const fs::path& path = entry.path();
        if (path.stem() == stem && to_lower_ascii(path.extension().string()) == lower_extension &&
            !entry.is_directory(ec))
            return path;
    }
    return std::nullopt;
}

std::optional<std::string> read_small_text_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string content(4096, '\0');  // a .cpg holds one short name
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    content.resize(static_cast<std::size_t>(in.gcount()));
    return content;
}

struct DbfField {
    std::string name_bytes;
    char type = 0;
    std::size_t offset = 0;  // within a record, after the deletion flag
    std::size_t length = 0;
};

struct DbfTextSample {
    unsigned char ldid = 0;
    bool ascii_only = true;
    bool strict_utf8 = true;
    GbkEvidence gbk;

    void add(std::string_view value, bool may_be_cut) {
        if (std::all_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            return;
        ascii_only = false;
        if (strict_utf8) strict_utf8 = scan_utf8(value, may_be_cut);
        if (gbk.syntactically_valid) scan_gbk(value, may_be_cut, gbk);
    }
};

std::uint32_t read_le32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t read_le16(const unsigned char* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

[[noreturn]] void throw_unreadable(const fs::path& dbf_path, const std::string& what) {
    throw AuditError(AuditError::Kind::Input,
                     "cannot read " + dbf_path.string() + " to detect its text encoding: " + what,
                     "Check that the .dbf is a readable, complete file (re-export the layer if it was truncated), "
                     "or set `encoding` for this layer in the audit config to skip detection.");
}

// Reads the LDID, the field names and a bounded sample of character-field values (sampled even
// when the LDID names a code page: the bytes may contradict it).
DbfTextSample sample_dbf_text(const fs::path& dbf_path) {
    std::ifstream in(dbf_path, std::ios::binary);
    if (!in) throw_unreadable(dbf_path, "the file cannot be opened");

    std::vector<unsigned char> header(kDbfHeaderSize);
    in.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
    if (in.bad()) throw_unreadable(dbf_path, "read error");
    if (static_cast<std::size_t>(in.gcount()) < kDbfHeaderSize)
        throw_unreadable(dbf_path, "the file is shorter than the 32-byte DBF header");

    DbfTextSample sample;
    sample.ldid = header[29];
    const std::uint32_t record_count = read_le32(&header[4]);
    const std::size_t header_length = read_le16(&header[8]);
    const std::size_t record_length = read_le16(&header[10]);

    // Field descriptors; a damaged header just yields fewer fields (GDAL will complain on its own).
    if (header_length > kDbfHeaderSize) {
        header.resize(header_length);
        in.read(reinterpret_cast<char*>(header.data() + kDbfHeaderSize),
                static_cast<std::streamsize>(header_length - kDbfHeaderSize));
        if (in.bad()) throw_unreadable(dbf_path, "read error");
        header.resize(kDbfHeaderSize + static_cast<std::size_t>(in.gcount()));
    }
    std::vector<DbfField> text_fields;
    std::size_t field_offset = 1;  // byte 0 of each record is the deletion flag
    for (std::size_t pos = kDbfHeaderSize; pos + kFieldDescriptorSize <= header.size() && header[pos] != 0x0D;
         pos += kFieldDescriptorSize) {
        DbfField field;
        const char* name = reinterpret_cast<const char*>(&header[pos]);
        field.name_bytes.assign(name, std::find(name, name + kFieldNameSize, '\0'));
        field.type = static_cast<char>(header[pos + 11]);
        field.length = header[pos + 16];
        field.offset = field_offset;
        field_offset += field.length;
        // Field names are decoded with the same encoding, and Chinese names are common.
        sample.add(field.name_bytes, field.name_bytes.size() >= kFieldNameSize - 1);
        if (field.type == 'C' && field.offset + field.length <= record_length) text_fields.push_back(field);
    }
    if (record_length == 0 || text_fields.empty()) return sample;

    const std::size_t records_to_read =
        std::min({static_cast<std::size_t>(record_count), kMaxSampledRecords, std::max<std::size_t>(1, kMaxSampledBytes / record_length)});
    std::vector<char> records(records_to_read * record_length);
    in.clear();
    in.seekg(static_cast<std::streamoff>(header_length));
    in.read(records.data(), static_cast<std::streamsize>(records.size()));
    if (in.bad()) throw_unreadable(dbf_path, "read error");
    const std::size_t complete_records = static_cast<std::size_t>(in.gcount()) / record_length;

    for (std::size_t r = 0; r < complete_records; ++r) {
        const std::string_view record(records.data() + r * record_length, record_length);
        if (record[0] == '*') continue;  // deleted: GDAL never shows it
        for (const auto& field : text_fields) {
            std::string_view value = record.substr(field.offset, field.length);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\0')) value.remove_suffix(1);
            // A value that fills the whole width may have been cut mid-character by its writer.
            sample.add(value, value.size() == field.length);
        }
    }
    return sample;
}

// GDAL hands the name to iconv and, when iconv does not know it, copies the bytes through as they are.
bool is_known_encoding(const std::string& name) {
    // iconv reads the name up to its first NUL: "UTF-8\0junk" is not a name.
    if (name.find('\0') != std::string::npos) return false;
    iconv_t probe = iconv_open("UTF-8", name.c_str());
    if (probe == reinterpret_cast<iconv_t>(-1)) return false;
    iconv_close(probe);
    return true;
}

}  // namespace

std::string normalise_encoding_name(std::string_view name) {
    std::string upper = to_upper_ascii(trim(name));
    if (upper.empty()) return {};

    // "ANSI 936" / "ANSI 1252": ArcGIS spelling of a Windows code page number.
    if (upper.starts_with("ANSI")) {
        const std::string_view rest = trim(std::string_view(upper).substr(4));
        if (all_digits(rest)) return normalise_encoding_name(rest);
    }

    static const std::array<std::pair<std::string_view, std::string_view>, 16> kAliases{{
        {"UTF-8", "UTF-8"},     {"UTF8", "UTF-8"},       {"65001", "UTF-8"},
        {"GBK", "CP936"},       {"936", "CP936"},        {"CP936", "CP936"},
        {"GB2312", "CP936"},  // files labelled GB2312 routinely contain GBK-only characters
        {"GB18030", "GB18030"}, {"54936", "GB18030"},    {"8859-1", "ISO-8859-1"},
        {"ISO-8859-1", "ISO-8859-1"}, {"ISO8859-1", "ISO-8859-1"}, {"88591", "ISO-8859-1"},
        {"1252", "CP1252"},     {"CP1252", "CP1252"},    {"WINDOWS-1252", "CP1252"},
    }};
    for (const auto& [alias, canonical] : kAliases)
        if (upper == alias) return std::string(canonical);

    // Other ISO-8859 parts, as ArcGIS writes them in .cpg files ("88592", "8859-15").
    for (std::string_view prefix : {"ISO-8859-", "ISO8859-", "8859-", "8859"}) {
        if (!upper.starts_with(prefix)) continue;
        const std::string_view part = std::string_view(upper).substr(prefix.size());
        if (all_digits(part) && part.size() <= 2 && part.front() != '0') return "ISO-8859-" + std::string(part);
    }

    if (all_digits(upper)) return "CP" + upper;
    return upper;
}

std::optional<std::string> encoding_from_ldid(unsigned char ldid) {
    // The dBase/ESRI language driver table as used by GDAL's Shapefile driver, with names iconv
    // accepts. 0x68 (Kamenicky, CP895) and 0x69 (Mazovia, CP620) are left out: iconv cannot decode
    // them, so those files fall through to data sniffing.
    switch (ldid) {
        case 0x01: return "CP437";
        case 0x02: return "CP850";
        case 0x03: return "CP1252";
        case 0x04: return "MACINTOSH";
        case 0x08: return "CP865";
        case 0x09: return "CP437";
        case 0x0A: return "CP850";
        case 0x0B: return "CP437";
        case 0x0D: return "CP437";
        case 0x0E: return "CP850";
        case 0x0F: return "CP437";
        case 0x10: return "CP850";
        case 0x11: return "CP437";
        case 0x12: return "CP850";
        case 0x13: return "CP932";
        case 0x14: return "CP850";
        case 0x15: return "CP437";
        case 0x16: return "CP850";
        case 0x17: return "CP865";
        case 0x18: return "CP437";
        case 0x19: return "CP437";
        case 0x1A: return "CP850";
        case 0x1B: return "CP437";
        case 0x1C: return "CP863";
        case 0x1D: return "CP850";
        case 0x1F: return "CP852";
        case 0x22: return "CP852";
        case 0x23: return "CP852";
        case 0x24: return "CP860";
        case 0x25: return "CP850";
        case 0x26: return "CP866";
        case 0x37: return "CP850";
        case 0x40: return "CP852";
        case 0x4D: return "CP936";
        case 0x4E: return "CP949";
        case 0x4F: return "CP950";
        case 0x50: return "CP874";
        case 0x58: return "CP1252";
        case 0x59: return "CP1252";
        case 0x64: return "CP852";
        case 0x65: return "CP866";
        case 0x66: return "CP865";
        case 0x67: return "CP861";
        case 0x6A: return "CP737";
        case 0x6B: return "CP857";
        case 0x6C: return "CP863";
        case 0x78: return "CP950";
        case 0x79: return "CP949";
        case 0x7A: return "CP936";
        case 0x7B: return "CP932";
        case 0x7C: return "CP874";
        case 0x7D: return "CP1255";
        case 0x7E: return "CP1256";
        case 0x86: return "CP737";
        case 0x87: return "CP852";
        case 0x88: return "CP857";
        case 0x96: return "CP10007";
        case 0x97: return "MAC-CENTRALEUROPE";
        case 0xC8: return "CP1250";
        case 0xC9: return "CP1251";
        case 0xCA: return "CP1254";
        case 0xCB: return "CP1253";
        case 0xCC: return "CP1257";
        default: return std::nullopt;  // includes 0x00 (none) and 0x57 (current ANSI code page)
    }
}

bool is_strict_utf8(std::string_view bytes) { return scan_utf8(bytes, false); }

bool looks_like_gbk(std::string_view bytes) {
    GbkEvidence evidence;
    scan_gbk(bytes, false, evidence);
    return gbk_evidence_is_plausible(evidence);
}

EncodingDecision resolve_shapefile_encoding(const std::string& shp_path, const std::string& override_encoding) {
    if (std::string name = normalise_encoding_name(override_encoding); !name.empty())
        return {std::move(name), "config override", {}};

    const fs::path base_path(shp_path);
    const std::optional<fs::path> dbf_path = find_sidecar(base_path, ".dbf");
    if (!dbf_path) return {"", "no .dbf", {}};

    const DbfTextSample sample = sample_dbf_text(*dbf_path);
    // A declaration the bytes contradict is not believed: a .cpg or LDID saying UTF-8 over text
    // that is not UTF-8 but reads as GBK Chinese, or a Chinese code page over text that is valid
    // UTF-8 and not GBK-like. (UTF-8 with a few broken bytes stays UTF-8; those bytes become �.)
    auto contradicted = [&](const std::string& name) {
        if (sample.ascii_only) return false;
        if (name == "UTF-8") return !sample.strict_utf8 && gbk_evidence_is_plausible(sample.gbk);
        const bool chinese = name == "CP936" || name == "GBK" || name == "GB18030" || name == "GB2312";
        if (chinese) return sample.strict_utf8 && !gbk_evidence_is_plausible(sample.gbk);
        // A Western single-byte code page decodes any bytes, so GBK Chinese or UTF-8 under it would
        // come out as valid but meaningless text ("¹¤Òµ" for 工业).
        const bool western = name == "CP1252" || name.starts_with("ISO-8859-");
        return western && (sample.strict_utf8 || gbk_evidence_is_plausible(sample.gbk));
    };
    std::string contradiction;

    // An unreadable or blank .cpg says nothing; fall through to the next source.
    if (const auto cpg_path = find_sidecar(base_path, ".cpg")) {
        if (const auto content = read_small_text_file(*cpg_path)) {
            if (std::string name = normalise_encoding_name(*content); !name.empty()) {
                if (!is_known_encoding(name))
                    contradiction = "the .cpg names \"" + shown_name(name) +
                                    "\", which is not an encoding iconv knows; detected instead";
                else if (!contradicted(name))
                    return {std::move(name), "from .cpg", {}};
                else
                    contradiction = "the .cpg says " + shown_name(name) + " but the .dbf text is not " +
                                    shown_name(name) + "; detected instead";
            }
        }
    }

    if (auto name = encoding_from_ldid(sample.ldid)) {
        if (!contradicted(*name))
            return {std::move(*name), "from DBF language driver id " + hex_byte(sample.ldid), contradiction};
        if (contradiction.empty())
            contradiction = "the DBF language driver id " + hex_byte(sample.ldid) + " says " + *name +
                            " but the .dbf text is not " + *name + "; detected instead";
    }

    auto decided = [&](std::string encoding, std::string reason) {
        if (!contradiction.empty()) reason = contradiction + ": " + reason;
        return EncodingDecision{std::move(encoding), std::move(reason), contradiction};
    };
    if (sample.ascii_only) return decided("UTF-8", "ASCII only");
    if (sample.strict_utf8) return decided("UTF-8", "valid UTF-8");
    if (gbk_evidence_is_plausible(sample.gbk)) return decided("GB18030", "not UTF-8; bytes look like GBK Chinese");
    if (sample.ldid == kLdidWindowsAnsi)
        return decided("CP1252", "not UTF-8 and not GBK-like; DBF language driver id 0x57 (Windows ANSI) read as CP1252");
    return decided("ISO-8859-1", "not UTF-8 and not GBK-like; DBF language driver id " + hex_byte(sample.ldid) +
                                     " is not specific, read as ISO-8859-1");
}

}  // namespace landaudit
