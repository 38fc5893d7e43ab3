// Row helpers the report's tables share: rows grouped by park, the values of a classified field in
// its style's order, filtered sums, and the metadata tables' rows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/deliverables/report/report_style_colours.h"
#include "layers/output_table.h"

namespace landaudit {

using ReportRows = std::vector<const OutputRow*>;

// Every row of `table` (none when it is null).
ReportRows all_rows(const OutputTable* table);

// Rows of `table` by park_id ("" = in no park); empty when table is null.
std::map<std::string, ReportRows> rows_by_park(const OutputTable* table);

// The values `field` takes in `rows`, in the order of `classes`, then any others in row order.
std::vector<std::string> values_in_order(const OutputTable& table, const ReportRows& rows, const std::string& field,
                                         const std::vector<StyleClass>& classes);
// The same over every row of `table` (none when null).
std::vector<std::string> values_in_order(const OutputTable* table, const std::string& field,
                                         const std::vector<StyleClass>& classes);

// Σ field over the rows whose key_field is key (every row when key_field is empty); the row count
// when field is empty. A null value counts 0.
double sum_where(const OutputTable& table, const ReportRows& rows, const std::string& field,
                 const std::string& key_field, const std::string& key);

// <tr><th>label<span class="code">code</span></th><td>value or —</td></tr>, escaped.
std::string meta_row(const std::string& label, const std::string& code, const std::string& value, bool is_code = false);

}  // namespace landaudit
