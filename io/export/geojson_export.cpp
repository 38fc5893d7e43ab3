// GeoJSON through GDAL's driver with RFC7946=YES, which reprojects to EPSG:4326 itself.
#include "io/export/geojson_export.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "io/write/atomic_file.h"
#include "io/read/crs_resolution.h"
#include "io/gdal_session.h"
#include "io/export/ogr_row_export.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

std::vector<std::string> write_geojson_export(const OutputTable& table, const std::string& crs_wkt,
                                              const std::string& path) {
    const bool has_geometry = table.geometry != OutputGeometry::None;
    if (has_geometry && crs_wkt.empty())
        throw AuditError(AuditError::Kind::Input, path + ": the GeoPackage's " + table.name + " layer has no CRS, so it cannot be reprojected to EPSG:4326",
                         "re-run the audit with [audit] crs set, or export with --format shp");
    ensure_gdal();
    GdalErrorCapture errors;
    const std::string temp = temporary_path_beside(path);
    auto fail = [&](const std::string& what) {
        std::string why = errors.take();
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw AuditError(AuditError::Kind::Output, path + ": " + what + (why.empty() ? "" : " (" + why + ")"),
                         "check that the output folder is writable and the disk is not full");
    };
    // A table without geometry still gets WGS 84, so GDAL does not warn that it assumes it.
    std::unique_ptr<OGRSpatialReference> srs = srs_from_user_input(has_geometry ? crs_wkt : "EPSG:4326", path);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    if (!driver) fail("GDAL has no GeoJSON driver");
    {
        GDALDatasetUniquePtr ds(driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) fail("cannot create the file");
        CPLStringList options;
        options.SetNameValue("RFC7946", "YES");
        options.SetNameValue("COORDINATE_PRECISION", "7");
        if (!table.title.empty()) options.SetNameValue("DESCRIPTION", table.title.c_str());
        OGRLayer* layer = ds->CreateLayer(table.name.c_str(), srs.get(), has_geometry ? wkbMultiPolygon : wkbNone,
                                          options.List());
        if (!layer) fail("cannot create the layer");
        for (const FieldDef& def : table.fields) {
            OGRFieldDefn defn(def.name.c_str(), ogr_export_type(def.type));
            if (layer->CreateField(&defn) != OGRERR_NONE) fail("cannot create field " + def.name);
        }
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            OGRFeature feature(defn);
            if (!fill_export_feature(feature, table.rows[r], table.fields.size(), has_geometry, srs.get()))
                fail("unreadable geometry in row " + std::to_string(r + 1) + " of " + table.name);
            if (layer->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write row " + std::to_string(r + 1));
        }
    }
    if (errors.has_failure()) fail("cannot write the file");
    std::vector<std::string> warnings;
    for (const std::string& m : errors.messages()) warnings.push_back(fs::path(path).filename().string() + ": GDAL: " + m);
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) fail("cannot move the finished file into place (" + ec.message() + ")");
    return warnings;
}

}  // namespace landaudit
