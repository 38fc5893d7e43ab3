// `landaudit compare EARLIER.gpkg LATER.gpkg --out CHANGE.gpkg`: two audits of the same parks,
// what changed and what became of the earlier 批而未供 and idle land (issue 10).
#pragma once

#include <ostream>
#include <string>

namespace landaudit {

struct CompareCommand {
    std::string earlier, later, out;
    std::string targets;  // monitoring targets TOML; empty: rules/monitoring/targets.toml
    bool quiet = false;
};

// Writes CHANGE.gpkg (park_change, parcel_change, disposal, conflict_change, diagnostics, styled)
// atomically and prints a summary. Returns the exit code; throws AuditError for unreadable inputs,
// an invalid targets file or an unwritable output.
int run_compare(const CompareCommand& command, std::ostream& out);

}  // namespace landaudit
