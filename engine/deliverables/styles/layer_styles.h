// QGIS styles for the output layers, filled from the QML templates in styles/qml/: field aliases,
// and categories that depend on the data (industries). One default style per layer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layers/layer_style.h"
#include "layers/output_table.h"

namespace landaudit {

// templates: the files of styles/qml/ by file name → text (io/style_files.h read_style_folder).
std::vector<LayerStyle> build_layer_styles(const std::vector<OutputTable>& tables,
                                           const std::map<std::string, std::string>& templates);

}  // namespace landaudit
