// Output rows into OGR features for the Shapefile and GeoJSON exports: one mapping of the domain's
// values and WKB geometry onto GDAL, so both formats carry the same values.
#pragma once

#include <ogr_feature.h>
#include <ogr_spatialref.h>

#include <string>
#include <vector>

#include "layers/output_table.h"

namespace landaudit {

// Integer → Integer64, Real → Real, text and dates → String (dates are ISO text).
OGRFieldType ogr_export_type(FieldType t);

// Sets every field of `feature` from row (nulls as null). texts, when not null, replaces the text
// of field f by (*texts)[f] (the Shapefile export's fitted text; empty vectors for other fields).
// With geometry, sets the row's WKB as a MultiPolygon in srs. Returns false when the WKB is unreadable.
bool fill_export_feature(OGRFeature& feature, const OutputRow& row, std::size_t field_count, bool with_geometry,
                         OGRSpatialReference* srs, const std::vector<const std::string*>* texts = nullptr);

}  // namespace landaudit
