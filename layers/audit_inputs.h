// Everything the analyses need, read and mapped: domain features in the working CRS.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "layers/attribute.h"
#include "layers/building_source.h"
#include "layers/building_store.h"
#include "layers/candidate_store.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"
#include "layers/economics_store.h"
#include "layers/layer_role.h"
#include "layers/parcel_source.h"
#include "layers/rule_set.h"

namespace landaudit {

// Where a layer came from, for messages, diagnostics and the report.
struct LayerProvenance {
    std::string label;       // file, plus " layer 'x'" when the source has several
    std::string source_crs;  // CRS the layer came in, e.g. "EPSG:4490 (China Geodetic Coordinate System 2000)"
    std::string encoding;    // attribute encoding and why, for shapefiles
    std::size_t features_read = 0;
};

struct AuditInputs {
    std::string working_crs;       // definition usable by GDAL and PROJ, e.g. "EPSG:4522"
    std::string working_crs_name;  // e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 34"
    std::vector<Park> parks;
    std::vector<Parcel> parcels;          // held in memory; empty when parcel_source streams them
    std::vector<FieldDef> parcel_fields;  // schema of Parcel::source_values
    std::shared_ptr<ParcelSource> parcel_source;  // the parcels a chunk at a time, read from the source
    std::vector<ConstraintFeature> redline;
    std::vector<ConstraintFeature> farmland;
    // The buildings ([buildings]; none when not configured), in one of two forms the audit's first
    // step (engine/intensity/building_intake.h) turns into `building_store`: held whole (tests, the
    // library path), or streamed from `building_source` into the store load_inputs made (a
    // temporary file), so that a province's footprints are never held.
    std::vector<Building> buildings;
    std::shared_ptr<BuildingSource> building_source;
    std::shared_ptr<BuildingStore> building_store;  // sealed once taken in; null when there are none
    // Null when [economics] is not configured; read into a temporary file by load_inputs.
    std::shared_ptr<EconomicsStore> economics;
    std::vector<RuleSet> rule_sets;          // [intensity] rules, in the configured order
    std::vector<ApprovalBatch> approved;     // empty when [approved] is not configured
    std::vector<SupplyRecord> supplied;      // empty when [supplied] is not configured
    // Makes the store each redevelopment step collects its candidates in: a temporary file for a
    // streamed run (load_inputs); null to hold them in memory.
    std::function<std::shared_ptr<CandidateStore>()> make_candidate_store;
    std::map<LayerRole, LayerProvenance> provenance;
    Diagnostics diagnostics;  // from reading, mapping and hygiene

    const std::vector<ConstraintFeature>& constraints(LayerRole role) const {
        return role == LayerRole::Redline ? redline : farmland;
    }
    std::vector<ConstraintFeature>& constraints(LayerRole role) {
        return role == LayerRole::Redline ? redline : farmland;
    }
};

}  // namespace landaudit
