// Every output layer with the schema the engine writes (its contract fields and aliases), no rows:
// for tests of the deliverables that are built from an audit's tables.
#pragma once

#include <vector>

#include "engine/output_tables.h"

namespace landaudit {

inline std::vector<OutputTable> contract_tables() {
    AuditInputs in;
    ComplianceResult compliance;
    IntensityResult intensity;
    RedevelopmentResult redevelopment;
    return {parcels_table(in, compliance, intensity, redevelopment),
            parks_table(in, compliance, intensity, redevelopment),
            conflicts_table(in, compliance),
            idle_table(in, compliance, redevelopment),
            unsupplied_table(in, redevelopment),
            batches_table(in, redevelopment),
            candidates_table(in, redevelopment),
            diagnostics_table(Diagnostics{})};
}

}  // namespace landaudit
