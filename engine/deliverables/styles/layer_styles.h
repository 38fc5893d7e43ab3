// QGIS styles for the output layers, filled from the QML templates in styles/qml/: field aliases,
// and categories that depend on the data (industries). One default style per layer.
#pragma once

#include <functional>

#include <map>
#include <string>
#include <vector>

#include "layers/layer_style.h"
#include "layers/output_table.h"

namespace landaudit {

// templates: the files of styles/qml/ by file name → text (io/style_files.h read_style_folder).
// The distinct non-empty text values of a layer's field, sorted, for a style whose categories come
// from the data; by default read from the table's rows (a streamed output asks the file instead).
using DistinctValues = std::function<std::vector<std::string>(const OutputTable& table, const std::string& field)>;

std::vector<LayerStyle> build_layer_styles(const std::vector<OutputTable>& tables,
                                           const std::map<std::string, std::string>& templates,
                                           const DistinctValues& distinct = {});

}  // namespace landaudit
