// Choosing the text encoding of a shapefile's .dbf before GDAL opens it (override, .cpg, LDID, data sniffing).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace landaudit {

struct EncodingDecision {
    std::string encoding;  // name to pass as GDAL's Shapefile ENCODING open option (iconv name)
    std::string reason;    // for people: why this encoding was chosen
    // Non-empty when the .cpg or the LDID named an encoding the text's bytes contradict, so
    // detection decided instead: what was declared and why it was not believed.
    std::string contradiction;
};

// Order: user override -> .cpg sidecar -> DBF header LDID byte -> strict UTF-8 check of the data
// -> GBK/GB18030 plausibility -> single-byte Western fallback (CP1252 for LDID 0x57, else ISO-8859-1).
// shp_path: path of the .shp (or .dbf); the .dbf and .cpg are found by stem, any case of extension.
// Throws landaudit::AuditError (Kind::Input) only when the .dbf exists but cannot be read;
// a missing .dbf gives {"", "no .dbf"} (an override still wins, as it needs no file).
EncodingDecision resolve_shapefile_encoding(const std::string& shp_path, const std::string& override_encoding);

// Maps .cpg / override spellings to iconv names: "GBK"/"936"/"ANSI 936"/"GB2312" -> "CP936",
// "UTF8"/"65001" -> "UTF-8", "88591" -> "ISO-8859-1", other numbers N -> "CPN", other text trimmed
// and uppercased. Returns "" for blank input.
std::string normalise_encoding_name(std::string_view name);

// The DBF language driver id (header byte 29) as an iconv name; nullopt for 0x00 and 0x57
// (not specific: "no code page" / "current Windows ANSI") and for ids iconv cannot decode.
std::optional<std::string> encoding_from_ldid(unsigned char ldid);

// Valid UTF-8 only: no stray continuation bytes, no overlongs, no surrogates, nothing above
// U+10FFFF, no truncated sequence at the end.
bool is_strict_utf8(std::string_view bytes);

// True when the bytes read as GBK/GB18030 Chinese: every byte >= 0x81 starts a valid 2-byte pair
// or GB18030 4-byte sequence, there is at least one pair, and >= 80 % of pairs are in the
// GB2312 hanzi/symbol block (lead 0xA1-0xF7, trail 0xA1-0xFE). Latin-1 accents followed by ASCII
// letters ("\xCElot") are syntactically valid pairs but fail the 80 % rule.
bool looks_like_gbk(std::string_view bytes);

}  // namespace landaudit
