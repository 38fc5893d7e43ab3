// The fixed shape of an audit, top to bottom.
#include "engine/audit.h"

#include "engine/geometry/geometry_hygiene.h"
#include "engine/intensity/park_stars.h"
#include "engine/intensity/standard_land_table.h"
#include "engine/output_tables.h"
#include "engine/redevelopment/supply_status.h"

namespace landaudit {

AuditResult run_audit(AuditInputs& inputs, const AuditConfig& config, const ProgressFn& progress) {
    AuditResult result;

    // 1. Geometry hygiene: nothing downstream sees an invalid, null or non-polygon geometry.
    clean_inputs(inputs, config.invalid_geometry, scaled_progress(progress, 0.0, 0.05));
    resolve_supply_status(inputs, config);  // supply dates from [supplied] where parcels have no date field

    // 2. Compliance: parcels and parks against red line and farmland; parcels to parks.
    ComplianceOptions options{config.min_overlap_m2, config.threads};
    result.compliance = run_compliance(inputs, options, scaled_progress(progress, 0.05, 0.8));

    // 3. Intensity (亩均): measures, economics, indicators, grades against the rule sets.
    result.intensity = run_intensity(inputs, result.compliance, config, scaled_progress(progress, 0.8, 0.9));

    // 4. Land for redevelopment: idle land, 批而未供, ranked candidates of the five kinds.
    result.redevelopment = run_redevelopment(inputs, result.compliance, result.intensity, config,
                                             scaled_progress(progress, 0.9, 0.95));

    // 5. Star-rated parks (星级园区): the stars rule sets, on the park figures of steps 3 and 4.
    rate_park_stars(inputs, config, result.redevelopment, result.intensity);

    // 6. Output layers, in the order a reader meets them.
    Diagnostics all = std::move(inputs.diagnostics);
    inputs.diagnostics = Diagnostics{};
    all.merge(Diagnostics(result.compliance.diagnostics));
    all.merge(Diagnostics(result.intensity.diagnostics));
    all.merge(Diagnostics(result.redevelopment.diagnostics));
    for (const auto& [role, provenance] : inputs.provenance) all.fill_source(std::string(role_key(role)), provenance.label);
    result.tables.push_back(
        parcels_table(inputs, result.compliance, result.intensity, result.redevelopment, config.threads));
    result.tables.push_back(parks_table(inputs, result.compliance, result.intensity, result.redevelopment));
    result.tables.push_back(conflicts_table(inputs, result.compliance));
    result.tables.push_back(idle_table(inputs, result.compliance, result.redevelopment));
    result.tables.push_back(unsupplied_table(inputs, result.redevelopment));
    result.tables.push_back(batches_table(inputs, result.redevelopment));
    result.tables.push_back(candidates_table(inputs, result.redevelopment));
    result.tables.push_back(standard_land_table(inputs, result.compliance, result.intensity));
    result.tables.push_back(diagnostics_table(all));
    inputs.diagnostics = std::move(all);
    if (progress) progress(1.0, "analysis done");
    return result;
}

}  // namespace landaudit
