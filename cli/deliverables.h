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
    std::string change;   // NAME_change.gpkg when the project and report include it; else empty
    std::vector<std::string> warnings;  // e.g. a change file beside that compares another output
};

// The default and alternative styles of the audit's layers, from styles/qml/.
std::vector<LayerStyle> audit_layer_styles(const std::vector<OutputTable>& tables, const DistinctValues& distinct = {});

// NAME_change.gpkg beside NAME.gpkg (the change `run` writes with [compare] earlier).
std::string change_path_beside(const std::string& gpkg_path);

// Reads the audit back from gpkg_path and writes the project and the report beside it. When
// NAME_change.gpkg is beside it and compares this very file (its run_inputs `later` digest is
// NAME.gpkg's), both include the change: a group of its layers, a section of the report. A change
// file that compares another output is left out with a warning. just_compared: the change `run`
// has just written for this output (its digest is not checked again).
DeliverablePaths write_deliverables(const std::string& gpkg_path, const ProgressFn& progress,
                                    const std::string& just_compared = {});

}  // namespace landaudit
