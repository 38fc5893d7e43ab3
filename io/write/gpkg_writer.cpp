// GeoPackage output of whole tables, through the streamed writer (io/write/geopackage_stream.h).
#include "io/write/gpkg_writer.h"

#include <algorithm>

#include "io/write/geopackage_stream.h"
#include "layers/error.h"

namespace landaudit {

void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const ProgressFn& progress) {
    write_geopackage(tables, path, working_crs, inputs, GeopackageExtras{}, progress);
}

void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const GeopackageExtras& extras, const ProgressFn& progress) {
    GeopackageStream out(path, working_crs, inputs);
    std::vector<std::size_t> layers;
    for (const OutputTable& t : tables) layers.push_back(out.add_layer(t));
    // Copied in slices, so that writing a whole table held by the caller costs a slice more memory.
    constexpr std::size_t kSlice = 20000;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const std::vector<OutputRow>& rows = tables[i].rows;
        for (std::size_t from = 0; from < rows.size(); from += kSlice)
            out.append(layers[i], std::vector<OutputRow>(rows.begin() + from,
                                                         rows.begin() + std::min(rows.size(), from + kSlice)));
        if (progress && !progress(double(i + 1) / double(tables.size()), "writing " + tables[i].name))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    out.finish(extras, nullptr);  // progress ends with the last table queued
}

}  // namespace landaudit
