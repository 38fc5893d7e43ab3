// Workbook writing with libxlsxwriter in constant-memory mode (rows streamed in order), so a park
// of 50,000 parcels needs little memory. Cells hold the full values; formats only change the display.
#include "io/export/xlsx_export.h"

#include <xlsxwriter.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "io/write/atomic_file.h"
#include "io/export/dbf_text_export.h"
#include "io/config/style_files.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLayoutFile = "export/xlsx.toml";
constexpr lxw_row_t kMaxSheetRows = 1048576;  // Excel's limit, header included

[[noreturn]] void layout_error(const std::string& what) {
    throw AuditError(AuditError::Kind::Config, (fs::path(styles_dir()) / kLayoutFile).string() + ": " + what,
                     "fix the file; see the comments in it for what each key means");
}

std::string text_or(const toml::table& t, const char* key, const std::string& fallback) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    auto v = n->value<std::string>();
    if (!v) layout_error(std::string(key) + " must be text");
    return *v;
}

double number_or(const toml::table& t, const char* key, double fallback) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    auto v = n->value<double>();
    if (!v || *v <= 0) layout_error(std::string(key) + " must be a positive number");
    return *v;
}

// Code point at s[i] (advancing i); U+FFFD for a byte that starts no valid sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n = utf8_sequence_length(lead);
    if (n == 0 || i + n > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = n == 1 ? lead : lead & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return c;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) next_code_point(s, i);
    return n;
}

// The first `limit` characters of s.
std::string first_chars(std::string_view s, std::size_t limit) {
    std::size_t i = 0;
    for (std::size_t n = 0; n < limit && i < s.size(); ++n) next_code_point(s, i);
    return std::string(s.substr(0, i));
}

// How a number shows under an Excel format such as "#,##0.00": its decimals and thousands groups.
double number_width(double v, const std::string& format) {
    const std::size_t point = format.find('.');
    int decimals = 0;
    if (point != std::string::npos)
        while (point + 1 + decimals < format.size() && format[point + 1 + decimals] == '0') ++decimals;
    char buf[64];
    const int len = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    double width = len;
    if (format.find(',') != std::string::npos) {
        const double digits = std::floor(std::log10(std::max(1.0, std::fabs(v)))) + 1;
        width += std::floor((digits - 1) / 3);
    }
    return width;
}

struct Column {
    std::string header;
    std::string format;
    lxw_format* cell_format = nullptr;
    double width = 0;
};

class Workbook {
public:
    Workbook(const std::string& temp, const std::string& target) : m_target(target) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        m_wb = workbook_new_opt(temp.c_str(), &options);
        if (!m_wb)
            throw AuditError(AuditError::Kind::Output, target + ": cannot start the workbook",
                             "check that the output folder is writable");
        m_header = workbook_add_format(m_wb);
        format_set_bold(m_header);
        format_set_text_wrap(m_header);
        format_set_align(m_header, LXW_ALIGN_VERTICAL_TOP);
        format_set_bg_color(m_header, 0xE7E6E6);
        format_set_bottom(m_header, LXW_BORDER_THIN);
    }
    ~Workbook() {
        if (m_wb) workbook_close(m_wb);  // only after a failure: the temporary is removed by the caller
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() { return m_wb; }
    lxw_format* header() { return m_header; }
    lxw_format* number_format(const std::string& code) {
        auto [it, added] = m_formats.try_emplace(code, nullptr);
        if (added) {
            it->second = workbook_add_format(m_wb);
            format_set_num_format(it->second, code.c_str());
            format_set_align(it->second, LXW_ALIGN_VERTICAL_TOP);
        }
        return it->second;
    }
    void check(lxw_error e, const std::string& what) {
        if (e != LXW_NO_ERROR)
            throw AuditError(AuditError::Kind::Output, m_target + ": " + what + " (" + lxw_strerror(e) + ")",
                             "check that the output folder is writable and the disk is not full");
    }
    void close() {
        lxw_error e = workbook_close(m_wb);
        m_wb = nullptr;
        check(e, "cannot write the workbook");
    }

private:
    std::string m_target;
    lxw_workbook* m_wb = nullptr;
    lxw_format* m_header = nullptr;
    std::map<std::string, lxw_format*> m_formats;
};

std::vector<Column> plan_columns(const OutputTable& table, const XlsxLayout& layout, Workbook& wb) {
    std::vector<Column> columns;
    for (const FieldDef& f : table.fields) {
        Column c;
        c.header = f.alias.empty() ? f.name : f.alias;
        if (f.type == FieldType::Integer) c.format = layout.integer_format;
        else if (f.type == FieldType::Real) {
            auto u = layout.unit_formats.find(unit_of(c.header));
            c.format = u == layout.unit_formats.end() ? layout.real_format : u->second;
        } else c.format = layout.text_format;
        c.cell_format = wb.number_format(c.format);
        columns.push_back(std::move(c));
    }
    for (const OutputRow& row : table.rows)
        for (std::size_t i = 0; i < columns.size() && i < row.values.size(); ++i) {
            const FieldValue& v = row.values[i];
            double w = 0;
            if (const auto* n = std::get_if<long long>(&v)) w = number_width(static_cast<double>(*n), columns[i].format);
            else if (const auto* d = std::get_if<double>(&v)) w = number_width(*d, columns[i].format);
            else if (const auto* s = std::get_if<std::string>(&v)) w = display_width(*s);
            columns[i].width = std::max(columns[i].width, w);
        }
    for (Column& c : columns) {
        const double header = std::min(display_width(c.header), layout.header_wrap);
        c.width = std::clamp(std::max(c.width, header) + 2, layout.min_width, layout.max_width);
    }
    return columns;
}

// Lines the wrapped header row needs, so Excel shows every header whole.
int header_lines(const std::vector<Column>& columns) {
    int lines = 1;
    for (const Column& c : columns)
        lines = std::max(lines, static_cast<int>(std::ceil(display_width(c.header) / std::max(1.0, c.width - 1))));
    return std::min(lines, 4);
}

void write_sheet(Workbook& wb, const OutputTable& table, const std::string& sheet_name, const XlsxLayout& layout,
                 const std::string& path, std::vector<std::string>& warnings) {
    if (table.rows.size() + 1 > kMaxSheetRows)
        throw AuditError(AuditError::Kind::Output,
                         path + ": table " + table.name + " has " + std::to_string(table.rows.size()) +
                             " rows, more than an Excel sheet holds (" + std::to_string(kMaxSheetRows - 1) + ")",
                         "export it with --format csv instead");
    lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheet_name.c_str());
    if (!ws) wb.check(LXW_ERROR_SHEETNAME_ALREADY_USED, "cannot add sheet " + sheet_name);
    const std::vector<Column> columns = plan_columns(table, layout, wb);
    if (columns.empty()) return;
    const auto last_col = static_cast<lxw_col_t>(columns.size() - 1);
    for (std::size_t i = 0; i < columns.size(); ++i)
        wb.check(worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), columns[i].width,
                                      columns[i].cell_format),
                 "cannot size the columns of sheet " + sheet_name);
    worksheet_freeze_panes(ws, 1, 0);
    wb.check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()), last_col),
             "cannot add the filter of sheet " + sheet_name);
    wb.check(worksheet_set_row(ws, 0, 15.0 * header_lines(columns) + 3, wb.header()), "cannot write sheet " + sheet_name);
    for (std::size_t i = 0; i < columns.size(); ++i)
        wb.check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(i), columns[i].header.c_str(), wb.header()),
                 "cannot write the header of sheet " + sheet_name);

    std::vector<std::size_t> cut(columns.size(), 0);
    lxw_row_t r = 1;
    for (const OutputRow& row : table.rows) {
        for (std::size_t i = 0; i < columns.size() && i < row.values.size(); ++i) {
            const FieldValue& v = row.values[i];
            const auto c = static_cast<lxw_col_t>(i);
            lxw_error e = LXW_NO_ERROR;
            if (const auto* n = std::get_if<long long>(&v)) e = worksheet_write_number(ws, r, c, static_cast<double>(*n), columns[i].cell_format);
            else if (const auto* d = std::get_if<double>(&v)) {
                if (std::isfinite(*d)) e = worksheet_write_number(ws, r, c, *d, columns[i].cell_format);
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                if (s->empty()) continue;
                if (code_points(*s) > kXlsxMaxCellChars) {
                    ++cut[i];
                    e = worksheet_write_string(ws, r, c, first_chars(*s, kXlsxMaxCellChars).c_str(), columns[i].cell_format);
                } else {
                    e = worksheet_write_string(ws, r, c, s->c_str(), columns[i].cell_format);
                }
            }
            wb.check(e, "cannot write row " + std::to_string(r) + " of sheet " + sheet_name);
        }
        ++r;
    }
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (cut[i])
            warnings.push_back(fs::path(path).filename().string() + ": sheet " + sheet_name + ": " + std::to_string(cut[i]) +
                               " value(s) of " + table.fields[i].name + " cut to Excel's " +
                               std::to_string(kXlsxMaxCellChars) + " characters per cell (the full text is in the GeoPackage and the CSV export)");
}

}  // namespace

XlsxLayout load_xlsx_layout() {
    const std::string text = read_style_file(kLayoutFile);
    toml::table root;
    try {
        root = toml::parse(text, (fs::path(styles_dir()) / kLayoutFile).string());
    } catch (const toml::parse_error& e) {
        std::ostringstream s;
        s << "line " << e.source().begin.line << ": " << e.description();
        layout_error(s.str());
    }
    XlsxLayout layout;
    std::set<std::string> names, tables;
    if (const toml::array* sheets = root["sheet"].as_array()) {
        for (const toml::node& n : *sheets) {
            const toml::table* t = n.as_table();
            if (!t) layout_error("each [[sheet]] must be a table with table and name");
            SheetSpec s{text_or(*t, "table", ""), text_or(*t, "name", "")};
            if (s.table.empty() || s.name.empty()) layout_error("each [[sheet]] needs table and name");
            if (code_points(s.name) > 31 || s.name.find_first_of("[]:*?/\\") != std::string::npos)
                layout_error("sheet name '" + s.name + "' is longer than 31 characters or has one of [ ] : * ? / \\");
            if (!names.insert(s.name).second) layout_error("sheet name '" + s.name + "' is used twice");
            if (!tables.insert(s.table).second) layout_error("table '" + s.table + "' is listed twice");
            layout.sheets.push_back(std::move(s));
        }
    }
    if (const toml::table* f = root["number_formats"].as_table()) {
        layout.integer_format = text_or(*f, "integer", layout.integer_format);
        layout.real_format = text_or(*f, "real", layout.real_format);
        layout.text_format = text_or(*f, "text", layout.text_format);
        if (const toml::table* units = (*f)["unit"].as_table())
            for (const auto& [unit, code] : *units) {
                auto v = code.value<std::string>();
                if (!v) layout_error("number_formats.unit." + std::string(unit.str()) + " must be text");
                layout.unit_formats[std::string(unit.str())] = *v;
            }
    }
    if (const toml::table* c = root["columns"].as_table()) {
        layout.min_width = number_or(*c, "min_width", layout.min_width);
        layout.max_width = number_or(*c, "max_width", layout.max_width);
        layout.header_wrap = number_or(*c, "header_wrap", layout.header_wrap);
        if (layout.min_width > layout.max_width) layout_error("columns.min_width is larger than columns.max_width");
    }
    return layout;
}

std::string unit_of(std::string_view alias) {
    // ASCII or full-width parentheses: "(" U+0028 or "（" U+FF08.
    const std::size_t ascii = alias.rfind('(');
    const std::size_t wide = alias.rfind("\xEF\xBC\x88");
    std::size_t open = std::string_view::npos, skip = 0;
    if (ascii != std::string_view::npos && (wide == std::string_view::npos || ascii > wide)) open = ascii, skip = 1;
    else if (wide != std::string_view::npos) open = wide, skip = 3;
    if (open == std::string_view::npos) return {};
    std::string_view inside = alias.substr(open + skip);
    for (std::string_view end : {")", "\xEF\xBC\x89", ",", "\xEF\xBC\x8C"})
        if (std::size_t e = inside.find(end); e != std::string_view::npos) inside = inside.substr(0, e);
    return std::string(inside);
}

double display_width(std::string_view utf8) {
    double w = 0;
    for (std::size_t i = 0; i < utf8.size();) w += is_wide(next_code_point(utf8, i)) ? 2 : 1;
    return w;
}

std::vector<std::string> write_xlsx_export(const std::vector<const OutputTable*>& tables, const AuditOutput& output,
                                           const XlsxLayout& layout, const std::string& path,
                                           const ProgressFn& progress) {
    std::vector<std::pair<const OutputTable*, std::string>> plan;
    std::set<std::string> planned;
    for (const SheetSpec& s : layout.sheets)
        for (const OutputTable* t : tables)
            if (t->name == s.table) plan.emplace_back(t, s.name), planned.insert(t->name);
    for (const OutputTable* t : tables)
        if (!planned.count(t->name)) plan.emplace_back(t, t->name.substr(0, 31));

    const std::string temp = temporary_path_beside(path);
    std::vector<std::string> warnings;
    try {
        Workbook wb(temp, path);
        const std::string version = output.run_info.engine_version.empty() ? "" : " " + output.run_info.engine_version;
        std::string title = output.run_info.audit_name.empty() ? fs::path(output.path).stem().string()
                                                                     : output.run_info.audit_name;
        std::string author = "landaudit" + version;
        std::string comments = "landaudit export of " + output.path;
        lxw_doc_properties properties{};
        properties.title = title.data();
        properties.author = author.data();
        properties.comments = comments.data();
        wb.check(workbook_set_properties(wb.get(), &properties), "cannot set the workbook properties");
        for (std::size_t i = 0; i < plan.size(); ++i) {
            if (progress && !progress(static_cast<double>(i) / plan.size(), "xlsx " + plan[i].first->name))
                throw AuditError(AuditError::Kind::Output, path + ": export cancelled", "");
            write_sheet(wb, *plan[i].first, plan[i].second, layout, path, warnings);
        }
        wb.close();
        std::error_code ec;
        fs::rename(temp, path, ec);
        if (ec)
            throw AuditError(AuditError::Kind::Output, path + ": cannot move the finished workbook into place (" + ec.message() + ")",
                             "check permissions of the output folder; close the workbook if Excel has it open");
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
    if (progress) progress(1.0, "xlsx");
    return warnings;
}

}  // namespace landaudit
