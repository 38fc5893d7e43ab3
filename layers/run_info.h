// Provenance of one audit run: what the engine read and how, so any figure can be traced to its
// inputs. Written to the GeoPackage's run_info and run_inputs tables and shown in the report.
#pragma once

#include <string>
#include <vector>

namespace landaudit {

// One file (or database connection) the run read: a layer's main file, each Shapefile sidecar,
// the config, each rule set.
struct InputFileRecord {
    std::string role;      // "config", "parks", "parcels", …, or "rule_set"
    std::string name;      // layer name inside the source, or the rule set's name; may be empty
    std::string path;      // absolute path, or the connection string
    std::string sha256;    // lowercase hex; empty for a database connection
    long long bytes = -1;  // file size; -1 for a connection
    long long features = -1;  // features read from the layer (main file only), else -1
    std::string crs;       // CRS the layer came in (main file only)
    std::string encoding;  // attribute encoding and why (main file only)
};

struct RunInfo {
    std::string engine_version;    // landaudit's version
    std::string audit_name;        // [audit] name
    std::string config_path;
    std::string config_text;       // the config file as read, verbatim
    std::string working_crs;       // e.g. "EPSG:4522"
    std::string working_crs_name;  // e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 34"
    std::string area_method;       // which areas the figures are, in words
    std::string as_of;             // [audit] as_of, ISO date; empty when not set
    double min_overlap_m2 = 0;
    std::string started;           // ISO 8601 with UTC offset
    std::string finished;
    std::vector<InputFileRecord> inputs;

    bool empty() const { return engine_version.empty(); }
};

}  // namespace landaudit
