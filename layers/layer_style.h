// A QGIS style for one output layer: a QML document and whether QGIS applies it on load.
#pragma once

#include <string>

namespace landaudit {

struct LayerStyle {
    std::string table;                     // output layer, e.g. "parcels"
    std::string geometry_column = "geom";  // empty for a layer without geometry
    std::string name;                      // styleName, shown in QGIS's style manager
    std::string description;
    std::string qml;                       // complete QML document (<qgis …>…</qgis>)
    bool is_default = false;               // useAsDefault: QGIS applies it when the layer loads
};

}  // namespace landaudit
