// Writes the output layers to one GeoPackage, atomically: a temporary file renamed on success.
#pragma once

#include <string>
#include <vector>

#include "layers/layer_style.h"
#include "layers/output_table.h"
#include "layers/progress.h"
#include "layers/run_info.h"

namespace landaudit {

// working_crs: the CRS of every geometry (an EPSG code or WKT). `inputs` are the paths the run
// read: the output may not overwrite any of them. On failure nothing is left at `path` (a
// previous file there stays as it was) and the temporary file is removed.
void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const ProgressFn& progress);

// What the GeoPackage carries besides the audit layers.
struct GeopackageExtras {
    std::vector<LayerStyle> styles;  // layer_styles rows: QGIS applies the default one on load
    RunInfo run_info;                // run_info and run_inputs tables, and gpkg_metadata; skipped when empty()
};

void write_geopackage(const std::vector<OutputTable>& tables, const std::string& path,
                      const std::string& working_crs, const std::vector<std::string>& inputs,
                      const GeopackageExtras& extras, const ProgressFn& progress);

}  // namespace landaudit
