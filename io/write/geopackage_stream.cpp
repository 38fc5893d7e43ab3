// The streamed GeoPackage writer: a task queue drained by one writer thread that owns the dataset.
#include "io/write/geopackage_stream.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/gdal_session.h"
#include "io/read/crs_resolution.h"
#include "io/write/atomic_file.h"
#include "io/write/gpkg_styles.h"
#include "io/write/packed_rtree.h"
#include "io/write/sql_literal.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"
#include "layers/run_info_tables.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

// Batches queued beyond the one being written: enough to keep the writer busy while the next
// chunk is analysed, few enough that rows never pile up.
constexpr std::size_t kMaxQueuedTasks = 2;

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

void execute(GDALDataset& ds, const std::string& sql, const std::string& path, GdalErrorCapture& errors) {
    errors.take();
    if (OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) ds.ReleaseResultSet(result);
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

// GDAL (3.6) keeps a layer's R-tree up by a trigger on each insert, which costs more than the
// writing; the trigger is dropped while the rows are written and pack_rtrees puts it back.
RtreeToPack defer_rtree(GDALDataset& ds, OGRLayer& layer, const std::string& path, GdalErrorCapture& errors) {
    RtreeToPack rtree{layer.GetName(), layer.GetFIDColumn(), layer.GetGeometryColumn(), ""};
    const std::string trigger = "rtree_" + rtree.table + "_" + rtree.geometry_column + "_insert";
    errors.take();
    if (OGRLayer* found = ds.ExecuteSQL(("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = " +
                                         sql_literal(trigger)).c_str(), nullptr, nullptr)) {
        for (auto& f : *found)
            if (f->IsFieldSetAndNotNull(0)) rtree.insert_trigger_sql = f->GetFieldAsString(0);
        ds.ReleaseResultSet(found);
    }
    if (!rtree.insert_trigger_sql.empty()) {
        if (OGRLayer* none = ds.ExecuteSQL(("DROP TRIGGER " + sql_identifier(trigger)).c_str(), nullptr, nullptr))
            ds.ReleaseResultSet(none);
    }
    const std::string why = errors.take();
    if (!why.empty()) fail(path, "cannot prepare the spatial index of " + rtree.table + " (" + why + ")", errors);
    return rtree;
}

}  // namespace

// What the writer thread owns: the dataset, its layers and its error capture (GDAL's error
// handlers are per thread, so the capture is made on the writer thread too).
struct GeopackageStream::Dataset {
    std::unique_ptr<GdalErrorCapture> errors;
    std::unique_ptr<OGRSpatialReference> srs;
    GDALDatasetUniquePtr ds;
    std::vector<OGRLayer*> layers;
    std::vector<RtreeToPack> rtrees;  // filled in one go when the file is closed
    bool in_transaction = false;
};

GeopackageStream::GeopackageStream(const std::string& path, const std::string& working_crs,
                                   const std::vector<std::string>& inputs)
    : m_path(path), m_dataset(std::make_unique<Dataset>()) {
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
    m_temp = std::make_unique<TemporaryFile>(temporary_path_beside(target.string()));  // removed on failure or interrupt
    fs::remove(m_temp->path(), ec);
    m_writer = std::thread([this] { writer_loop(); });
    const std::string temp_path = m_temp->path();
    post([this, working_crs, temp_path] {
        Dataset& d = *m_dataset;
        d.errors = std::make_unique<GdalErrorCapture>();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) fail(m_path, "GDAL has no GPKG driver", *d.errors);
        d.srs = srs_from_user_input(working_crs, "working CRS");
        d.ds.reset(driver->Create(temp_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!d.ds) fail(m_path, "cannot create the GeoPackage", *d.errors);
    });
}

GeopackageStream::~GeopackageStream() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_tasks.clear();  // unfinished: what is queued is not written
    }
    m_changed.notify_all();
    if (m_writer.joinable()) m_writer.join();  // the writer closes the dataset as it ends
    m_dataset.reset();
    m_temp.reset();  // after the dataset is closed: then the temporary file is removed
}

void GeopackageStream::post(Task task) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_failure || m_tasks.size() < kMaxQueuedTasks; });
    if (m_failure) std::rethrow_exception(m_failure);
    m_tasks.push_back(std::move(task));
    m_changed.notify_all();
}

void GeopackageStream::wait_idle() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_failure || (m_tasks.empty() && !m_busy); });
    if (m_failure) std::rethrow_exception(m_failure);
}

void GeopackageStream::writer_loop() {
    while (true) {
        Task task;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stopping || !m_tasks.empty(); });
            if (m_stopping) break;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
            m_busy = true;
        }
        m_changed.notify_all();  // a queue slot is free
        std::exception_ptr failure;
        try {
            task();
        } catch (...) {
            failure = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_busy = false;
            if (failure && !m_failure) m_failure = failure;
            if (failure) m_tasks.clear();  // nothing after a failure is written
        }
        m_changed.notify_all();
    }
    // The dataset is closed, and GDAL's error handler popped, on the thread that pushed it: GDAL
    // keeps a stack of handlers per thread.
    m_dataset->ds.reset();
    m_dataset->errors.reset();
}

std::size_t GeopackageStream::add_layer(const OutputTable& schema) {
    auto shape_ptr = std::make_shared<const OutputTable>(
        OutputTable{schema.name, schema.title, schema.geometry, schema.fields, {}});
    m_schemas.push_back(shape_ptr);
    post([this, shape_ptr] {
        const OutputTable& shape = *shape_ptr;
        Dataset& d = *m_dataset;
        if (d.in_transaction) {  // GDAL cannot create a layer inside an open transaction
            if (d.ds->CommitTransaction() != OGRERR_NONE) fail(m_path, "cannot commit", *d.errors);
            d.in_transaction = false;
        }
        const OGRwkbGeometryType gtype = shape.geometry == OutputGeometry::None ? wkbNone : wkbMultiPolygon;
        CPLStringList options;
        if (!shape.title.empty()) options.SetNameValue("DESCRIPTION", shape.title.c_str());
        options.SetNameValue("FID", "fid");
        options.SetNameValue("SPATIAL_INDEX", gtype == wkbNone ? "NO" : "YES");
        OGRLayer* layer =
            d.ds->CreateLayer(shape.name.c_str(), gtype == wkbNone ? nullptr : d.srs.get(), gtype, options.List());
        if (!layer) fail(m_path, "cannot create layer " + shape.name, *d.errors);
        for (const FieldDef& f : shape.fields) {
            OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type));
            if (!f.alias.empty()) defn.SetAlternativeName(f.alias.c_str());
            if (layer->CreateField(&defn) != OGRERR_NONE)
                fail(m_path, "cannot create field " + shape.name + "." + f.name, *d.errors);
        }
        // The table is made now, so that layers keep the order they are declared in, whichever is
        // written first (GDAL would otherwise create it with its first row).
        if (layer->SyncToDisk() != OGRERR_NONE) fail(m_path, "cannot create layer " + shape.name, *d.errors);
        if (gtype != wkbNone) d.rtrees.push_back(defer_rtree(*d.ds, *layer, m_path, *d.errors));
        d.layers.push_back(layer);
    });
    return m_schemas.size() - 1;
}

void GeopackageStream::append(std::size_t layer_index, std::vector<OutputRow> rows) {
    if (layer_index >= m_schemas.size())
        throw AuditError(AuditError::Kind::Internal, m_path + ": rows for an undeclared layer");
    if (rows.empty()) return;
    auto batch = std::make_shared<std::vector<OutputRow>>(std::move(rows));
    post([this, layer_index, batch, shape_ptr = m_schemas[layer_index]] {
        Dataset& d = *m_dataset;
        const OutputTable& shape = *shape_ptr;
        OGRLayer* layer = d.layers.at(layer_index);
        if (!d.in_transaction) {
            if (d.ds->StartTransaction() != OGRERR_NONE) fail(m_path, "cannot start a transaction", *d.errors);
            d.in_transaction = true;
        }
        const bool spatial = shape.geometry != OutputGeometry::None;
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (OutputRow& row : *batch) {
            OGRFeature feature(defn);
            for (std::size_t i = 0; i < row.values.size() && i < shape.fields.size(); ++i) {
                const FieldValue& v = row.values[i];
                const int idx = static_cast<int>(i);
                if (std::holds_alternative<long long>(v)) feature.SetField(idx, static_cast<GIntBig>(std::get<long long>(v)));
                else if (std::holds_alternative<double>(v)) feature.SetField(idx, std::get<double>(v));
                else if (std::holds_alternative<std::string>(v)) feature.SetField(idx, std::get<std::string>(v).c_str());
                else feature.SetFieldNull(idx);
            }
            if (spatial && !row.geometry.is_null()) {
                OGRGeometry* g = nullptr;
                if (OGRGeometryFactory::createFromWkb(row.geometry.bytes.data(), d.srs.get(), &g,
                                                      row.geometry.bytes.size()) != OGRERR_NONE)
                    fail(m_path, "internal: unreadable geometry for layer " + shape.name, *d.errors);
                feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE) fail(m_path, "cannot write a feature to " + shape.name, *d.errors);
            row = OutputRow{};  // written: its memory goes back now, not with the whole batch
        }
    });
}

std::vector<std::string> GeopackageStream::distinct_text(const std::string& layer, const std::string& field) {
    auto found = std::make_shared<std::vector<std::string>>();
    const bool has_field = std::any_of(m_schemas.begin(), m_schemas.end(), [&](const auto& schema) {
        return schema->name == layer && schema->field_index(field).has_value();
    });
    if (!has_field) return {};  // as for a table without the field: no values
    post([this, layer, field, found] {
        Dataset& d = *m_dataset;
        const std::string sql = "SELECT DISTINCT CAST(" + sql_identifier(field) + " AS TEXT) FROM " + sql_identifier(layer) +
                                " WHERE " + sql_identifier(field) + " IS NOT NULL";
        OGRLayer* result = d.ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!result) fail(m_path, "cannot read the values of " + layer + "." + field, *d.errors);
        for (auto& f : *result)
            if (f->IsFieldSetAndNotNull(0) && *f->GetFieldAsString(0)) found->push_back(f->GetFieldAsString(0));
        d.ds->ReleaseResultSet(result);
    });
    wait_idle();
    std::sort(found->begin(), found->end());
    return *found;
}

void GeopackageStream::finish(const GeopackageExtras& extras, const ProgressFn& progress) {
    const std::vector<OutputTable> provenance =
        extras.run_info.empty() ? std::vector<OutputTable>{} : run_info_tables(extras.run_info);
    for (const OutputTable& t : provenance) append(add_layer(t), t.rows);
    if (progress && !progress(0.5, "writing")) throw AuditError(AuditError::Kind::Internal, "cancelled");
    std::vector<OutputTable> audit_schemas, provenance_schemas;
    for (std::size_t i = 0; i < m_schemas.size(); ++i)
        (i + provenance.size() < m_schemas.size() ? audit_schemas : provenance_schemas).push_back(*m_schemas[i]);
    post([this, &extras, audit_schemas, provenance_schemas] {
        Dataset& d = *m_dataset;
        if (d.in_transaction) {
            if (d.ds->CommitTransaction() != OGRERR_NONE) fail(m_path, "cannot commit", *d.errors);
            d.in_transaction = false;
        }
        write_aliases(*d.ds, audit_schemas, m_path, *d.errors);
        if (!extras.styles.empty()) write_layer_styles(*d.ds, extras.styles, m_path);
        if (!extras.run_info.empty()) {
            write_aliases(*d.ds, provenance_schemas, m_path, *d.errors);
            // The same key/values as GDAL metadata (gpkg_metadata), where GDAL-based tools look.
            for (const auto& [key, value] : run_info_items(extras.run_info))
                if (key != "config_text") d.ds->SetMetadataItem(("LANDAUDIT_" + key).c_str(), value.c_str());
        }
        d.ds.reset();  // closing flushes the GeoPackage
        pack_rtrees(m_temp->path(), d.rtrees, m_path);  // only then is it complete
    });
    wait_idle();
    std::error_code ec;
    fs::rename(m_temp->path(), fs::absolute(m_path).lexically_normal(), ec);
    if (ec)
        throw AuditError(AuditError::Kind::Output, m_path + ": cannot move the finished output into place (" + ec.message() + ")",
                         "check permissions of the output folder");
    m_temp->kept();
    if (progress) progress(1.0, "written");
}

}  // namespace landaudit
