// The fixed shape of an audit, top to bottom.
#include "engine/audit.h"

#include "engine/geometry_hygiene.h"
#include "engine/output_tables.h"

namespace landaudit {

AuditResult run_audit(AuditInputs& inputs, const AuditConfig& config, const ProgressFn& progress) {
    AuditResult result;

    // 1. Geometry hygiene: nothing downstream sees an invalid, null or non-polygon geometry.
    clean_inputs(inputs, config.invalid_geometry, scaled_progress(progress, 0.0, 0.05));

    // 2. Compliance: parcels and parks against red line and farmland; parcels to parks.
    ComplianceOptions options{config.min_overlap_m2, config.threads};
    result.compliance = run_compliance(inputs, options, scaled_progress(progress, 0.05, 0.8));

    // 3. Intensity (亩均): measures, economics, indicators, grades against the rule sets.
    result.intensity = run_intensity(inputs, result.compliance, config, scaled_progress(progress, 0.8, 0.95));

    // 4. Output layers, in the order a reader meets them.
    Diagnostics all = std::move(inputs.diagnostics);
    inputs.diagnostics = Diagnostics{};
    all.merge(Diagnostics(result.compliance.diagnostics));
    all.merge(Diagnostics(result.intensity.diagnostics));
    result.tables.push_back(parcels_table(inputs, result.compliance, result.intensity));
    result.tables.push_back(parks_table(inputs, result.compliance, result.intensity));
    result.tables.push_back(conflicts_table(inputs, result.compliance));
    result.tables.push_back(diagnostics_table(all));
    inputs.diagnostics = std::move(all);
    if (progress) progress(1.0, "analysis done");
    return result;
}

}  // namespace landaudit
