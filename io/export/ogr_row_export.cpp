// FieldValue and WkbGeometry onto OGR.
#include "io/export/ogr_row_export.h"

#include <ogr_geometry.h>

namespace landaudit {

OGRFieldType ogr_export_type(FieldType t) {
    switch (t) {
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::String:
        case FieldType::Date: return OFTString;
    }
    return OFTString;
}

bool fill_export_feature(OGRFeature& feature, const OutputRow& row, std::size_t field_count, bool with_geometry,
                         OGRSpatialReference* srs, const std::vector<const std::string*>* texts) {
    for (std::size_t f = 0; f < field_count && f < row.values.size(); ++f) {
        const FieldValue& v = row.values[f];
        const int i = static_cast<int>(f);
        if (const auto* n = std::get_if<long long>(&v)) feature.SetField(i, static_cast<GIntBig>(*n));
        else if (const auto* d = std::get_if<double>(&v)) feature.SetField(i, *d);
        else if (const auto* s = std::get_if<std::string>(&v))
            feature.SetField(i, (texts && (*texts)[f] ? *(*texts)[f] : *s).c_str());
        else feature.SetFieldNull(i);
    }
    if (!with_geometry || row.geometry.is_null()) return true;
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(row.geometry.bytes.data(), srs, &g, row.geometry.bytes.size()) != OGRERR_NONE)
        return false;
    feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
    return true;
}

}  // namespace landaudit
