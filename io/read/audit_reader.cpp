// Reading an audit GeoPackage back with OGR. Aliases come from the GeoPackage's own
// gpkg_data_columns, which GDAL 3.6 does not expose itself.
#include "io/read/audit_reader.h"

#include <ogrsf_frmts.h>

#include <map>
#include <set>

#include "io/gdal_session.h"
#include "io/read/ogr_field_type.h"
#include "layers/error.h"
#include "layers/run_info_tables.h"

namespace landaudit {

namespace {

// Layers that are not audit results: styles and provenance, read separately.
const std::set<std::string> kSupportTables{"layer_styles", "run_info", "run_inputs"};

// first column → second column → third column of an SQL result, as text.
std::map<std::string, std::map<std::string, std::string>> query_pairs(GDALDataset& ds, const char* sql) {
    std::map<std::string, std::map<std::string, std::string>> out;
    CPLPushErrorHandler(CPLQuietErrorHandler);  // an output written before aliases existed has no such table
    OGRLayer* result = ds.ExecuteSQL(sql, nullptr, nullptr);
    CPLPopErrorHandler();
    if (!result) return out;
    for (auto& f : *result) {
        if (!f->IsFieldSetAndNotNull(0) || !f->IsFieldSetAndNotNull(1)) continue;
        // Copied one at a time: GetFieldAsString may reuse its buffer between calls.
        std::string key = f->GetFieldAsString(0);
        std::string column = f->GetFieldAsString(1);
        std::string value = f->IsFieldSetAndNotNull(2) ? f->GetFieldAsString(2) : "";
        out[key][column] = value;
    }
    ds.ReleaseResultSet(result);
    return out;
}

OutputTable read_table(OGRLayer& layer, const std::map<std::string, std::string>& aliases, const std::string& title) {
    OutputTable t;
    t.name = layer.GetName();
    t.title = title;
    t.geometry = layer.GetGeomType() == wkbNone ? OutputGeometry::None : OutputGeometry::MultiPolygon;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn& f = *defn->GetFieldDefn(i);
        auto a = aliases.find(f.GetNameRef());
        t.fields.push_back({f.GetNameRef(), field_type_of(f.GetType()), a == aliases.end() ? std::string() : a->second});
    }
    const int n = defn->GetFieldCount();
    layer.ResetReading();
    for (auto& feature : layer) {
        OutputRow row;
        row.values.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            if (!feature->IsFieldSetAndNotNull(i)) {
                row.values.emplace_back();
                continue;
            }
            switch (t.fields[static_cast<std::size_t>(i)].type) {
                case FieldType::Integer: row.values.emplace_back(static_cast<long long>(feature->GetFieldAsInteger64(i))); break;
                case FieldType::Real: row.values.emplace_back(feature->GetFieldAsDouble(i)); break;
                default: row.values.emplace_back(std::string(feature->GetFieldAsString(i)));
            }
        }
        if (const OGRGeometry* g = feature->GetGeometryRef(); g && t.geometry != OutputGeometry::None) {
            row.geometry.bytes.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, row.geometry.bytes.data(), wkbVariantIso);
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

// required: the two layers that make the file what it is; the working CRS is read from the first.
AuditOutput read_output(const std::string& path, const char* (&required)[2], const std::string& what,
                        const std::string& hint) {
    ensure_gdal();
    GdalErrorCapture errors;
    const char* drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) {
        std::string why = errors.take();
        throw AuditError(AuditError::Kind::Input, path + ": cannot open as a GeoPackage" + (why.empty() ? "" : " (" + why + ")"),
                         hint);
    }
    if (!ds->GetLayerByName(required[0]) || !ds->GetLayerByName(required[1]))
        throw AuditError(AuditError::Kind::Input,
                         path + ": not " + what + " (it has no " + required[0] + " and " + required[1] + " layers)", hint);

    auto aliases = query_pairs(*ds, "SELECT table_name, column_name, title FROM gpkg_data_columns");

    AuditOutput out;
    out.path = path;
    const OutputTable* info = nullptr;
    std::vector<OutputTable> support;
    for (OGRLayer* layer : ds->GetLayers()) {
        const std::string name = layer->GetName();
        const char* title = layer->GetMetadataItem("DESCRIPTION");  // gpkg_contents.description
        OutputTable t = read_table(*layer, aliases[name], title ? title : "");
        if (name == required[0] && layer->GetSpatialRef()) {
            OGRSpatialReference srs(*layer->GetSpatialRef());
            char* wkt = nullptr;
            const char* options[] = {"FORMAT=WKT2_2019", nullptr};
            if (srs.exportToWkt(&wkt, options) == OGRERR_NONE && wkt) out.crs_wkt = wkt;
            CPLFree(wkt);
            srs.AutoIdentifyEPSG();
            if (const char* auth = srs.GetAuthorityName(nullptr), *code = srs.GetAuthorityCode(nullptr); auth && code)
                out.crs_authid = std::string(auth) + ":" + code;
        }
        if (kSupportTables.count(name)) support.push_back(std::move(t));
        else out.tables.push_back(std::move(t));
    }
    const OutputTable* inputs = nullptr;
    for (const auto& t : support) {
        if (t.name == "run_info") info = &t;
        if (t.name == "run_inputs") inputs = &t;
    }
    if (info) out.run_info = run_info_from_tables(*info, inputs);
    return out;
}

}  // namespace

AuditOutput read_audit_output(const std::string& path) {
    static const char* required[2] = {"parcels", "parks"};
    return read_output(path, required, "a landaudit output", "pass the .gpkg that `landaudit run` wrote");
}

AuditOutput read_change_output(const std::string& path) {
    static const char* required[2] = {"parcel_change", "park_change"};
    return read_output(path, required, "a landaudit change GeoPackage",
                       "pass the CHANGE.gpkg that `landaudit compare` wrote (NAME_change.gpkg after a run with [compare])");
}

}  // namespace landaudit
