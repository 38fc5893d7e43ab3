// layer_styles as QGIS itself creates it in a GeoPackage (an attributes table through OGR), so
// QGIS finds the default style of each layer when it loads it.
#include "io/write/gpkg_styles.h"

#include <ogrsf_frmts.h>

#include <ctime>

#include "io/gdal_session.h"
#include "layers/error.h"

namespace landaudit {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, GdalErrorCapture& errors) {
    std::string why = errors.take();
    throw AuditError(AuditError::Kind::Output, path + ": " + what + (why.empty() ? "" : " (" + why + ")"),
                     "check that the output folder is writable and the disk is not full");
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, int width, const std::string& path,
               GdalErrorCapture& errors, OGRFieldSubType subtype = OFSTNone, const char* default_value = nullptr) {
    OGRFieldDefn defn(name, type);
    if (width > 0) defn.SetWidth(width);
    defn.SetSubType(subtype);
    if (default_value) defn.SetDefault(default_value);
    if (layer.CreateField(&defn) != OGRERR_NONE) fail(path, std::string("cannot create layer_styles.") + name, errors);
}

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

void write_layer_styles(GDALDataset& ds, const std::vector<LayerStyle>& styles, const std::string& path) {
    GdalErrorCapture errors;
    CPLStringList options;
    options.SetNameValue("FID", "id");
    OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, options.List());
    if (!layer) fail(path, "cannot create the layer_styles table", errors);
    add_field(*layer, "f_table_catalog", OFTString, 256, path, errors);
    add_field(*layer, "f_table_schema", OFTString, 256, path, errors);
    add_field(*layer, "f_table_name", OFTString, 256, path, errors);
    add_field(*layer, "f_geometry_column", OFTString, 256, path, errors);
    add_field(*layer, "styleName", OFTString, 30, path, errors);
    add_field(*layer, "styleQML", OFTString, 0, path, errors);
    add_field(*layer, "styleSLD", OFTString, 0, path, errors);
    add_field(*layer, "useAsDefault", OFTInteger, 0, path, errors, OFSTBoolean);
    add_field(*layer, "description", OFTString, 0, path, errors);
    add_field(*layer, "owner", OFTString, 30, path, errors);
    add_field(*layer, "ui", OFTString, 30, path, errors);
    // As QGIS declares it: a style QGIS itself saves here later gets its time from the default.
    add_field(*layer, "update_time", OFTDateTime, 0, path, errors, OFSTNone, "CURRENT_TIMESTAMP");
    const std::string now = utc_now();
    if (layer->StartTransaction() != OGRERR_NONE) fail(path, "cannot start a transaction", errors);
    for (const LayerStyle& s : styles) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", s.table.c_str());
        f.SetField("f_geometry_column", s.geometry_column.c_str());
        f.SetField("styleName", s.name.c_str());
        f.SetField("styleQML", s.qml.c_str());
        f.SetField("styleSLD", "");
        f.SetField("useAsDefault", s.is_default ? 1 : 0);
        f.SetField("description", s.description.c_str());
        f.SetField("owner", "landaudit");
        f.SetField("ui", "");
        f.SetField("update_time", now.c_str());
        if (layer->CreateFeature(&f) != OGRERR_NONE) fail(path, "cannot write the style " + s.name, errors);
    }
    if (layer->CommitTransaction() != OGRERR_NONE) fail(path, "cannot commit layer_styles", errors);
}

}  // namespace landaudit
