// GeoPackage output through OGR, with Chinese field aliases and layer descriptions.
#include "io/write/gpkg_writer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/read/crs_resolution.h"
#include "io/gdal_session.h"
#include "io/write/atomic_file.h"
#include "io/write/gpkg_styles.h"
#include "io/write/sql_literal.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"
#include "layers/run_info_tables.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

OGRFieldType ogr_type(FieldType t) {
    switch (t) {
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::Date: return OFTString;  // ISO text: source dates may be partial or text
        case FieldType::String: return OFTString;
    }
    return OFTString;
}

[[noreturn]] void fail(const std::string& path, const std::string& what, GdalErrorCapture& errors) {
    std::string why = errors.take();
    throw AuditError(AuditError::Kind::Output, path + ": " + what + (why.empty() ? "" : " (" + why + ")"),
                     "check that the output folder is writable and the disk is not full");
}

void write_table(GDALDataset& ds, const OutputTable& table, OGRSpatialReference& srs,
                 const std::string& path, GdalErrorCapture& errors) {
    CPLStringList options;
    if (!table.title.empty()) options.SetNameValue("DESCRIPTION", table.title.c_str());
    options.SetNameValue("FID", "fid");
    OGRwkbGeometryType gtype = table.geometry == OutputGeometry::None ? wkbNone : wkbMultiPolygon;
    OGRLayer* layer = ds.CreateLayer(table.name.c_str(), gtype == wkbNone ? nullptr : &srs, gtype, options.List());
    if (!layer) fail(path, "cannot create layer " + table.name, errors);
    for (const FieldDef& f : table.fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type));
        if (!f.alias.empty()) defn.SetAlternativeName(f.alias.c_str());
        if (layer->CreateField(&defn) != OGRERR_NONE) fail(path, "cannot create field " + table.name + "." + f.name, errors);
    }
    if (layer->StartTransaction() != OGRERR_NONE) fail(path, "cannot start a transaction", errors);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (const OutputRow& row : table.rows) {
        OGRFeature feature(defn);
        for (std::size_t i = 0; i < row.values.size() && i < table.fields.size(); ++i) {
            const FieldValue& v = row.values[i];
            const int idx = static_cast<int>(i);
            if (std::holds_alternative<long long>(v)) feature.SetField(idx, static_cast<GIntBig>(std::get<long long>(v)));
            else if (std::holds_alternative<double>(v)) feature.SetField(idx, std::get<double>(v));
            else if (std::holds_alternative<std::string>(v)) feature.SetField(idx, std::get<std::string>(v).c_str());
            else feature.SetFieldNull(idx);
        }
        if (gtype != wkbNone && !row.geometry.is_null()) {
            OGRGeometry* g = nullptr;
            if (OGRGeometryFactory::createFromWkb(row.geometry.bytes.data(), &srs, &g, row.geometry.bytes.size()) != OGRERR_NONE)
                fail(path, "internal: unreadable geometry for layer " + table.name, errors);
            feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) fail(path, "cannot write a feature to " + table.name, errors);
    }
    if (layer->CommitTransaction() != OGRERR_NONE) fail(path, "cannot commit layer " + table.name, errors);
}

void execute(GDALDataset& ds, const std::string& sql, const std::string& path, GdalErrorCapture& errors) {
    errors.take();
    ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::string why = errors.take();
    if (!why.empty()) throw AuditError(AuditError::Kind::Output, path + ": cannot record field aliases (" + why + ")");
}

// Field aliases in the GeoPackage schema extension (gpkg_data_columns), where GDAL ≥ 3.7 and QGIS
// read them; GDAL 3.6 does not write OGRFieldDefn alternative names to GeoPackage itself.
void write_aliases(GDALDataset& ds, const std::vector<OutputTable>& tables, const std::string& path,
                   GdalErrorCapture& errors) {
    execute(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
            "name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
            "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))",
            path, errors);
    execute(ds,
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
            "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
            path, errors);
    execute(ds,
            "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES "
            "('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
            path, errors);
    for (const OutputTable& t : tables)
        for (const FieldDef& f : t.fields)
            if (!f.alias.empty())
                execute(ds,
                        "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (" + sql_literal(t.name) +
                            ", " + sql_literal(f.name) + ", " + sql_literal(f.alias) + ", " + sql_literal(f.alias) + ")",
                        path, errors);
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A shapefile is several files: writing over its .dbf or .shx destroys it as surely as over the .shp.
bool is_part_of_input(const fs::path& target, const std::string& input) {
    if (same_file(target, input)) return true;
    fs::path in(input);
    if (lower(in.extension().string()) != ".shp") return false;
    std::error_code ec;
    fs::path target_dir = fs::weakly_canonical(target.parent_path(), ec);
    fs::path input_dir = fs::weakly_canonical(fs::absolute(in).parent_path(), ec);
    return target_dir == input_dir && lower(target.stem().string()) == lower(in.stem().string());
}

}  // namespace

void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const ProgressFn& progress) {
    write_geopackage(tables, path, working_crs, inputs, GeopackageExtras{}, progress);
}

void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const GeopackageExtras& extras, const ProgressFn& progress) {
    ensure_gdal();
    const fs::path target = fs::absolute(path).lexically_normal();
    for (const auto& in : inputs)
        if (is_part_of_input(target, in))
            throw AuditError(AuditError::Kind::Config, path + ": the output would overwrite the input " + in,
                             "choose another [output] path or --out");
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec)
        throw AuditError(AuditError::Kind::Output,
                         target.parent_path().string() + ": cannot create the output folder (" + ec.message() + ")",
                         "choose an output path in a folder you can write to ([output] path or --out)");
    TemporaryFile temp(temporary_path_beside(target.string()));  // removed on failure, error or interrupt
    fs::remove(temp.path(), ec);

    const std::vector<OutputTable> provenance = extras.run_info.empty() ? std::vector<OutputTable>{}
                                                                         : run_info_tables(extras.run_info);
    GdalErrorCapture errors;
    {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) fail(path, "GDAL has no GPKG driver", errors);
        auto srs = srs_from_user_input(working_crs, "working CRS");
        GDALDatasetUniquePtr ds(driver->Create(temp.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) fail(path, "cannot create the GeoPackage", errors);
        for (std::size_t i = 0; i < tables.size(); ++i) {
            write_table(*ds, tables[i], *srs, path, errors);
            if (progress && !progress(double(i + 1) / double(tables.size()), "writing " + tables[i].name))
                throw AuditError(AuditError::Kind::Internal, "cancelled");
        }
        write_aliases(*ds, tables, path, errors);
        if (!extras.styles.empty()) write_layer_styles(*ds, extras.styles, path);
        if (!extras.run_info.empty()) {
            for (const OutputTable& t : provenance) write_table(*ds, t, *srs, path, errors);
            write_aliases(*ds, provenance, path, errors);
            // The same key/values as GDAL metadata (gpkg_metadata), where GDAL-based tools look.
            for (const auto& [key, value] : run_info_items(extras.run_info))
                if (key != "config_text") ds->SetMetadataItem(("LANDAUDIT_" + key).c_str(), value.c_str());
        }
        ds.reset();  // closing flushes the GeoPackage; only then is it complete
        fs::rename(temp.path(), target, ec);
        if (ec)
            throw AuditError(AuditError::Kind::Output,
                             path + ": cannot move the finished output into place (" + ec.message() + ")",
                             "check permissions of the output folder");
        temp.kept();
    }
}

}  // namespace landaudit
