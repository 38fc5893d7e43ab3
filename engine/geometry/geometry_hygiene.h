// Geometry hygiene before any analysis: null/empty/non-polygon features skipped, invalid ones
// repaired with GEOS MakeValid (structure method) or skipped, each case a diagnostic.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "layers/audit_config.h"
#include "layers/diagnostics.h"
#include "layers/geometry_blob.h"

namespace landaudit {

struct HygieneOutcome {
    enum class Status { Valid, Repaired, Skipped } status = Status::Valid;
    std::string problem;  // diagnostic code when not Valid
    std::string detail;
    WkbGeometry repaired;  // set when Repaired
};

HygieneOutcome check_geometry(GeosContext& ctx, const WkbGeometry& wkb, InvalidGeometryPolicy policy);

// Applies check_geometry to every feature (anything with fid, id and geometry members), replacing
// repaired geometries and dropping skipped features; each non-valid case becomes a diagnostic.
template <class Feature>
void clean_features(GeosContext& ctx, std::vector<Feature>& features, LayerRole role,
                    const std::string& source, InvalidGeometryPolicy policy, Diagnostics& diag) {
    std::vector<Feature> kept;
    kept.reserve(features.size());
    for (auto& f : features) {
        HygieneOutcome o = check_geometry(ctx, f.geometry, policy);
        if (o.status != HygieneOutcome::Status::Valid)
            diag.add({std::string(role_key(role)), source, f.fid, f.id, o.problem,
                      o.status == HygieneOutcome::Status::Repaired ? DiagnosticAction::Repaired
                                                                   : DiagnosticAction::Skipped,
                      o.detail});
        if (o.status == HygieneOutcome::Status::Skipped) continue;
        if (o.status == HygieneOutcome::Status::Repaired) f.geometry = std::move(o.repaired);
        kept.push_back(std::move(f));
    }
    features = std::move(kept);
}

}  // namespace landaudit

#include "layers/audit_inputs.h"
#include "layers/progress.h"

namespace landaudit {

// Hygiene for every layer of the audit held in memory: not the parcels (the audit and `check`
// clean those chunk by chunk, clean_features), nor the buildings (take_in_buildings cleans them as
// it stores them); diagnostics go to inputs.diagnostics.
void clean_held_layers(AuditInputs& inputs, InvalidGeometryPolicy policy, const ProgressFn& progress = {});

// Throws AuditError when a parks or parcels layer that had features kept none with a usable
// geometry: it would audit nothing and exit as if all were well. `diagnostics` name the skips.
void require_usable_geometry(LayerRole role, std::size_t kept, std::size_t features_read, const std::string& label,
                             const Diagnostics& diagnostics);

}  // namespace landaudit
