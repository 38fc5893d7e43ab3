// The fixed shape of an audit, top to bottom.
#include "engine/audit.h"

#include <algorithm>
#include <optional>

#include "engine/geometry/geometry_hygiene.h"
#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/geos_context.h"
#include "engine/intensity/building_intake.h"
#include "engine/intensity/park_stars.h"
#include "engine/intensity/standard_land_table.h"
#include "engine/intensity/star_targets_table.h"
#include "engine/output_tables.h"
#include "engine/parcel_chunks.h"
#include "engine/redevelopment/supply_status.h"
#include "layers/error.h"

namespace landaudit {

namespace {

// Declares a layer on `out` and remembers its schema and row count for the result.
struct Layers {
    Layers(TableSink& out, AuditResult& result) : out(out), result(result) {}
    std::size_t add(const OutputTable& schema) {
        result.tables.push_back({schema.name, schema.title, schema.geometry, schema.fields, {}});
        result.row_counts.push_back(0);
        return out.add_layer(schema);
    }
    void append(std::size_t layer, std::vector<OutputRow> rows) {
        result.row_counts[layer] += rows.size();
        out.append(layer, std::move(rows));
    }
    TableSink& out;
    AuditResult& result;
};

void add_totals(ParcelTotals& t, const ParcelChunkResults& chunk) {
    for (std::size_t i = 0; i < chunk.parcels.size(); ++i) {
        const ParcelCompliance& c = chunk.compliance[i];
        ++t.audited;
        t.red += c.red_conflict;
        t.farm += c.farm_conflict;
        t.outside += c.outside_park;
        t.no_park += c.park_index < 0;
        t.low_efficiency += chunk.intensity[i].low_efficiency;
        t.exit_warning += chunk.intensity[i].exit_warning;
        if (chunk.idle) ++t.idle_statuses[std::string(idle_status_key((*chunk.idle)[i].status))];
        if (const auto& contract = chunk.intensity[i].standard_land)
            ++t.standard_land_statuses[std::string(contract_status_key(contract->status))];
    }
}

}  // namespace

AuditResult run_audit(AuditInputs& in, const AuditConfig& config, TableSink& out, const ProgressFn& progress) {
    AuditResult result;
    std::optional<VectorParcelSource> held;
    if (!in.parcel_source) held.emplace(in.parcels, in.parcel_fields);
    ParcelSource& parcels = in.parcel_source ? *in.parcel_source : static_cast<ParcelSource&>(*held);
    const std::string parcels_label =
        in.provenance.count(LayerRole::Parcels) ? in.provenance.at(LayerRole::Parcels).label : parcels.label();
    GeosContext ctx;
    Diagnostics parcel_reading, parcel_hygiene, compliance_notes, park_notes;

    // 1. Geometry hygiene of the layers held in memory; the buildings stored for lookups near each
    //    chunk, on a thread of their own while pass 1 reads the parcels (unless the audit has one
    //    thread); parcels are cleaned chunk by chunk below.
    clean_held_layers(in, config.invalid_geometry, scaled_progress(progress, 0.0, 0.01));
    const bool concurrently = config.threads != 1;
    BuildingIntake buildings(in, config.invalid_geometry, concurrently, scaled_progress(progress, 0.01, 0.02));
    const ComplianceOptions options{config.min_overlap_m2, config.threads};
    std::optional<ParcelCompliancePass> compliance(std::in_place, in, options);
    IntensityPass intensity(in, config);
    RedevelopmentPass redevelopment(in, config);
    result.compliance.parks.resize(in.parks.size());

    // The output layers, in the order a reader meets them: parcels, conflicts, idle and
    // standard_land fill chunk by chunk; the others after the last chunk.
    Layers layers(out, result);
    const std::size_t parcels_layer = layers.add(parcels_schema(parcels.fields()));
    const std::size_t parks_layer = layers.add(parks_schema());
    const std::size_t conflicts_layer = layers.add(conflicts_schema());
    const std::size_t idle_layer = layers.add(idle_schema());
    const std::size_t unsupplied_layer = layers.add(unsupplied_table(in, RedevelopmentResult{}));
    const std::size_t batches_layer = layers.add(batches_table(in, RedevelopmentResult{}));
    const std::size_t candidates_layer = layers.add(candidates_table(in, RedevelopmentResult{}));
    const std::size_t standard_land_layer = layers.add(standard_land_schema());
    const std::size_t star_targets_layer = layers.add(star_targets_table(in, IntensityResult{}));
    const std::size_t diagnostics_layer = layers.add(diagnostics_table(Diagnostics{}));

    // 2. Pass 1, when an economics table is joined: every parcel's land, for the join's shares
    //    (an enterprise on parcels far apart in the layer shares its figures by area).
    // Each pass reads one chunk ahead on a thread of its own, unless the audit has one thread.
    const bool read_ahead = concurrently;
    if (intensity.needs_count()) {
        Diagnostics discarded;  // pass 2 cleans again and reports
        CleanParcelChunks chunks(parcels, config.chunk_parcels, config.invalid_geometry, read_ahead, parcel_reading, discarded);
        for (std::vector<Parcel> chunk; !(chunk = chunks.next()).empty();) {
            std::vector<double> areas;
            areas.reserve(chunk.size());
            for (const Parcel& p : chunk) areas.push_back(planar_area(ctx, from_wkb(ctx, p.geometry).get()));
            intensity.count(chunk, areas);
            const double share = double(chunks.kept()) / double(std::max<std::size_t>(1, parcels.expected_count()));
            if (progress && !progress(0.02 + 0.08 * std::min(1.0, share), "parcels: land per enterprise (first pass)"))
                throw AuditError(AuditError::Kind::Internal, "cancelled");
        }
        intensity.counted();
    }
    buildings.finish();
    intensity.take_buildings();

    // 3. Pass 2, chunk by chunk: hygiene, supply status, compliance, intensity, idle land; each
    //    chunk's rows go to the output while the next chunk is analysed.
    const bool read_in_pass_1 = intensity.needs_count();
    Diagnostics second_reading;
    Diagnostics& reading = read_in_pass_1 ? second_reading : parcel_reading;  // reading problems once
    CleanParcelChunks chunks(parcels, config.chunk_parcels, config.invalid_geometry, read_ahead, reading, parcel_hygiene);
    for (std::vector<Parcel> chunk; !(chunk = chunks.next()).empty();) {
        resolve_supply_status(chunk, in.supplied, config);
        const std::vector<ParcelCompliance> c = compliance->measure(chunk, compliance_notes, {});
        count_park_parcels(c, result.compliance.parks);
        const std::vector<ParcelIntensity> m = intensity.assess(chunk, c);
        const std::vector<IdleVerdict> idle = redevelopment.assess(chunk, c, m);
        const ParcelChunkResults r{chunk, c, m, redevelopment.idle_evaluated() ? &idle : nullptr};
        layers.append(parcels_layer, parcel_rows(r, in.parks, config.threads));
        layers.append(conflicts_layer, parcel_conflict_rows(r, in.parks));
        layers.append(idle_layer, idle_rows(r, in.parks));
        layers.append(standard_land_layer, standard_land_rows(r, in.parks));
        add_totals(result.totals, r);
        const double share = double(result.totals.audited) / double(std::max<std::size_t>(1, parcels.expected_count()));
        if (progress && !progress(0.1 + 0.8 * std::min(1.0, share), "parcels: " + std::to_string(result.totals.audited) + " audited"))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    compliance.reset();  // its workers' parsed and prepared layers: the parks pass makes its own
    in.provenance[LayerRole::Parcels].features_read = parcels.features_read();
    if (chunks.kept() == 0) require_usable_geometry(LayerRole::Parcels, 0, parcels.features_read(), parcels_label, parcel_hygiene);

    // 4. Parks as a whole, 批而未供 per batch, the candidates ranked, from what the parcels left.
    measure_parks(in, options, result.compliance.parks, park_notes, scaled_progress(progress, 0.9, 0.95));
    layers.append(conflicts_layer, park_conflict_rows(in.parks, result.compliance.parks));
    result.intensity = intensity.finish();
    result.redevelopment = redevelopment.finish();

    // 5. Star-rated parks (星级园区): the stars rule sets, on the park figures of steps 3 and 4.
    rate_park_stars(in, config, result.redevelopment, result.intensity);
    layers.append(parks_layer, parks_table(in, result.compliance, result.intensity, result.redevelopment).rows);
    layers.append(unsupplied_layer, unsupplied_table(in, result.redevelopment).rows);
    layers.append(batches_layer, batches_table(in, result.redevelopment).rows);
    for_each_candidate_rows(in, result.redevelopment, std::max<std::size_t>(1, config.chunk_parcels),
                            [&](std::vector<OutputRow> rows) { layers.append(candidates_layer, std::move(rows)); });
    layers.append(star_targets_layer, star_targets_table(in, result.intensity).rows);

    // 6. Diagnostics: reading and hygiene, then each analysis, in a fixed order whatever the chunks.
    compliance_notes.order_by_feature();
    Diagnostics all = std::move(in.diagnostics);
    all.merge(std::move(parcel_reading));
    all.merge(std::move(parcel_hygiene));
    all.merge(std::move(compliance_notes));
    all.merge(std::move(park_notes));
    all.merge(Diagnostics(result.intensity.diagnostics));
    all.merge(Diagnostics(result.redevelopment.diagnostics));
    for (const auto& [role, provenance] : in.provenance) all.fill_source(std::string(role_key(role)), provenance.label);
    layers.append(diagnostics_layer, diagnostics_table(all).rows);
    in.diagnostics = std::move(all);
    if (progress) progress(1.0, "analysis done");
    return result;
}

}  // namespace landaudit
