// One output layer as a Shapefile for older GIS tools: .shp/.shx/.dbf/.prj/.cpg (a table without
// geometry as .dbf/.cpg only), UTF-8 or GBK. Where the format cannot hold a value as it is, the
// export changes it visibly and says so: text over 254 bytes is cut at a character boundary, and
// in GBK a character GBK lacks becomes '?'.
#pragma once

#include <string>
#include <vector>

#include "layers/output_table.h"

namespace landaudit {

// "UTF-8" or "GBK" (written as code page 936: .cpg "936" and the .dbf's LDID 0x4D).
inline bool is_shapefile_export_encoding(const std::string& e) { return e == "UTF-8" || e == "GBK"; }

// The files of a layer exported to `target` (DIR/NAME.shp, or DIR/NAME.dbf for a table without
// geometry), in the order they are moved into place.
std::vector<std::string> shapefile_export_files(const std::string& target, bool has_geometry);

struct ShapefileExport {
    std::vector<std::string> paths;     // files written
    std::vector<std::string> warnings;  // one line per field and kind of change
};

// crs_wkt: the working CRS (empty: no .prj). Writes every file under a hidden temporary name, then
// renames it into place; stale sidecars of an earlier export (.qix, .sbn, …) are removed.
// Throws AuditError (Output) naming the file.
ShapefileExport write_shapefile_export(const OutputTable& table, const std::string& crs_wkt, const std::string& target,
                                       const std::string& encoding);

}  // namespace landaudit
