// A finished audit read back from its GeoPackage: the layers, the working CRS and the run's
// provenance. The report, the QGIS project and the exports are all made from this, so they work
// for audits run earlier as well as for the one just run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layers/output_table.h"
#include "layers/run_info.h"

namespace landaudit {

struct AuditOutput {
    std::string path;        // the GeoPackage
    std::string crs_wkt;     // working CRS of every geometry, as WKT
    std::string crs_authid;  // e.g. "EPSG:4522"; empty when the CRS has no authority code
    std::vector<OutputTable> tables;  // the audit layers in file order (parcels, parks, …, diagnostics)
    RunInfo run_info;        // empty() for outputs written before run_info existed

    // The layer of that name, or nullptr when the output has none.
    const OutputTable* table(std::string_view name) const;
};

}  // namespace landaudit
