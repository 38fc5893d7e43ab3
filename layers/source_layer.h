// One input layer as read: schema, features with WKB geometry in the working CRS, provenance.
#pragma once

#include <string>
#include <vector>

#include "layers/attribute.h"
#include "layers/geometry_blob.h"
#include "layers/layer_role.h"

namespace landaudit {

struct SourceFeature {
    long long fid = -1;          // the source's feature id (OGR FID)
    WkbGeometry geometry;        // 2D, in the working CRS; null when the source had none
    std::vector<FieldValue> values;  // one per SourceLayer::fields
};

struct SourceLayer {
    LayerRole role = LayerRole::Parcels;
    std::string path;        // file or connection as given in the config
    std::string layer_name;  // layer inside the source
    std::string source_crs;  // description of the CRS the layer came in
    std::string encoding;    // attribute encoding used (empty when not applicable)
    std::vector<FieldDef> fields;
    std::vector<SourceFeature> features;

    // Index of a field by name (exact, then case-insensitive ASCII), or -1.
    int field_index(const std::string& name) const;
};

}  // namespace landaudit
