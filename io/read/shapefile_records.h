// Record counts and the record index of a Shapefile's parts, read from their headers: a .dbf with
// fewer (or more) records than the .shx has shapes silently drops or shifts attributes in GDAL, and
// a .shx entry pointing at no record gives a null shape without a word.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace landaudit {

struct ShapefileRecordCounts {
    std::optional<long long> shapes;      // from the .shx: (file length − 100) / 8
    std::optional<long long> attributes;  // from the .dbf header (bytes 4–7)
};

ShapefileRecordCounts shapefile_record_counts(const std::string& shx_path, const std::string& dbf_path);

// Throws AuditError (Input) naming the files and both counts when they differ. `where` names the
// layer for the message ("parcels: /data/宗地.shp").
void check_shapefile_record_counts(const std::string& where, const std::string& shx_path, const std::string& dbf_path);

// Throws AuditError (Input) when the .shp is shorter than the length its header records: the file
// was cut off (an interrupted copy), so every record after the cut is lost, not one bad feature.
void check_shapefile_complete(const std::string& where, const std::string& shp_path);

// The .shx entries that do not lead to their record in the .shp, by record index (= OGR FID):
// an offset or length outside the file, or a record header with another number or length. Each
// such feature is skipped as unreadable_geometry; why, for the diagnostics row.
std::map<long long, std::string> shapefile_index_problems(const std::string& shp_path, const std::string& shx_path);

}  // namespace landaudit
