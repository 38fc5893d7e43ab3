// What a person reads at the end of a run or a check.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/audit.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"

namespace landaudit {

void print_inputs(std::ostream& out, const AuditInputs& inputs);
void print_run_summary(std::ostream& out, const AuditConfig& config, const AuditInputs& inputs,
                       const AuditResult& result);

struct WrittenFiles {
    std::string geopackage;
    std::string project;  // empty with --no-report
    std::string report;
    std::string postgis;  // the PostGIS target (password masked) when the run wrote there instead
};

// The last lines of a run: time taken, then every file written with the layers' row counts.
void print_written_files(std::ostream& out, const std::vector<OutputTable>& tables,
                         const std::vector<std::size_t>& row_counts, const WrittenFiles& files, double seconds);
void print_diagnostic_counts(std::ostream& out, const Diagnostics& diagnostics);

}  // namespace landaudit
