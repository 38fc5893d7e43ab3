// Validate, choose the working CRS, read, map.
#include "io/read/input_loader.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <future>
#include <memory>

#include <ogr_geometry.h>

#include "io/read/coverage_check.h"
#include "io/read/crs_resolution.h"
#include "io/config/rule_set_loader.h"
#include "io/read/building_stream.h"
#include "io/read/parcel_stream.h"
#include "io/read/vector_reader.h"
#include "io/spill/building_spill.h"
#include "io/spill/candidate_spill.h"
#include "io/spill/economics_spill.h"
#include "layers/error.h"
#include "layers/field_mapping.h"

namespace landaudit {

namespace {

std::string message_of(const AuditError& e) {
    return e.hint().empty() ? e.what() : std::string(e.what()) + " — hint: " + e.hint();
}

// Each feature's box (parks: a handful), from the WKB the reader wrote.
std::vector<OGREnvelope> feature_extents(const SourceLayer& layer) {
    std::vector<OGREnvelope> out;
    for (const SourceFeature& f : layer.features) {
        OGRGeometry* g = nullptr;
        if (f.geometry.is_null() ||
            OGRGeometryFactory::createFromWkb(f.geometry.bytes.data(), nullptr, &g, f.geometry.bytes.size()) != OGRERR_NONE)
            continue;
        OGREnvelope e;
        if (!g->IsEmpty()) g->getEnvelope(&e);
        OGRGeometryFactory::destroyGeometry(g);
        if (e.IsInit()) out.push_back(e);
    }
    return out;
}

// The economics table, a chunk of rows at a time, each row mapped straight into a temporary file
// (io/spill): a province's table is never held. Diagnostics in the order a whole read gives them:
// reading, then the empty table, then mapping.
std::shared_ptr<EconomicsStore> read_economics(VectorSource& source, const LayerSource& src,
                                               const OGRSpatialReference& working, const std::string& output_path,
                                               Diagnostics& diag, const ProgressFn& progress, LayerProvenance& provenance,
                                               bool read_ahead) {
    auto store = std::make_shared<EconomicsSpill>(output_path);
    std::unique_ptr<VectorSource::Cursor> cursor = source.open_cursor(working, diag, progress);
    Diagnostics mapping;
    constexpr std::size_t kRowsPerChunk = 50000;
    // The next chunk is read (OGR) on a thread of its own while this one is mapped and spilled;
    // one thread at a time uses the cursor, in order, so rows and diagnostics come as a serial
    // read gives them. With one thread (`--threads 1`) it is read on this one.
    auto read_next = [&cursor, read_ahead] {
        return std::async(read_ahead ? std::launch::async : std::launch::deferred,
                          [&cursor] { return cursor->next(kRowsPerChunk); });
    };
    std::future<SourceLayer> ahead = read_next();
    for (SourceLayer chunk = ahead.get(); !chunk.features.empty(); chunk = ahead.get()) {
        ahead = read_next();
        economics_from(chunk, src, mapping, [&](EconomicRecord&& r) { store->add(r); });
    }
    store->seal();
    provenance = {source.label(), cursor->schema().source_crs, source.encoding_note(),
                  static_cast<std::size_t>(cursor->features_read())};
    if (cursor->features_read() == 0)
        diag.add({std::string(role_key(LayerRole::Economics)), source.label(), -1, {}, "empty_layer",
                  DiagnosticAction::Reported, "the table has no rows"});
    diag.merge(std::move(mapping));
    return store;
}

}  // namespace

AuditInputs load_inputs(const AuditConfig& config, const ProgressFn& progress, ParcelLoading parcel_loading) {
    std::vector<std::string> problems;
    std::map<LayerRole, std::unique_ptr<VectorSource>> sources;
    for (const auto& [role, src] : config.layers) {
        try {
            auto source = std::make_unique<VectorSource>(src);
            SourceLayer schema_only;
            schema_only.role = role;
            schema_only.path = source->label();
            schema_only.fields = source->fields();
            // A layer with no features (a GeoJSON "features": []) has no fields either: its missing
            // fields would only bury the one problem that matters.
            const bool empty = source->feature_count() == 0;
            if (!empty || !schema_only.fields.empty())
                for (auto& p : check_field_mapping(src, schema_only)) problems.push_back(std::move(p));
            if ((role == LayerRole::Parks || role == LayerRole::Parcels) && empty)
                throw AuditError(AuditError::Kind::Input,
                                 "[" + std::string(role_key(role)) + "] " + source->label() + ": the layer has no features" +
                                     (src.where.empty() ? "" : " matching where = \"" + src.where + "\""),
                                 "point [" + std::string(role_key(role)) + "] path/layer at the layer holding the " +
                                     std::string(role_label(role)) + " polygons");
            if (!is_table_role(role)) source->crs();  // throws with the bounds and a zone guess when missing
            sources[role] = std::move(source);
        } catch (const ValidationError& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        } catch (const AuditError& e) {
            problems.push_back(message_of(e));
        }
    }
    AuditInputs in;
    const std::string config_dir = std::filesystem::path(config.config_path).parent_path().string();
    for (const std::string& name : config.intensity.rules) {
        try {
            in.rule_sets.push_back(load_rule_set(name, config_dir));
        } catch (const ValidationError& e) {
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
        } catch (const AuditError& e) {
            problems.push_back("[intensity] rules: " + message_of(e));
        }
    }
    if (!problems.empty()) throw ValidationError(std::move(problems));

    std::unique_ptr<OGRSpatialReference> working;
    if (config.working_crs == "auto") {
        std::string def = auto_working_crs(sources.at(LayerRole::Parks)->centre_longitude());
        working = srs_from_user_input(def, "[audit] crs = \"auto\"");
    } else {
        working = srs_from_user_input(config.working_crs, "[audit] crs");
    }
    if (!working->IsProjected())
        throw AuditError(AuditError::Kind::Config,
                         "[audit] crs: the working CRS " + describe_srs(*working) + " is not projected; areas cannot be measured in degrees",
                         "use \"auto\" or a CGCS2000 Gauss–Krüger CRS such as \"EPSG:4522\"");
    if (std::abs(working->GetLinearUnits() - 1.0) > 1e-12)
        throw AuditError(AuditError::Kind::Config,
                         "[audit] crs: the working CRS " + describe_srs(*working) + " measures in " +
                             working->GetAttrValue("UNIT", 0) + ", not metres; every area is reported in m² and 亩",
                         "choose a projected CRS in metres (inputs in feet are reprojected), e.g. EPSG:32147 for Virginia South");
    // A working CRS made for another part of the world measures the parks with a large scale error
    // (a zone 23° away inflates areas by 15 %): every area would be wrong without a word.
    if (double w, s, e, n; working->GetAreaOfUse(&w, &s, &e, &n, nullptr) && w <= e) {
        OGREnvelope usable;
        usable.MinX = w, usable.MinY = s, usable.MaxX = e, usable.MaxY = n;
        const std::optional<OGREnvelope> parks = sources.at(LayerRole::Parks)->geographic_extent();
        if (parks && !parks->Intersects(usable)) {
            char where[200];
            std::snprintf(where, sizeof where, "the parks lie at %.2f–%.2f°E, %.2f–%.2f°N, outside its area of use (%.2f–%.2f°E, %.2f–%.2f°N)",
                          parks->MinX, parks->MaxX, parks->MinY, parks->MaxY, w, e, s, n);
            throw AuditError(AuditError::Kind::Config,
                             "[audit] crs: the working CRS " + describe_srs(*working) + " is not made for this place: " + where +
                                 "; its areas would carry a large scale error",
                             "use crs = \"auto\" or the CGCS2000 3° zone of the parks, " +
                                 auto_working_crs((parks->MinX + parks->MaxX) / 2));
        }
    }
    in.working_crs = srs_definition(*working);
    in.working_crs_name = describe_srs(*working);

    std::vector<LayerExtent> extents;
    std::vector<OGREnvelope> park_extents;
    std::size_t step = 0;
    for (auto& [role, source] : sources) {
        const LayerSource& src = config.layers.at(role);
        auto slice = scaled_progress(progress, double(step) / sources.size(), double(step + 1) / sources.size());
        ++step;
        if (role == LayerRole::Parcels && parcel_loading == ParcelLoading::Streamed) {
            // Read by the audit, chunk by chunk; the layer's own extent stands in for the coverage check.
            extents.push_back({role, source->label(), source->extent_in(*working)});
            in.provenance[role] = {source->label(), describe_srs(source->crs()), source->encoding_note(), 0};
            auto parcels = std::make_shared<OgrParcelSource>(std::move(source), *working);
            in.parcel_fields = parcels->fields();
            in.parcel_source = std::move(parcels);
            // About one candidate per parcel, each with its geometry: spilled, not held.
            in.make_candidate_store = [output = config.output_path] { return std::make_shared<CandidateSpill>(output); };
            continue;
        }
        if (role == LayerRole::Buildings && parcel_loading == ParcelLoading::Streamed) {
            // Read by the audit's first step into a temporary file with an R*Tree
            // (engine/intensity/building_intake.h): a province's footprints are never held.
            extents.push_back({role, source->label(), source->extent_in(*working)});
            in.provenance[role] = {source->label(), describe_srs(source->crs()), source->encoding_note(), 0};
            if (source->feature_count() == 0)
                in.diagnostics.add({std::string(role_key(role)), source->label(), -1, {}, "empty_layer",
                                    DiagnosticAction::Reported, "the layer has no features"});
            in.building_source = std::make_shared<OgrBuildingSource>(std::move(source), *working);
            in.building_store = std::make_shared<BuildingSpill>(config.output_path);
            continue;
        }
        if (role == LayerRole::Economics) {
            in.economics = read_economics(*source, src, *working, config.output_path, in.diagnostics, slice,
                                          in.provenance[role], config.threads != 1);
            extents.push_back({role, source->label(), source->extent()});
            continue;
        }
        SourceLayer layer = source->read(*working, in.diagnostics, slice);
        extents.push_back({role, source->label(), source->extent()});
        if (role == LayerRole::Parks) park_extents = feature_extents(layer);
        in.provenance[role] = {source->label(), layer.source_crs, source->encoding_note(), layer.features.size()};
        if (layer.features.empty()) {
            if (role == LayerRole::Parks || role == LayerRole::Parcels)
                throw AuditError(AuditError::Kind::Input,
                                 "[" + std::string(role_key(role)) + "] " + source->label() + ": the layer has no features",
                                 "point [" + std::string(role_key(role)) + "] path/layer at the layer holding the " +
                                     std::string(role_label(role)) + " polygons");
            in.diagnostics.add({std::string(role_key(role)), source->label(), -1, {}, "empty_layer",
                                DiagnosticAction::Reported,
                                is_table_role(role) ? "the table has no rows" : "the layer has no features"});
        }
        switch (role) {
            case LayerRole::Parks: in.parks = parks_from(layer, src, in.diagnostics); break;
            case LayerRole::Parcels:
                in.parcel_fields = layer.fields;
                in.parcels = parcels_from(layer, src, in.diagnostics);
                break;
            case LayerRole::Redline:
            case LayerRole::Farmland: in.constraints(role) = constraints_from(layer, src, in.diagnostics); break;
            case LayerRole::Buildings: in.buildings = buildings_from(layer, src, in.diagnostics); break;
            case LayerRole::Economics: break;  // read above, row by row
            case LayerRole::Approved: in.approved = approved_from(layer, src, in.diagnostics); break;
            case LayerRole::Supplied: in.supplied = supplied_from(layer, src, in.diagnostics); break;
        }
    }
    report_layers_outside_parks(park_extents, extents, in.working_crs_name, in.diagnostics);
    return in;
}

}  // namespace landaudit
