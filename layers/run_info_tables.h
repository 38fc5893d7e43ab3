// RunInfo as two plain tables (run_info: key/value; run_inputs: a row per file) and back, so
// the writer and reader need no format of their own.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "layers/output_table.h"
#include "layers/run_info.h"

namespace landaudit {

// The scalar facts as (key, value) in a fixed order: engine_version, audit_name, … config_text.
std::vector<std::pair<std::string, std::string>> run_info_items(const RunInfo& info);

// {run_info, run_inputs}.
std::vector<OutputTable> run_info_tables(const RunInfo& info);

// From the tables as read back; inputs may be null.
RunInfo run_info_from_tables(const OutputTable& run_info, const OutputTable* run_inputs);

}  // namespace landaudit
