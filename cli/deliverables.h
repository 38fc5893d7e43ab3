// The files people open, made from a finished GeoPackage: the QGIS project and the report.
#pragma once

#include <string>
#include <vector>

#include "engine/deliverables/styles/layer_styles.h"
#include "layers/audit_output.h"
#include "layers/layer_style.h"
#include "layers/output_table.h"
#include "layers/progress.h"

namespace landaudit {

struct DeliverablePaths {
    std::string project;  // NAME.qgz beside NAME.gpkg
    std::string report;   // report.html beside NAME.gpkg
};

// The default and alternative styles of the audit's layers, from styles/qml/.
std::vector<LayerStyle> audit_layer_styles(const std::vector<OutputTable>& tables, const DistinctValues& distinct = {});

// Reads the audit back from gpkg_path and writes the project and the report beside it.
DeliverablePaths write_deliverables(const std::string& gpkg_path, const ProgressFn& progress);

}  // namespace landaudit
