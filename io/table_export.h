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

// Returns the paths written. styles: the Shapefile export writes each layer's default style as a
// .qml sidecar.
std::vector<std::string> export_audit(const AuditOutput& output, const std::vector<LayerStyle>& styles,
                                      const ExportOptions& options, const ProgressFn& progress);

}  // namespace landaudit
