// `landaudit export`: the audit's layers as an Excel workbook, CSV, Shapefiles or GeoJSON.
#pragma once

#include <string>
#include <vector>

#include "layers/audit_output.h"
#include "layers/layer_style.h"
#include "layers/progress.h"

namespace landaudit {

enum class ExportFormat { Xlsx, Csv, Shapefile, GeoJson };

struct ExportOptions {
    ExportFormat format = ExportFormat::Xlsx;
    std::string dir;                 // created when missing
    std::string encoding = "UTF-8";  // Shapefile .dbf: "UTF-8" or "GBK"
};

// What an export wrote, and what the format could not hold as it is in the GeoPackage.
struct ExportResult {
    std::vector<std::string> paths;     // every file written, in writing order
    std::vector<std::string> warnings;  // one line each, naming the file and field: truncated or replaced text
};

// Writes into options.dir (created when missing), every file atomically (a hidden temporary beside
// it, renamed when complete):
//   Xlsx      <gpkg stem>.xlsx, a sheet per table (styles/export/xlsx.toml), no geometry;
//   Csv       <table>.csv per table (and run_info.csv, run_inputs.csv), UTF-8 with BOM, no geometry;
//   Shapefile <layer>.shp/.shx/.dbf/.prj/.cpg per geometry layer, <table>.dbf/.cpg for diagnostics,
//             <layer>.qml with the layer's default style from `styles`;
//   GeoJson   <table>.geojson per table, RFC 7946 (EPSG:4326, 7 decimals).
// Throws AuditError (Output) naming the file when it cannot be written or would replace the
// GeoPackage or an input of the run; (Input) when a GeoJSON export meets an output without a CRS.
ExportResult export_audit(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                          const ExportOptions& options, const ProgressFn& progress);

}  // namespace landaudit
