// The Excel workbook of `landaudit export --format xlsx`, written with libxlsxwriter: a sheet per
// table with Chinese headers (the field aliases, units included), a frozen header row, an
// autofilter, column widths from the content and number formats by unit (styles/export/xlsx.toml).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "layers/audit_output.h"
#include "layers/output_table.h"
#include "layers/progress.h"

namespace landaudit {

struct SheetSpec {
    std::string table;  // output layer
    std::string name;   // sheet tab
};

// styles/export/xlsx.toml.
struct XlsxLayout {
    std::vector<SheetSpec> sheets;
    std::string integer_format = "0";
    std::string real_format = "0.00";
    std::string text_format = "@";
    std::map<std::string, std::string> unit_formats;  // unit → Excel number format
    double min_width = 6, max_width = 50, header_wrap = 16;
};

// Throws AuditError (Config) naming the file when it is missing or malformed.
XlsxLayout load_xlsx_layout();

// The unit in a header: the text in its last parentheses up to a comma. "面积(平方米,平面)" →
// "平方米", "供地率(%)" → "%", "容积率" → "".
std::string unit_of(std::string_view alias);

// Width on screen in Excel character units: a CJK or full-width character counts as two.
double display_width(std::string_view utf8);

// Excel's limit of characters in a cell.
inline constexpr std::size_t kXlsxMaxCellChars = 32767;

// Writes the workbook to path atomically: layout.sheets in order (the tables `tables` has), then
// any other table under its own name. Returns warnings (text cut at Excel's cell limit).
// Throws AuditError (Output) naming the file, e.g. for a table longer than a sheet.
std::vector<std::string> write_xlsx_export(const std::vector<const OutputTable*>& tables, const AuditOutput& output,
                                           const XlsxLayout& layout, const std::string& path,
                                           const ProgressFn& progress);

}  // namespace landaudit
