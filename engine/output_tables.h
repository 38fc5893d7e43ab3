// Turns inputs and analysis results into the output layers whose names and fields are the
// project's contract (docs/outputs.md).
#pragma once

#include <functional>
#include <vector>

#include "engine/compliance/compliance.h"
#include "engine/intensity/intensity.h"
#include "engine/redevelopment/redevelopment.h"
#include "layers/audit_inputs.h"
#include "layers/output_table.h"

namespace landaudit {

// One chunk of parcels with their results, parallel vectors: what the parcel layers' rows are
// made of in the streamed audit.
struct ParcelChunkResults {
    const std::vector<Parcel>& parcels;
    const std::vector<ParcelCompliance>& compliance;
    const std::vector<ParcelIntensity>& intensity;
    const std::vector<IdleVerdict>* idle;  // null when idle land is not evaluated
};

// The layers that grow with the parcels, a chunk of rows at a time (conflicts: the parcels'
// pieces chunk by chunk, then the parks').
OutputTable parcels_schema(const std::vector<FieldDef>& parcel_fields);
std::vector<OutputRow> parcel_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks, int threads);
OutputTable conflicts_schema();
std::vector<OutputRow> parcel_conflict_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks);
std::vector<OutputRow> park_conflict_rows(const std::vector<Park>& parks, const std::vector<ParkCompliance>& compliance);
OutputTable idle_schema();
OutputTable parks_schema();  // declared before the chunks so the layers keep their order
std::vector<OutputRow> idle_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks);

// Whole layers from whole results (the sequence above in one go).
OutputTable parcels_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                          const RedevelopmentResult& redevelopment,
                          int threads = 1);
OutputTable parks_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity,
                        const RedevelopmentResult& redevelopment);
OutputTable idle_table(const AuditInputs& in, const ComplianceResult& r, const RedevelopmentResult& redevelopment);
OutputTable unsupplied_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
OutputTable batches_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
OutputTable candidates_table(const AuditInputs& in, const RedevelopmentResult& redevelopment);
// The candidates layer's rows in rank order, handed over `batch` rows at a time: a province has
// millions of them, read from the candidate store as they are written.
void for_each_candidate_rows(const AuditInputs& in, const RedevelopmentResult& redevelopment, std::size_t batch,
                             const std::function<void(std::vector<OutputRow>)>& fn);
OutputTable conflicts_table(const AuditInputs& in, const ComplianceResult& r);
OutputTable diagnostics_table(const Diagnostics& diagnostics);

}  // namespace landaudit
