// A text value as an SQL string literal ('it''s') and a name as an SQL identifier ("a""b"), for
// the statements the writers build (SQLite in GeoPackages, PostgreSQL with
// standard_conforming_strings).
#pragma once

#include <string>

namespace landaudit {

inline std::string sql_literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

inline std::string sql_identifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace landaudit
