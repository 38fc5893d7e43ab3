// Record counts of a Shapefile's parts, read from their headers: a .dbf with fewer (or more)
// records than the .shx has shapes silently drops or shifts attributes in GDAL.
#pragma once

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

}  // namespace landaudit
