// A GeoPackage layer's spatial index (gpkg_rtree_index) filled in one go, packed Sort-Tile-Recursive,
// instead of SQLite's rtree module inserting the rows one by one (issue 8: at 1M parcels that took
// 27 s of a 142 s audit, alone on one core at the end of the run).
//
// GDAL makes the rtree virtual table, its triggers and the gpkg_extensions row when the layer is
// created; the writer drops the insert trigger while it bulk-writes the rows and hands it here to be
// put back once the tree is built. The tree holds exactly the boxes SQLite's rtree module would
// (the same rounding to single precision, outwards), so every spatial query finds the same rows;
// only the shape of the tree differs, and later edits in QGIS or GDAL maintain it as usual.
#pragma once

#include <string>
#include <vector>

namespace landaudit {

struct RtreeToPack {
    std::string table;                // the feature table
    std::string fid_column;           // its integer primary key
    std::string geometry_column;      // its GeoPackage geometry column
    std::string insert_trigger_sql;   // GDAL's "<rtree>_insert" trigger, put back afterwards ("" = none)
};

// Fills each layer's rtree "rtree_<table>_<geometry_column>" from the envelopes in the geometry
// blobs (rows with a NULL or empty geometry are not indexed, as GDAL's triggers do), in one
// transaction on the closed GeoPackage at `gpkg_path`. A tree that already holds rows (a GDAL
// that maintains it itself) is left as it is. Throws AuditError (Output) naming `label` and the
// layer on failure.
void pack_rtrees(const std::string& gpkg_path, const std::vector<RtreeToPack>& layers, const std::string& label);

}  // namespace landaudit
