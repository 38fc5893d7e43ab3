// Validate, choose the working CRS, read, map.
#include "io/read/input_loader.h"

#include <cmath>
#include <filesystem>
#include <memory>

#include "io/read/crs_resolution.h"
#include "io/config/rule_set_loader.h"
#include "io/read/vector_reader.h"
#include "layers/error.h"
#include "layers/field_mapping.h"

namespace landaudit {

namespace {

std::string message_of(const AuditError& e) {
    return e.hint().empty() ? e.what() : std::string(e.what()) + " — hint: " + e.hint();
}

}  // namespace

AuditInputs load_inputs(const AuditConfig& config, const ProgressFn& progress) {
    std::vector<std::string> problems;
    std::map<LayerRole, std::unique_ptr<VectorSource>> sources;
    for (const auto& [role, src] : config.layers) {
        try {
            auto source = std::make_unique<VectorSource>(src);
            SourceLayer schema_only;
            schema_only.role = role;
            schema_only.path = source->label();
            schema_only.fields = source->fields();
            for (auto& p : check_field_mapping(src, schema_only)) problems.push_back(std::move(p));
            if ((role == LayerRole::Parks || role == LayerRole::Parcels) && source->feature_count() == 0)
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
    in.working_crs = srs_definition(*working);
    in.working_crs_name = describe_srs(*working);

    std::size_t step = 0;
    for (auto& [role, source] : sources) {
        const LayerSource& src = config.layers.at(role);
        auto slice = scaled_progress(progress, double(step) / sources.size(), double(step + 1) / sources.size());
        ++step;
        SourceLayer layer = source->read(*working, in.diagnostics, slice);
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
            case LayerRole::Economics: in.economics = economics_from(layer, src, in.diagnostics); break;
            case LayerRole::Approved: in.approved = approved_from(layer, src, in.diagnostics); break;
            case LayerRole::Supplied: in.supplied = supplied_from(layer, src, in.diagnostics); break;
        }
    }
    return in;
}

}  // namespace landaudit
