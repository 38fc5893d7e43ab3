// The layer_styles table QGIS reads styles from (land-rules §9), inside an open GeoPackage.
#pragma once

#include <gdal_priv.h>

#include <string>
#include <vector>

#include "layers/layer_style.h"

namespace landaudit {

// Creates layer_styles with QGIS's schema and adds one row per style. path: for messages.
void write_layer_styles(GDALDataset& ds, const std::vector<LayerStyle>& styles, const std::string& path);

}  // namespace landaudit
