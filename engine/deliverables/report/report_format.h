// Text helpers of the report: HTML and JSON escaping, numbers for people and for machines, and
// filling the report's templates (styles/report/) whose placeholders read {{name}}.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "layers/attribute.h"
#include "layers/output_table.h"

namespace landaudit {

// Text safe inside HTML elements and double-quoted attributes.
std::string html_escape(std::string_view text);
// A JSON string literal; <, > and & are \u-escaped so the JSON can sit inside a <script> element.
std::string json_string(std::string_view text);
// JavaScript safe to inline in a <script> element: "</script" cannot end it early.
std::string inline_script(std::string_view js);

// "12,345.68": fixed decimals with thousands separators, for people.
std::string format_number(double value, int decimals);
// The shortest text that reads back as exactly `value` ("0.1", "6692600.00000038"), for machines
// (data-value attributes, chart data).
std::string exact_number(double value);
// A value of a numeric field, or nullopt for null or text.
std::optional<double> numeric_value(const FieldValue& value);

// `pattern` with "{shown}" and "{total}" replaced by the numbers ("仅列前 {shown} 条,共 {total} 条").
std::string shown_of_total(std::string pattern, std::size_t shown, std::size_t total);

// A row's value of `field` as text (empty for null or a missing field) or as a number.
std::string field_text(const OutputTable& table, const OutputRow& row, std::string_view field);
std::optional<double> field_number(const OutputTable& table, const OutputRow& row, std::string_view field);
// The field's alias (its Chinese name with unit), else `fallback`.
std::string field_alias(const OutputTable& table, std::string_view field, const std::string& fallback);

// Replaces every {{name}} of the template by values.at(name), in one pass (values are not scanned
// again). Throws AuditError (Config) naming the template and the placeholder when a placeholder
// has no value, so a mistyped template edit is reported rather than printed.
std::string fill_template(std::string_view tpl, const std::map<std::string, std::string>& values,
                          const std::string& template_name);

}  // namespace landaudit
