// The two headers are fixed by the formats (ESRI Shapefile Technical Description 1998; dBASE III).
#include "io/read/shapefile_records.h"

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

ShapefileRecordCounts shapefile_record_counts(const std::string& shx_path, const std::string& dbf_path) {
    ShapefileRecordCounts counts;
    std::error_code ec;
    if (!shx_path.empty()) {
        const auto size = fs::file_size(shx_path, ec);
        if (!ec && size >= 100) counts.shapes = static_cast<long long>((size - 100) / 8);
    }
    if (!dbf_path.empty()) {
        std::ifstream dbf(dbf_path, std::ios::binary);
        unsigned char header[8] = {0};
        if (dbf.read(reinterpret_cast<char*>(header), sizeof header))
            counts.attributes = static_cast<long long>(std::uint32_t(header[4]) | std::uint32_t(header[5]) << 8 |
                                                       std::uint32_t(header[6]) << 16 | std::uint32_t(header[7]) << 24);
    }
    return counts;
}

void check_shapefile_record_counts(const std::string& where, const std::string& shx_path, const std::string& dbf_path) {
    const ShapefileRecordCounts c = shapefile_record_counts(shx_path, dbf_path);
    if (!c.shapes || !c.attributes || *c.shapes == *c.attributes) return;
    const long long diff = *c.shapes > *c.attributes ? *c.shapes - *c.attributes : *c.attributes - *c.shapes;
    throw AuditError(AuditError::Kind::Input,
                     where + ": its .dbf holds " + std::to_string(*c.attributes) + " records but its .shx indexes " +
                         std::to_string(*c.shapes) + " shapes; " + std::to_string(diff) +
                         (*c.shapes > *c.attributes ? " features would have no attributes" : " records belong to no shape"),
                     "the .shp, .shx and .dbf come from different saves or one was cut off: export the layer again "
                     "from the source system");
}

}  // namespace landaudit
