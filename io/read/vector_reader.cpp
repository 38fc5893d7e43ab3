// OGR reading: open options, encodings, CRS, geometry to WKB, attributes to FieldValues.
#include "io/read/vector_reader.h"

#include <iconv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>

#include "io/read/crs_resolution.h"
#include "io/gdal_session.h"
#include "io/read/ogr_field_type.h"
#include "io/read/shapefile_encoding.h"
#include "io/read/shapefile_records.h"
#include "layers/utf8_text.h"
#include "layers/cgcs2000_zones.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

// The sidecar of a shapefile with the given extension, in whatever case it exists; empty if none.
fs::path shapefile_sidecar(const std::string& shp, const std::string& lower_ext) {
    fs::path p(shp);
    std::string upper = lower_ext;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    for (const auto& ext : {lower_ext, upper}) {
        fs::path candidate = p;
        candidate.replace_extension(ext);
        if (fs::exists(candidate)) return candidate;
    }
    return {};
}

// GDAL reports a GeoPackage layer with srs_id 0 or -1 as an "Undefined geographic/Cartesian SRS":
// that is no CRS at all, not degrees.
bool is_undefined_srs(const OGRSpatialReference& srs) {
    const char* name = srs.GetName();
    return name && std::string(name).rfind("Undefined", 0) == 0 && srs.GetAuthorityCode(nullptr) == nullptr;
}

bool is_shapefile(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".shp" || ext == ".dbf";
}

// The CRS's area of use (PROJ's, in degrees) as a box in the CRS's own coordinates, widened by
// 10 % on each side for data that spills over a zone edge; nullopt when PROJ gives none.
std::optional<OGREnvelope> area_of_use_box(const OGRSpatialReference& srs) {
    double west = 0, south = 0, east = 0, north = 0;
    const char* name = nullptr;
    if (!srs.GetAreaOfUse(&west, &south, &east, &north, &name) || west > east) return std::nullopt;
    // A Gauss–Krüger zone is routinely used a zone beyond its edges (a park across a zone line is
    // drawn in one zone); coordinates in the wrong zone or in degrees are off by 10° and more, so a
    // 3° margin still catches them.
    constexpr double kMarginDeg = 3.0;
    west = std::max(-180.0, west - kMarginDeg);
    east = std::min(180.0, east + kMarginDeg);
    south = std::max(-90.0, south - kMarginDeg);
    north = std::min(90.0, north + kMarginDeg);
    OGRSpatialReference lonlat;
    lonlat.importFromEPSG(4326);
    lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&lonlat, &srs));
    if (!ct) return std::nullopt;
    OGREnvelope box;
    bool any = false;
    constexpr int kSteps = 20;  // along each edge: a projected box's sides are curves
    for (int i = 0; i <= kSteps; ++i)
        for (int edge = 0; edge < 4; ++edge) {
            const double t = double(i) / kSteps;
            double x = edge < 2 ? west + t * (east - west) : (edge == 2 ? west : east);
            double y = edge < 2 ? (edge == 0 ? south : north) : south + t * (north - south);
            if (!ct->Transform(1, &x, &y) || !std::isfinite(x) || !std::isfinite(y)) continue;
            box.Merge(x, y);
            any = true;
        }
    if (!any) return std::nullopt;
    const double dx = 0.1 * (box.MaxX - box.MinX), dy = 0.1 * (box.MaxY - box.MinY);
    box.MinX -= dx;
    box.MaxX += dx;
    box.MinY -= dy;
    box.MaxY += dy;
    return box;
}

std::string bounds_text(const OGREnvelope& e) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "(%.3f, %.3f) – (%.3f, %.3f)", e.MinX, e.MinY, e.MaxX, e.MaxY);
    return buf;
}

FieldValue read_value(OGRFeature& f, int i, OGRFieldType type) {
    if (!f.IsFieldSetAndNotNull(i)) return {};
    switch (type) {
        case OFTInteger:
        case OFTInteger64: return static_cast<long long>(f.GetFieldAsInteger64(i));
        case OFTReal: return f.GetFieldAsDouble(i);
        case OFTDate:
        case OFTDateTime: {
            int y, m, d, hh, mm, tz;
            float ss;
            if (!f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz)) return {};
            char buf[32];
            if (type == OFTDate) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            else std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, static_cast<int>(ss));
            return std::string(buf);
        }
        default: return std::string(f.GetFieldAsString(i));
    }
}

// A ';' outside '…' and "…" in an attribute filter.
bool has_statement_separator(const std::string& filter) {
    char quote = 0;
    for (char c : filter) {
        if (quote) quote = c == quote ? 0 : quote;
        else if (c == '\'' || c == '"') quote = c;
        else if (c == ';') return true;
    }
    return false;
}

std::string list_layers(GDALDataset& ds) {
    std::string names;
    for (auto* layer : ds.GetLayers()) names += (names.empty() ? "" : ", ") + std::string(layer->GetName());
    return names.empty() ? "(none)" : names;
}

}  // namespace

VectorSource::VectorSource(const LayerSource& source) : m_config(source) {
    ensure_gdal();
    const std::string where = "[" + std::string(role_key(source.role)) + "] " + source.path;
    const bool is_db = source.path.rfind("PG:", 0) == 0;
    if (!is_db && source.path.rfind("/vsi", 0) != 0 && !fs::exists(source.path))
        throw AuditError(AuditError::Kind::Input, where + ": file does not exist",
                         "check [" + std::string(role_key(source.role)) + "] path (relative paths start at the config file's folder)");

    CPLStringList open_options;
    if (!source.encoding.empty()) {
        // GDAL hands the name to iconv and silently mis-decodes when iconv does not know it.
        iconv_t probe = iconv_open("UTF-8", normalise_encoding_name(source.encoding).c_str());
        if (probe == reinterpret_cast<iconv_t>(-1))
            throw AuditError(AuditError::Kind::Config, where + ": encoding \"" + source.encoding + "\" is not a known encoding",
                             "use e.g. \"GBK\", \"GB18030\", \"UTF-8\" or \"CP1252\"");
        iconv_close(probe);
    }
    if (is_shapefile(source.path)) {
        if (shapefile_sidecar(source.path, ".dbf").empty())
            throw AuditError(AuditError::Kind::Input, where + ": its .dbf (attribute table) is missing",
                             "copy the .shp together with its .shx, .dbf and .prj files");
        check_shapefile_record_counts(where, shapefile_sidecar(source.path, ".shx").string(),
                                      shapefile_sidecar(source.path, ".dbf").string());
        if (fs::path(source.path).extension() != ".dbf" && !shapefile_sidecar(source.path, ".shx").empty()) {
            check_shapefile_complete(where, source.path);
            m_unreadable_records = shapefile_index_problems(source.path, shapefile_sidecar(source.path, ".shx").string());
        }
        EncodingDecision enc = resolve_shapefile_encoding(source.path, source.encoding);
        m_encoding = enc.encoding;
        m_encoding_note = enc.encoding.empty() ? enc.reason : enc.encoding + " (" + enc.reason + ")";
        m_encoding_contradiction = enc.contradiction;
        open_options.SetNameValue("ENCODING", enc.encoding.c_str());
    } else if (!source.encoding.empty()) {
        throw AuditError(AuditError::Kind::Config,
                         where + ": encoding = \"" + source.encoding + "\" applies to Shapefile .dbf files only",
                         "remove the encoding key; this format stores text as UTF-8");
    }

    GdalErrorCapture errors;
    m_dataset.reset(GDALDataset::Open(source.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                      open_options.List(), nullptr));
    if (!m_dataset) {
        std::string why = errors.take();
        std::error_code size_error;
        if (fs::is_regular_file(source.path, size_error) && fs::file_size(source.path, size_error) == 0 && !size_error)
            throw AuditError(AuditError::Kind::Input, where + ": the file is empty (0 bytes)",
                             "the file was not saved completely; export it again from the source system");
        throw AuditError(AuditError::Kind::Input,
                         where + ": cannot be opened as a vector source" + (why.empty() ? "" : " (" + why + ")"),
                         "is it a Shapefile (with its .shx and .dbf), GeoPackage, GeoJSON, FileGDB folder or PG: connection, and not damaged?");
    }
    if (source.layer.empty()) {
        if (m_dataset->GetLayerCount() != 1)
            throw AuditError(AuditError::Kind::Config,
                             where + ": has " + std::to_string(m_dataset->GetLayerCount()) + " layers; name one",
                             "add layer = \"…\" under [" + std::string(role_key(source.role)) + "]; layers: " + list_layers(*m_dataset));
        m_layer = m_dataset->GetLayer(0);
    } else {
        m_layer = m_dataset->GetLayerByName(source.layer.c_str());
        if (!m_layer)
            throw AuditError(AuditError::Kind::Config, where + ": has no layer '" + source.layer + "'",
                             "layers in this source: " + list_layers(*m_dataset));
    }

    if (!source.where.empty()) {
        // Some drivers (GeoPackage, SQLite) paste the filter into their own SQL and drop whatever
        // follows a ';' without a word: "1=1; …" must not pass as a filter that silently selects all.
        if (has_statement_separator(source.where))
            throw AuditError(AuditError::Kind::Config,
                             where + ": where = \"" + source.where + "\" holds a ';' outside quotes",
                             "a where filter is one condition over the layer's fields, e.g. DLBM = '0601'; "
                             "remove the ';' and what follows it");
        GdalErrorCapture filter_errors;
        if (m_layer->SetAttributeFilter(source.where.c_str()) != OGRERR_NONE)
            throw AuditError(AuditError::Kind::Config,
                             where + ": where = \"" + source.where + "\" is not a valid attribute filter (" + filter_errors.take() + ")",
                             "write an OGR SQL WHERE clause over this layer's fields, e.g. Zoning_Cod IN ('GM','LM')");
    }
    if (!source.crs.empty()) {
        m_srs = srs_from_user_input(source.crs, "[" + std::string(role_key(source.role)) + "] crs");
    } else if (const OGRSpatialReference* s = m_layer->GetSpatialRef(); s && !is_undefined_srs(*s)) {
        // A CRS the source names but PROJ does not know (e.g. a GeoJSON "crs" member with an unknown
        // code) makes GDAL fall back to WGS 84 with only an error message: that is not the source's CRS.
        if (errors.has_failure()) {
            const std::string why = errors.take();
            if (why.find("crs") != std::string::npos || why.find("CRS") != std::string::npos ||
                why.find("SRS") != std::string::npos || why.find("proj_create") != std::string::npos)
                throw AuditError(AuditError::Kind::Input,
                                 where + ": its CRS cannot be read (" + why + "); GDAL would silently use " +
                                     (s->GetName() ? s->GetName() : "another CRS"),
                                 "fix the CRS in the source, or add crs = \"EPSG:…\" under [" +
                                     std::string(role_key(source.role)) + "] to say what it is");
        }
        m_srs.reset(s->Clone());
        m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
}

std::string VectorSource::label() const {
    std::string l = m_config.path;
    if (m_dataset && m_dataset->GetLayerCount() > 1) l += " layer '" + std::string(m_layer->GetName()) + "'";
    return l;
}

std::vector<FieldDef> VectorSource::fields() const {
    std::vector<FieldDef> out;
    OGRFeatureDefn* defn = m_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        OGRFieldDefn* fd = defn->GetFieldDefn(i);
        out.push_back({fd->GetNameRef(), field_type_of(fd->GetType()), fd->GetAlternativeNameRef()});
    }
    return out;
}

const OGRSpatialReference& VectorSource::crs() const {
    if (m_srs) return *m_srs;
    OGREnvelope e;
    std::string bounds = "unknown bounds";
    std::string guess;
    if (m_layer->GetExtent(&e, TRUE) == OGRERR_NONE) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "bounds (%.3f, %.3f) – (%.3f, %.3f)", e.MinX, e.MinY, e.MaxX, e.MaxY);
        bounds = buf;
        guess = suggest_crs_for_bounds(e.MinX, e.MinY, e.MaxX, e.MaxY);
    }
    const std::string role(role_key(m_config.role));
    std::string what = "has no CRS (no .prj or CRS in the source)";
    if (is_shapefile(m_config.path)) {
        fs::path prj = shapefile_sidecar(m_config.path, ".prj");
        if (!prj.empty()) what = "has a .prj that cannot be read as a CRS (" + prj.filename().string() + ")";
    }
    throw AuditError(AuditError::Kind::Input,
                     "[" + role + "] " + label() + ": " + what + " and the config names none; " + bounds,
                     guess + "; add crs = \"EPSG:…\" under [" + role + "]");
}

void VectorSource::require_within_area_of_use() const {
    const std::optional<OGREnvelope> usable = area_of_use_box(crs());
    OGREnvelope e;
    if (!usable || m_layer->GetExtent(&e, TRUE) != OGRERR_NONE || e.Intersects(*usable)) return;
    // A Shapefile of null shapes reports (0, 0) – (0, 0): no coordinates at all, which hygiene reports.
    if (e.MinX == 0 && e.MaxX == 0 && e.MinY == 0 && e.MaxY == 0) return;
    const char* area = nullptr;
    double w, so, ea, n;
    crs().GetAreaOfUse(&w, &so, &ea, &n, &area);
    const std::string role(role_key(m_config.role));
    throw AuditError(AuditError::Kind::Input,
                     "[" + role + "] " + label() + ": its coordinates " + bounds_text(e) + " lie outside the area of use of " +
                         describe_srs(crs()) + (area ? std::string(" (") + area + ")" : std::string()) +
                         ": they are in another CRS",
                     suggest_crs_for_bounds(e.MinX, e.MinY, e.MaxX, e.MaxY) + "; set crs = \"EPSG:…\" under [" + role +
                         "] to the CRS the coordinates are really in");
}

double VectorSource::centre_longitude() const {
    OGREnvelope e;
    if (m_layer->GetExtent(&e, TRUE) != OGRERR_NONE)
        throw AuditError(AuditError::Kind::Input, "[" + std::string(role_key(m_config.role)) + "] " + label() + ": has no extent (is it empty?)");
    OGRSpatialReference geographic;
    geographic.importFromEPSG(4490);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&crs(), &geographic));
    require_within_area_of_use();
    double x = (e.MinX + e.MaxX) / 2, y = (e.MinY + e.MaxY) / 2;
    GdalErrorCapture quiet;  // the error below says it; PROJ's own message would only repeat it
    if (!ct || !ct->Transform(1, &x, &y))
        throw AuditError(AuditError::Kind::Input, label() + ": the centre of its extent cannot be transformed to CGCS2000",
                         "check the layer's CRS");
    return x;
}

std::optional<OGREnvelope> VectorSource::geographic_extent() const {
    OGREnvelope e;
    if (!m_srs || m_layer->GetExtent(&e, TRUE) != OGRERR_NONE) return std::nullopt;
    OGRSpatialReference geographic;
    geographic.importFromEPSG(4490);
    geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    GdalErrorCapture quiet;
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&crs(), &geographic));
    if (!ct) return std::nullopt;
    OGREnvelope out;
    double xs[4] = {e.MinX, e.MaxX, e.MinX, e.MaxX}, ys[4] = {e.MinY, e.MinY, e.MaxY, e.MaxY};
    for (int i = 0; i < 4; ++i)
        if (ct->Transform(1, &xs[i], &ys[i]) && std::isfinite(xs[i]) && std::isfinite(ys[i])) out.Merge(xs[i], ys[i]);
    if (!out.IsInit()) return std::nullopt;
    return out;
}

long long VectorSource::feature_count() const { return m_layer->GetFeatureCount(TRUE); }

OGREnvelope VectorSource::extent_in(const OGRSpatialReference& working) const {
    OGREnvelope e, out;
    if (!m_srs || m_layer->GetExtent(&e, TRUE) != OGRERR_NONE) return out;
    GdalErrorCapture quiet;
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&crs(), &working));
    if (!ct) return out;
    constexpr int kSteps = 10;  // along each edge: a reprojected box's sides are curves
    for (int i = 0; i <= kSteps; ++i)
        for (int edge = 0; edge < 4; ++edge) {
            const double t = double(i) / kSteps;
            double x = edge < 2 ? e.MinX + t * (e.MaxX - e.MinX) : (edge == 2 ? e.MinX : e.MaxX);
            double y = edge < 2 ? (edge == 0 ? e.MinY : e.MaxY) : e.MinY + t * (e.MaxY - e.MinY);
            if (ct->Transform(1, &x, &y) && std::isfinite(x) && std::isfinite(y)) out.Merge(x, y);
        }
    return out;
}

SourceLayer VectorSource::read(const OGRSpatialReference& working, Diagnostics& diagnostics,
                               const ProgressFn& progress) {
    std::unique_ptr<Cursor> cursor = open_cursor(working, diagnostics, progress);
    SourceLayer out = cursor->schema();
    for (SourceLayer chunk = cursor->next(100000); !chunk.features.empty(); chunk = cursor->next(100000))
        std::move(chunk.features.begin(), chunk.features.end(), std::back_inserter(out.features));
    return out;
}

std::unique_ptr<VectorSource::Cursor> VectorSource::open_cursor(const OGRSpatialReference& working,
                                                                Diagnostics& diagnostics, const ProgressFn& progress) {
    return std::unique_ptr<Cursor>(new Cursor(*this, working, diagnostics, progress));
}

VectorSource::Cursor::Cursor(VectorSource& source, const OGRSpatialReference& working, Diagnostics& diagnostics,
                             const ProgressFn& progress)
    : m_source(source), m_diagnostics(diagnostics), m_progress(progress) {
    const LayerSource& config = source.m_config;
    SourceLayer& out = m_schema;
    out.role = config.role;
    out.path = config.path;
    out.layer_name = source.m_layer->GetName();
    const bool is_table = is_table_role(config.role);
    out.source_crs = is_table ? "" : describe_srs(source.crs());
    out.encoding = source.m_encoding;
    out.fields = source.fields();
    const std::string role(role_key(config.role));

    if (!is_table && !source.crs().IsSame(&working)) {
        m_ct.reset(OGRCreateCoordinateTransformation(&source.crs(), &working));
        if (!m_ct)
            throw AuditError(AuditError::Kind::Input, "[" + role + "] " + source.label() + ": no transformation from " +
                                                          out.source_crs + " to the working CRS " + describe_srs(working),
                             "check the layer's CRS (crs = \"EPSG:…\")");
    }
    OGRFeatureDefn* defn = source.m_layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) m_types.push_back(defn->GetFieldDefn(i)->GetType());

    // Coordinates outside the CRS's area of use are in another CRS (degrees declared as metres, the
    // neighbouring zone): a whole layer is an error (require_within_area_of_use), single features
    // are skipped and listed.
    m_usable = is_table ? std::nullopt : area_of_use_box(source.crs());
    // Three times the area of use in each direction: no real feature reaches beyond it.
    m_reach = m_usable;
    if (m_reach) {
        const double dx = m_reach->MaxX - m_reach->MinX, dy = m_reach->MaxY - m_reach->MinY;
        m_reach->MinX -= dx, m_reach->MaxX += dx, m_reach->MinY -= dy, m_reach->MaxY += dy;
    }
    if (!is_table) source.require_within_area_of_use();
    // The mapped id of a feature, so that a skipped feature's diagnostics row names it.
    const auto id_field = config.fields.find("id");
    m_id_index = id_field == config.fields.end() ? -1 : out.field_index(id_field->second);
    m_total = std::max<long long>(1, source.m_layer->GetFeatureCount(FALSE));
    source.m_extent = OGREnvelope();
    source.m_layer->ResetReading();
}

SourceLayer VectorSource::Cursor::next(std::size_t max) {
    SourceLayer out = m_schema;
    if (m_done) return out;
    VectorSource& src = m_source;
    const bool is_table = is_table_role(out.role);
    const std::string role(role_key(out.role));
    auto id_of = [&](const OGRFeature& f) {
        return m_id_index >= 0 && f.IsFieldSetAndNotNull(m_id_index) ? std::string(f.GetFieldAsString(m_id_index))
                                                                      : std::string();
    };
    Diagnostics& diagnostics = m_diagnostics;
    GdalErrorCapture errors;
    out.features.reserve(std::min<std::size_t>(max, 1 << 16));
    while (out.features.size() < max) {
        OGRFeatureUniquePtr feature(src.m_layer->GetNextFeature());
        // GDAL reports a record it cannot read (a damaged GeoPackage geometry blob, a .shx offset
        // past the .shp) as an error and goes on: that feature is skipped and listed, never audited
        // as a parcel without geometry.
        const bool failed = errors.has_failure();
        const std::string messages = errors.take();
        if (!feature) {
            if (failed)  // the layer itself, not one feature, could not be read on
                throw AuditError(AuditError::Kind::Input, "[" + role + "] " + src.label() + ": reading failed: " + messages,
                                 "the file is damaged or truncated; export it again from the source system");
            finish();
            break;
        }
        if (m_progress && ++m_seen % 1000 == 0 &&
            !m_progress(std::min(1.0, double(m_seen) / double(m_total)), "reading " + role))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
        const auto bad_record = src.m_unreadable_records.find(feature->GetFID());
        if (failed || bad_record != src.m_unreadable_records.end()) {
            const bool no_geometry =
                is_table || feature->GetGeometryRef() == nullptr || bad_record != src.m_unreadable_records.end();
            diagnostics.add({role, src.label(), feature->GetFID(), id_of(*feature),
                             no_geometry ? "unreadable_geometry" : "unreadable_feature", DiagnosticAction::Skipped,
                             std::string(no_geometry ? "the geometry cannot be read" : "the feature cannot be read") +
                                 ": " + (bad_record != src.m_unreadable_records.end() ? bad_record->second : messages) +
                                 "; the feature is left out"});
            continue;
        }
        if (!messages.empty() && m_warnings.size() < 1000) m_warnings += (m_warnings.empty() ? "" : "; ") + messages;
        else if (!messages.empty()) ++m_more_warnings;
        SourceFeature sf;
        sf.fid = feature->GetFID();
        sf.values.reserve(m_types.size());
        for (int i = 0; i < static_cast<int>(m_types.size()); ++i) {
            sf.values.push_back(read_value(*feature, i, m_types[i]));
            // Bytes that are not text in the layer's encoding must not reach the output as they are.
            if (auto* text = std::get_if<std::string>(&sf.values.back())) {
                bool changed = false;
                std::string valid = valid_utf8(*text, &changed);
                if (changed) {
                    diagnostics.add({role, src.label(), sf.fid, id_of(*feature), "invalid_text", DiagnosticAction::Repaired,
                                     "field '" + out.fields[static_cast<std::size_t>(i)].name +
                                         "' holds bytes that are not valid text" +
                                         (src.m_encoding.empty() ? "" : " in " + src.m_encoding) + "; they are shown as �"});
                    *text = std::move(valid);
                }
            }
        }
        if (const OGRGeometry* g = is_table ? nullptr : feature->GetGeometryRef()) {
            if (OGREnvelope fe; m_usable && !g->IsEmpty() && (g->getEnvelope(&fe), !fe.Intersects(*m_usable))) {
                diagnostics.add({role, src.label(), sf.fid, id_of(*feature), "outside_crs_area", DiagnosticAction::Skipped,
                                 "coordinates " + bounds_text(fe) + " lie outside the area of use of " + out.source_crs +
                                     ": this feature is in another CRS"});
                continue;
            } else if (m_reach && !g->IsEmpty() && !m_reach->Contains(fe)) {
                // One wild vertex (1e300, a typo'd easting) would otherwise be "repaired" into a
                // parcel larger than the country.
                diagnostics.add({role, src.label(), sf.fid, id_of(*feature), "outside_crs_area", DiagnosticAction::Skipped,
                                 "coordinates reach " + bounds_text(fe) + ", far beyond the area of use of " +
                                     out.source_crs + ": a vertex is wrong"});
                continue;
            }
            std::unique_ptr<OGRGeometry> geom(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
            if (geom->Is3D() || geom->IsMeasured()) {
                geom->flattenTo2D();
                ++m_flattened;
            }
            if (m_ct && geom->transform(m_ct.get()) != OGRERR_NONE) {
                diagnostics.add({role, src.label(), sf.fid, id_of(*feature), "transform_failed", DiagnosticAction::Skipped,
                                 "geometry could not be transformed to the working CRS: " + errors.take()});
            } else {
                if (!geom->IsEmpty()) {
                    OGREnvelope ge;
                    geom->getEnvelope(&ge);
                    src.m_extent.Merge(ge);
                }
                sf.geometry.bytes.resize(geom->WkbSize());
                geom->exportToWkb(wkbNDR, sf.geometry.bytes.data(), wkbVariantIso);
            }
        }
        out.features.push_back(std::move(sf));
        ++m_read;
    }
    return out;
}

// The layer's summary rows, once, when the pass reaches its end.
void VectorSource::Cursor::finish() {
    if (m_done) return;
    m_done = true;
    const std::string role(role_key(m_schema.role));
    const std::string label = m_source.label();
    if (m_more_warnings > 0) m_warnings += "; and warnings on " + std::to_string(m_more_warnings) + " more features";
    if (!m_warnings.empty())
        m_diagnostics.add({role, label, -1, {}, "gdal_warning", DiagnosticAction::Reported, m_warnings});
    if (!m_source.m_encoding_contradiction.empty())
        m_diagnostics.add({role, label, -1, {}, "encoding_contradicted", DiagnosticAction::Reported,
                           m_source.m_encoding_contradiction + " (" + m_source.m_encoding + ")"});
    if (m_flattened > 0)
        m_diagnostics.add({role, label, -1, {}, "z_or_m_dropped", DiagnosticAction::Repaired,
                           std::to_string(m_flattened) + " feature(s) had Z or M values; audited in 2D"});
}

}  // namespace landaudit
