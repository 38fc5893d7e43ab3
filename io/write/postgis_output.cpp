// One transaction: copy the layers into NAME__landaudit_tmp, replace their style rows, then drop NAME
// and rename the new schema to it. Readers keep the previous tables until the commit (the old ones
// are locked only by the final drop), and a failure or interrupt rolls everything back.
#include "io/write/postgis_output.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "io/gdal_session.h"
#include "io/write/sql_literal.h"
#include "layers/error.h"

namespace landaudit {

namespace {

// QGIS's own definition (src/providers/postgres/qgspostgresprovider.cpp, createStyle; 3.22 adds
// `type`, later versions `r_raster_column`). QGIS matches a layer's style by catalog (database),
// schema, table and geometry column (NULL for a table without one), and by `type` (the geometry
// type's name) OR type IS NULL: our rows leave it NULL so every QGIS version takes them.
constexpr const char* kLayerStylesDdl =
    "CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, f_table_catalog varchar, "
    "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, "
    "stylesld xml, useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, "
    "update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar, r_raster_column varchar)";

std::string quoted_identifier(const std::string& s) { return "\"" + s + "\""; }

[[noreturn]] void fail(const PostgisTarget& t, const std::string& what, GdalErrorCapture& errors) {
    const std::string why = errors.take();
    throw AuditError(AuditError::Kind::Output, t.display + ": " + what + (why.empty() ? "" : " (" + why + ")"),
                     "check the connection (host, port, dbname, user) and that the user may create schemas "
                     "in that database");
}

void execute(GDALDataset& db, const std::string& sql, const PostgisTarget& t, GdalErrorCapture& errors) {
    errors.take();
    OGRLayer* result = db.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) db.ReleaseResultSet(result);
    if (errors.has_failure()) fail(t, "SQL failed: " + sql.substr(0, 120), errors);
}

// Rolls the transaction back unless it was committed (exceptions, early returns).
class Transaction {
public:
    Transaction(GDALDataset& db, const PostgisTarget& t, GdalErrorCapture& errors) : m_db(db) {
        if (m_db.StartTransaction(TRUE) != OGRERR_NONE) fail(t, "cannot start a transaction", errors);
    }
    ~Transaction() {
        if (!m_done) m_db.RollbackTransaction();
    }
    void commit(const PostgisTarget& t, GdalErrorCapture& errors) {
        if (m_db.CommitTransaction() != OGRERR_NONE) fail(t, "cannot commit the results", errors);
        m_done = true;
    }

private:
    GDALDataset& m_db;
    bool m_done = false;
};

// GDALDataset::CopyLayer opens transactions of its own, which the one around the whole publishing
// forbids: the layer is copied feature by feature instead (COPY underneath, see PG_USE_COPY).
void copy_layer(OGRLayer& from, GDALDataset& db, CPLStringList& options, const PostgisTarget& t,
                GdalErrorCapture& errors) {
    const std::string name = from.GetName();
    OGRFeatureDefn* defn = from.GetLayerDefn();
    errors.take();
    OGRLayer* to = db.CreateLayer(name.c_str(), from.GetSpatialRef(), from.GetGeomType(), options.List());
    if (!to) fail(t, "cannot create table " + t.schema + "." + name, errors);
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (to->CreateField(defn->GetFieldDefn(i)) != OGRERR_NONE)
            fail(t, "cannot create column " + name + "." + defn->GetFieldDefn(i)->GetNameRef(), errors);
    from.ResetReading();
    for (auto& feature : from) {
        OGRFeature out(to->GetLayerDefn());
        out.SetFrom(feature.get());
        out.SetFID(feature->GetFID());  // fids as in the GeoPackage: diagnostics and styles refer to rows
        if (to->CreateFeature(&out) != OGRERR_NONE) fail(t, "cannot copy a row of " + name, errors);
    }
    if (errors.has_failure()) fail(t, "cannot copy layer " + name, errors);
}

}  // namespace

bool is_postgis_target(const std::string& path) { return path.rfind("PG:", 0) == 0; }

std::string postgis_staging_path(const PostgisTarget& target) {
    return (std::filesystem::temp_directory_path() /
            ("landaudit-" + std::to_string(getpid()) + "-" + target.schema + ".gpkg"))
        .string();
}

std::string postgis_staging_schema(const PostgisTarget& target) { return target.schema + "__landaudit_tmp"; }

PostgisTarget parse_postgis_target(const std::string& path) {
    PostgisTarget t;
    std::istringstream tokens(path.substr(3));
    std::string connection, display;
    for (std::string token; tokens >> token;) {
        if (token.rfind("schemas=", 0) == 0) {
            t.schema = token.substr(8);
            continue;
        }
        connection += (connection.empty() ? "" : " ") + token;
        display += (display.empty() ? "" : " ") + (token.rfind("password=", 0) == 0 ? "password=***" : token);
    }
    // At most 48 characters, so that NAME__landaudit_tmp stays within PostgreSQL's 63.
    static const std::regex plain("[a-z_][a-z0-9_]{0,47}");
    if (t.schema.empty() || !std::regex_match(t.schema, plain))
        throw AuditError(AuditError::Kind::Config,
                         "PG:" + display + ": " +
                             (t.schema.empty() ? "no schemas= in the PostGIS output"
                                               : "schemas=" + t.schema + " is not one plain schema name"),
                         "name the one schema the results go into, in lower case, e.g. --out \"PG:dbname=gis "
                         "host=localhost schemas=audit_2025\" (it is replaced as a whole on every run)");
    t.connection = "PG:" + connection;
    t.display = "PG:" + display + " schemas=" + t.schema;
    return t;
}

void publish_to_postgis(const std::string& gpkg_path, const PostgisTarget& target,
                        const std::vector<LayerStyle>& styles, const ProgressFn& progress) {
    ensure_gdal();
    GdalErrorCapture errors;
    GDALDatasetUniquePtr gpkg(
        GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!gpkg) fail(target, "cannot read back the GeoPackage " + gpkg_path, errors);
    GDALDatasetUniquePtr db(GDALDataset::Open(target.connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr,
                                              nullptr, nullptr));
    if (!db) fail(target, "cannot connect to PostgreSQL", errors);
    CPLConfigOptionSetter copy("PG_USE_COPY", "YES", true);  // COPY, not one INSERT per row

    Transaction transaction(*db, target, errors);
    const std::string schema = quoted_identifier(target.schema);
    const std::string staging_name = postgis_staging_schema(target);
    const std::string staging = quoted_identifier(staging_name);
    execute(*db, "DROP SCHEMA IF EXISTS " + staging + " CASCADE", target, errors);  // none survives a commit
    execute(*db, "CREATE SCHEMA " + staging, target, errors);
    const int n = gpkg->GetLayerCount();
    for (int i = 0; i < n; ++i) {
        OGRLayer* layer = gpkg->GetLayer(i);
        const std::string name = layer->GetName();
        if (name == "layer_styles") continue;  // the styles go to public.layer_styles below
        CPLStringList options;
        options.SetNameValue("SCHEMA", staging_name.c_str());
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("FID", "fid");
        options.SetNameValue("LAUNDER", "NO");     // field names exactly as in the GeoPackage
        options.SetNameValue("PRECISION", "NO");   // plain float8 / varchar, not numeric(w,p)
        options.SetNameValue("SPATIAL_INDEX", "GIST");
        if (const char* title = layer->GetMetadataItem("DESCRIPTION")) options.SetNameValue("DESCRIPTION", title);
        copy_layer(*layer, *db, options, target, errors);
        if (progress && !progress(0.9 * (i + 1) / n, "PostGIS: " + name))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }

    // The swap, last: only now are the previous tables locked, for as long as a drop takes.
    execute(*db, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", target, errors);
    execute(*db, "ALTER SCHEMA " + staging + " RENAME TO " + schema, target, errors);
    execute(*db, kLayerStylesDdl, target, errors);
    execute(*db,
            "DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = " +
                sql_literal(target.schema),
            target, errors);
    for (const LayerStyle& s : styles)
        execute(*db,
                "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                "stylename, styleqml, useasdefault, description, type) VALUES (current_database(), " +
                    sql_literal(target.schema) + ", " + sql_literal(s.table) + ", " +
                    (s.geometry_column.empty() ? "NULL" : sql_literal(s.geometry_column)) + ", " +
                    sql_literal(s.name) + ", XMLPARSE(DOCUMENT " + sql_literal(s.qml) + "), " +
                    (s.is_default ? "true" : "false") + ", " + sql_literal(s.description) + ", NULL)",
                target, errors);
    transaction.commit(target, errors);
    if (progress) progress(1.0, "PostGIS: committed");
}

}  // namespace landaudit
