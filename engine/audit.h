// The audit as one explicit sequence: the layers held in memory, then the parcels streamed chunk
// by chunk through every analysis, then the parks, 批而未供 and candidates.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"
#include "layers/progress.h"
#include "layers/table_sink.h"

namespace landaudit {

// Counts over every parcel, for the console: the parcels themselves are not kept.
struct ParcelTotals {
    std::size_t audited = 0, red = 0, farm = 0, outside = 0, no_park = 0, low_efficiency = 0, exit_warning = 0;
    std::map<std::string, std::size_t> idle_statuses;  // idle status key → parcels (idle land evaluated)
    std::map<std::string, std::size_t> standard_land_statuses;  // 标准地 verdict key → parcels with a contract
};

struct AuditResult {
    ComplianceResult compliance;         // parks only: the parcels' results went to the output
    IntensityResult intensity;           // parks only
    RedevelopmentResult redevelopment;   // parks, batches, candidates; no per-parcel idle verdicts
    ParcelTotals totals;
    std::vector<OutputTable> tables;     // every layer written, in order: the schema only (rows empty)
    std::vector<std::size_t> row_counts; // rows written per layer, parallel to tables
};

// Streams the parcels (inputs.parcel_source, else inputs.parcels) in chunks of
// config.chunk_parcels through hygiene, supply status, compliance, intensity and idle land, handing
// each chunk's rows to `out` while the next is analysed; then the park layers, 批而未供, the
// candidates and the diagnostics. The layers held in memory are cleaned in place; the results do
// not depend on the chunk size or the thread count.
AuditResult run_audit(AuditInputs& inputs, const AuditConfig& config, TableSink& out, const ProgressFn& progress);

}  // namespace landaudit
