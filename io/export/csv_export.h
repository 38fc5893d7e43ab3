// One table as CSV for Excel and scripts: UTF-8 with a byte-order mark (so Excel shows Chinese),
// RFC 4180 quoting and CRLF line ends, field names as the header, no geometry.
#pragma once

#include <string>

#include "layers/output_table.h"

namespace landaudit {

// The file's bytes. Reals are written in their shortest exact form (15 亩 as "15").
std::string csv_text(const OutputTable& table);

// Writes csv_text(table) to path atomically. Throws AuditError (Output) naming the file.
void write_csv_export(const OutputTable& table, const std::string& path);

}  // namespace landaudit
