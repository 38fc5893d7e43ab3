// The I/O floor of an audit (`landaudit run --no-analysis`, issue 8): read the parcels and write
// them back with their fields and a spatial index, nothing analysed. The bench measures the full
// audit against this lower bound, so it reads and writes the way the audit does: a chunk at a
// time, the writer working while the next chunk is read.
#pragma once

#include <cstddef>

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"
#include "layers/parcel_source.h"
#include "layers/progress.h"
#include "layers/table_sink.h"

namespace landaudit {

// The config with only the layers the floor reads: parcels, and parks (which every run needs).
AuditConfig io_floor_config(const AuditConfig& config);

// `parcels`: the parcel id, every source field and the geometry, as read. Rows are empty.
OutputTable passthrough_parcels_schema(const std::vector<FieldDef>& parcel_fields);
// The rows of that layer for some parcels.
std::vector<OutputRow> passthrough_parcel_rows(const std::vector<Parcel>& parcels);

// Every parcel of `in` (its parcel_source when streamed, else in.parcels) into one `parcels`
// layer of `out`, `chunk` at a time; reading problems go to in.diagnostics. Returns the parcels
// written.
std::size_t write_passthrough_parcels(AuditInputs& in, std::size_t chunk, TableSink& out, const ProgressFn& progress);

}  // namespace landaudit
