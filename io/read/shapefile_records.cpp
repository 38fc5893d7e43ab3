// The headers are fixed by the formats (ESRI Shapefile Technical Description 1998; dBASE III):
// .shp/.shx lengths and offsets are big-endian counts of 16-bit words.
#include "io/read/shapefile_records.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

std::uint32_t big_endian(const unsigned char* b) {
    return std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | std::uint32_t(b[3]);
}

// The file length the .shp header records (bytes 24–27), in bytes; nullopt when it has no header.
std::optional<std::uint64_t> recorded_length(const std::string& shp_path) {
    std::ifstream shp(shp_path, std::ios::binary);
    unsigned char header[28];
    if (!shp.read(reinterpret_cast<char*>(header), sizeof header) || big_endian(header) != 9994) return std::nullopt;
    return std::uint64_t(big_endian(header + 24)) * 2;
}

}  // namespace

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

void check_shapefile_complete(const std::string& where, const std::string& shp_path) {
    std::error_code ec;
    const auto size = fs::file_size(shp_path, ec);
    const std::optional<std::uint64_t> recorded = recorded_length(shp_path);
    if (ec || size < 100 || !recorded || size >= *recorded) return;  // no whole header: GDAL's open error says it
    throw AuditError(AuditError::Kind::Input,
                     where + ": the .shp is cut off: its header records " + std::to_string(*recorded) +
                         " bytes but the file has " + std::to_string(size) +
                         "; every shape after the cut would be missing",
                     "the file was not copied completely: copy or export it again from the source system");
}

std::map<long long, std::string> shapefile_index_problems(const std::string& shp_path, const std::string& shx_path) {
    std::map<long long, std::string> problems;
    std::error_code ec;
    const auto shp_size = fs::file_size(shp_path, ec);
    if (ec) return problems;
    std::ifstream shx(shx_path, std::ios::binary), shp(shp_path, std::ios::binary);
    if (!shx || !shp || !shx.seekg(100)) return problems;
    std::vector<unsigned char> index((std::istreambuf_iterator<char>(shx)), std::istreambuf_iterator<char>());
    for (std::size_t i = 0; i + 8 <= index.size(); i += 8) {
        const long long record = static_cast<long long>(i / 8);
        const std::uint64_t offset = std::uint64_t(big_endian(&index[i])) * 2;
        const std::uint64_t length = std::uint64_t(big_endian(&index[i + 4])) * 2;
        const std::string entry = "the .shx gives record " + std::to_string(record + 1) + " offset " +
                                  std::to_string(offset) + " and length " + std::to_string(length);
        if (offset < 100 || offset + 8 + length > shp_size) {
            problems[record] = entry + ", outside the .shp (" + std::to_string(shp_size) + " bytes)";
            continue;
        }
        unsigned char header[8];
        shp.seekg(static_cast<std::streamoff>(offset));
        if (!shp.read(reinterpret_cast<char*>(header), sizeof header)) {
            shp.clear();
            problems[record] = entry + ", which cannot be read";
            continue;
        }
        const std::uint64_t number = big_endian(header), stored = std::uint64_t(big_endian(header + 4)) * 2;
        // Some writers number records from 0; any other number or another length is not this record.
        const bool numbered = number == static_cast<std::uint64_t>(record + 1) || number == static_cast<std::uint64_t>(record);
        if (!numbered || stored != length)
            problems[record] = entry + ", but the .shp holds record " + std::to_string(number) + " of length " +
                               std::to_string(stored) + " there";
    }
    return problems;
}

}  // namespace landaudit
