// Shapefile export through GDAL's driver, with the .dbf limits handled before GDAL sees a value:
// the driver would cut text at a byte (splitting a Chinese character) and warn only once per layer.
#include "io/export/shapefile_export.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "io/write/atomic_file.h"
#include "io/read/crs_resolution.h"
#include "io/export/dbf_text_export.h"
#include "io/gdal_session.h"
#include "io/export/ogr_row_export.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

constexpr int kRealWidth = 24;      // GDAL's default width of a real .dbf field
constexpr int kRealPrecision = 15;  // and its default decimals
constexpr unsigned char kLdidGbk = 0x4D;  // dBase language driver id of code page 936
constexpr std::size_t kDbfMaxNameBytes = 10;

std::string base_of(const std::string& target) { return (fs::path(target).parent_path() / fs::path(target).stem()).string(); }

bool is_text(FieldType t) { return t == FieldType::String || t == FieldType::Date; }

// Decimals that keep a real within the field's width: a park of 100 km² has 9 integer digits.
int real_precision(const OutputTable& table, std::size_t field) {
    double largest = 0;
    for (const OutputRow& row : table.rows)
        if (field < row.values.size())
            if (const auto* d = std::get_if<double>(&row.values[field]); d && std::isfinite(*d))
                largest = std::max(largest, std::fabs(*d));
    const int digits = largest < 1 ? 1 : static_cast<int>(std::floor(std::log10(largest))) + 1;
    return std::clamp(kRealWidth - 2 - digits, 0, kRealPrecision);  // 2: sign and decimal point
}

// A source field's name fitted into the .dbf's 10 bytes at a character boundary (GDAL would cut a
// Chinese name mid-character), kept unique with a _N suffix.
std::string dbf_field_name(const std::string& name, const DbfTextEncoder& encoder, std::set<std::string>& used) {
    std::string candidate = encoder.fit(name, kDbfMaxNameBytes).utf8;
    for (int n = 1; !used.insert(candidate).second; ++n) {
        const std::string suffix = "_" + std::to_string(n);
        candidate = encoder.fit(name, kDbfMaxNameBytes - suffix.size()).utf8 + suffix;
    }
    return candidate;
}

struct TextField {
    std::vector<std::string> values;  // fitted text per row (empty for null)
    std::size_t width = 1;
    std::size_t truncated = 0, replaced = 0;
    std::string first_replaced;
};

void remove_files(const std::vector<std::string>& paths) {
    std::error_code ignored;
    for (const auto& p : paths) fs::remove(p, ignored);
}

}  // namespace

std::vector<std::string> shapefile_export_files(const std::string& target, bool has_geometry) {
    const std::string base = base_of(target);
    if (!has_geometry) return {base + ".cpg", base + ".dbf"};
    return {base + ".dbf", base + ".shx", base + ".prj", base + ".cpg", base + ".shp"};
}

ShapefileExport write_shapefile_export(const OutputTable& table, const std::string& crs_wkt, const std::string& target,
                                       const std::string& encoding) {
    if (!is_shapefile_export_encoding(encoding))
        throw AuditError(AuditError::Kind::Config, target + ": unknown Shapefile encoding '" + encoding + "'",
                         "use --encoding UTF-8 or --encoding GBK");
    const bool gbk = encoding == "GBK";
    const bool has_geometry = table.geometry != OutputGeometry::None;
    const std::string name = fs::path(target).filename().string();
    const DbfTextEncoder encoder(gbk ? "CP936" : "UTF-8");
    ShapefileExport out;

    std::map<std::size_t, TextField> texts;
    for (std::size_t f = 0; f < table.fields.size(); ++f) {
        if (!is_text(table.fields[f].type)) continue;
        TextField& t = texts[f];
        t.values.reserve(table.rows.size());
        for (const OutputRow& row : table.rows) {
            const auto* s = f < row.values.size() ? std::get_if<std::string>(&row.values[f]) : nullptr;
            if (!s) {
                t.values.emplace_back();
                continue;
            }
            DbfText fitted = encoder.fit(*s);
            t.width = std::max(t.width, fitted.bytes);
            if (fitted.truncated) ++t.truncated;
            if (fitted.replaced && !t.replaced++) t.first_replaced = fitted.first_replaced;
            t.values.push_back(std::move(fitted.utf8));
        }
    }

    ensure_gdal();
    GdalErrorCapture errors;
    const std::string temp = temporary_path_beside(target);
    const std::vector<std::string> temp_files = shapefile_export_files(temp, has_geometry);
    auto fail = [&](const std::string& what) {
        std::string why = errors.take();
        remove_files(temp_files);
        throw AuditError(AuditError::Kind::Output, target + ": " + what + (why.empty() ? "" : " (" + why + ")"),
                         "check that the output folder is writable and the disk is not full");
    };
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    if (!driver) fail("GDAL has no ESRI Shapefile driver");
    std::unique_ptr<OGRSpatialReference> srs;
    if (has_geometry && !crs_wkt.empty()) srs = srs_from_user_input(crs_wkt, target);
    {
        GDALDatasetUniquePtr ds(driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) fail("cannot create the file");
        CPLStringList options;
        options.SetNameValue("ENCODING", gbk ? "CP936" : "UTF-8");
        OGRLayer* layer = ds->CreateLayer(fs::path(target).stem().c_str(), srs.get(),
                                          has_geometry ? wkbMultiPolygon : wkbNone, options.List());
        if (!layer) fail("cannot create the layer");
        std::set<std::string> used;
        for (std::size_t f = 0; f < table.fields.size(); ++f) {
            const FieldDef& def = table.fields[f];
            const OGRFieldType type = ogr_export_type(def.type);
            OGRFieldDefn defn(dbf_field_name(def.name, encoder, used).c_str(), type);
            if (type == OFTString) defn.SetWidth(static_cast<int>(texts[f].width));
            if (type == OFTReal) {
                defn.SetWidth(kRealWidth);
                defn.SetPrecision(real_precision(table, f));
            }
            if (layer->CreateField(&defn) != OGRERR_NONE) fail("cannot create field " + def.name);
            const char* written = layer->GetLayerDefn()->GetFieldDefn(static_cast<int>(f))->GetNameRef();
            if (def.name != written)
                out.warnings.push_back(name + ": field " + def.name + " is named " + written +
                                       " (a .dbf field name has at most " + std::to_string(kDbfMaxNameBytes) +
                                       " bytes in the file's encoding)");
        }
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        std::vector<const std::string*> fitted(table.fields.size(), nullptr);
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            OGRFeature feature(defn);
            for (auto& [f, t] : texts) fitted[f] = &t.values[r];
            if (!fill_export_feature(feature, table.rows[r], table.fields.size(), has_geometry, srs.get(), &fitted))
                fail("unreadable geometry in row " + std::to_string(r + 1) + " of " + table.name);
            if (layer->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write row " + std::to_string(r + 1));
        }
    }
    if (errors.has_failure()) fail("cannot write the file");
    for (const std::string& m : errors.messages()) out.warnings.push_back(name + ": GDAL: " + m);

    const std::string temp_base = base_of(temp);
    if (gbk) {
        // GDAL writes "CP936" to the .cpg and no LDID; "936" and LDID 0x4D are what ArcGIS and
        // older Chinese tools read, and GDAL and QGIS read them too.
        try {
            write_file_atomically(temp_base + ".cpg", "936");
        } catch (const AuditError&) {
            fail("cannot write the .cpg");
        }
        std::FILE* dbf = std::fopen((temp_base + ".dbf").c_str(), "r+b");
        if (!dbf || std::fseek(dbf, 29, SEEK_SET) != 0 || std::fputc(kLdidGbk, dbf) == EOF || std::fclose(dbf) != 0)
            fail("cannot set the code page of the .dbf");
    }

    const std::vector<std::string> targets = shapefile_export_files(target, has_geometry);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        std::error_code ec;
        if (!fs::exists(temp_files[i])) {
            fs::remove(targets[i], ec);  // e.g. a .prj of an earlier export of an output with a CRS
            continue;
        }
        fs::rename(temp_files[i], targets[i], ec);
        if (ec) fail("cannot move " + fs::path(targets[i]).filename().string() + " into place (" + ec.message() + ")");
        out.paths.push_back(targets[i]);
    }
    for (const char* stale : {".qix", ".sbn", ".sbx"}) {  // spatial indexes of an earlier export
        std::error_code ignored;
        fs::remove(base_of(target) + stale, ignored);
    }

    for (std::size_t f = 0; f < table.fields.size(); ++f) {
        auto t = texts.find(f);
        if (t == texts.end()) continue;
        const std::string& field = table.fields[f].name;
        if (t->second.truncated)
            out.warnings.push_back(name + ": " + std::to_string(t->second.truncated) + " value(s) of " + field + " cut to " +
                                   std::to_string(kDbfMaxTextBytes) + " bytes at a character boundary (a .dbf text field " +
                                   "holds no more; the full text is in the GeoPackage, the XLSX and the CSV export)");
        if (t->second.replaced)
            out.warnings.push_back(name + ": " + std::to_string(t->second.replaced) + " value(s) of " + field +
                                   " had characters GBK cannot hold (first: " + t->second.first_replaced +
                                   "), written as '?'; export with --encoding UTF-8 to keep them");
    }
    return out;
}

}  // namespace landaudit
