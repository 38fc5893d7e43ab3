// `landaudit export`: which files each format makes, the guards every format shares (the folder,
// never replacing the GeoPackage or an input), and the warnings collected along the way.
#include "io/export/table_export.h"

#include <filesystem>
#include <map>

#include "io/write/atomic_file.h"
#include "io/export/csv_export.h"
#include "io/export/geojson_export.h"
#include "io/export/shapefile_export.h"
#include "io/export/xlsx_export.h"
#include "layers/error.h"
#include "layers/run_info_tables.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

std::string key_of(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return (ec ? fs::absolute(path).lexically_normal() : p).string();
}

// The GeoPackage and every file the run read: an export into the input folder must not replace them.
class ProtectedFiles {
public:
    explicit ProtectedFiles(const AuditOutput& output) {
        m_paths[key_of(output.path)] = "the GeoPackage being exported";
        for (const InputFileRecord& input : output.run_info.inputs)
            if (!input.path.empty()) m_paths.emplace(key_of(input.path), "an input of the audit (" + input.role + ")");
    }
    void check(const std::string& target) const {
        auto it = m_paths.find(key_of(target));
        if (it != m_paths.end())
            throw AuditError(AuditError::Kind::Output, target + ": the export would replace " + it->second,
                             "export into another folder");
    }

private:
    std::map<std::string, std::string> m_paths;
};

void ensure_folder(const std::string& dir) {
    if (dir.empty())
        throw AuditError(AuditError::Kind::Output, "no export folder given", "pass the folder to write into");
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw AuditError(AuditError::Kind::Output, dir + ": exists and is not a folder", "pass a folder to write into");
    fs::create_directories(dir, ec);
    if (ec)
        throw AuditError(AuditError::Kind::Output, dir + ": cannot create the export folder (" + ec.message() + ")",
                         "check the path and the permissions of its parent folder");
}

bool cancelled(const ProgressFn& progress, std::size_t done, std::size_t total, const std::string& what) {
    return progress && !progress(total ? static_cast<double>(done) / static_cast<double>(total) : 0.0, what);
}

[[noreturn]] void throw_cancelled(const std::string& dir) {
    throw AuditError(AuditError::Kind::Output, dir + ": export cancelled", "files written before the cancel are complete");
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) { to.insert(to.end(), from.begin(), from.end()); }

}  // namespace

ExportResult export_audit(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                          const ExportOptions& options, const ProgressFn& progress) {
    if (options.format == ExportFormat::Shapefile && !is_shapefile_export_encoding(options.encoding))
        throw AuditError(AuditError::Kind::Config, "unknown Shapefile encoding '" + options.encoding + "'",
                         "use --encoding UTF-8 or --encoding GBK");
    ensure_folder(options.dir);
    const fs::path dir(options.dir);
    const ProtectedFiles protect(output);
    std::vector<OutputTable> provenance;
    if (!output.run_info.empty()) provenance = run_info_tables(output.run_info);
    std::vector<const OutputTable*> tables;
    for (const OutputTable& t : output.tables) tables.push_back(&t);
    // Provenance is tabular: it goes into the workbook and the CSV files, not into map formats.
    std::vector<const OutputTable*> with_provenance = tables;
    for (const OutputTable& t : provenance) with_provenance.push_back(&t);

    ExportResult result;
    switch (options.format) {
        case ExportFormat::Xlsx: {
            const XlsxLayout layout = load_xlsx_layout();
            const std::string path = (dir / (fs::path(output.path).stem().string() + ".xlsx")).string();
            protect.check(path);
            result.warnings = write_xlsx_export(with_provenance, output, layout, path, progress);
            result.paths.push_back(path);
            break;
        }
        case ExportFormat::Csv: {
            for (const OutputTable* t : with_provenance) protect.check((dir / (t->name + ".csv")).string());
            for (std::size_t i = 0; i < with_provenance.size(); ++i) {
                const std::string path = (dir / (with_provenance[i]->name + ".csv")).string();
                if (cancelled(progress, i, with_provenance.size(), "csv " + with_provenance[i]->name)) throw_cancelled(options.dir);
                write_csv_export(*with_provenance[i], path);
                result.paths.push_back(path);
            }
            break;
        }
        case ExportFormat::Shapefile: {
            auto target = [&](const OutputTable& t) {
                return (dir / (t.name + (t.geometry == OutputGeometry::None ? ".dbf" : ".shp"))).string();
            };
            for (const OutputTable* t : tables) {
                for (const auto& f : shapefile_export_files(target(*t), t->geometry != OutputGeometry::None)) protect.check(f);
                protect.check((dir / (t->name + ".qml")).string());
            }
            for (std::size_t i = 0; i < tables.size(); ++i) {
                const OutputTable& t = *tables[i];
                if (cancelled(progress, i, tables.size(), "shp " + t.name)) throw_cancelled(options.dir);
                ShapefileExport written = write_shapefile_export(t, output.crs_wkt, target(t), options.encoding);
                append(result.paths, written.paths);
                append(result.warnings, written.warnings);
                for (const LayerStyle& s : styles)
                    if (s.table == t.name && s.is_default && !s.qml.empty()) {
                        const std::string qml = (dir / (t.name + ".qml")).string();
                        write_file_atomically(qml, s.qml);
                        result.paths.push_back(qml);
                        break;
                    }
            }
            break;
        }
        case ExportFormat::GeoJson: {
            for (const OutputTable* t : tables) protect.check((dir / (t->name + ".geojson")).string());
            for (std::size_t i = 0; i < tables.size(); ++i) {
                const std::string path = (dir / (tables[i]->name + ".geojson")).string();
                if (cancelled(progress, i, tables.size(), "geojson " + tables[i]->name)) throw_cancelled(options.dir);
                append(result.warnings, write_geojson_export(*tables[i], output.crs_wkt, path));
                result.paths.push_back(path);
            }
            break;
        }
    }
    if (progress) progress(1.0, "export");
    return result;
}

}  // namespace landaudit
