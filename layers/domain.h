// The audit's domain objects: parks, parcels and constraint features, with a source id each.
#pragma once

#include <string>
#include <vector>

#include "layers/attribute.h"
#include "layers/geometry_blob.h"

namespace landaudit {

// 园区: an approved park boundary (园区四至/核准范围).
struct Park {
    long long fid = -1;
    std::string id;
    std::string name;
    std::string level;  // as written in the data, e.g. 国家级, 省级
    WkbGeometry geometry;
};

// 宗地: a land parcel; keeps its source attributes for the output layer.
struct Parcel {
    long long fid = -1;
    std::string id;
    WkbGeometry geometry;
    std::vector<FieldValue> source_values;  // parallel to the parcels SourceLayer::fields
};

// A feature of a constraint layer (生态保护红线 or 永久基本农田).
struct ConstraintFeature {
    long long fid = -1;
    std::string id;  // mapped id field, or "fid:N" when the layer maps none
    std::string name;
    std::string category;
    WkbGeometry geometry;
};

}  // namespace landaudit
