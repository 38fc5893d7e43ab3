// CSV without GDAL's CSV driver: it quotes 64-bit integers as text and rounds reals to 15 digits.
#include "io/export/csv_export.h"

#include <charconv>

#include "io/write/atomic_file.h"

namespace landaudit {

namespace {

void append_cell(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_value(std::string& out, const FieldValue& v) {
    char buf[32];
    if (const auto* i = std::get_if<long long>(&v)) {
        out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
    } else if (const auto* d = std::get_if<double>(&v)) {
        out.append(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);  // shortest round-trip form
    } else if (const auto* s = std::get_if<std::string>(&v)) {
        append_cell(out, *s);
    }
}

}  // namespace

std::string csv_text(const OutputTable& table) {
    std::string out = "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
        if (i) out += ',';
        append_cell(out, table.fields[i].name);
    }
    out += "\r\n";
    for (const OutputRow& row : table.rows) {
        for (std::size_t i = 0; i < table.fields.size(); ++i) {
            if (i) out += ',';
            if (i < row.values.size()) append_value(out, row.values[i]);
        }
        out += "\r\n";
    }
    return out;
}

void write_csv_export(const OutputTable& table, const std::string& path) { write_file_atomically(path, csv_text(table)); }

}  // namespace landaudit
