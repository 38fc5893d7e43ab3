// The audit configuration as validated plain data (parsed from TOML by io/config_loader).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layers/layer_role.h"

namespace landaudit {

// Where one role's layer comes from and how its fields map onto the role's fields.
struct LayerSource {
    LayerRole role = LayerRole::Parcels;
    std::string path;      // absolute (resolved against the config file's folder) or a connection
    std::string layer;     // empty = the source's only/first layer
    std::string where;     // optional OGR SQL attribute filter, e.g. Zoning_Cod IN ('GM','LM')
    std::string encoding;  // empty = detect (override → .cpg → LDID → UTF-8 → GB18030)
    std::string crs;       // empty = from the source; else any OGR/PROJ user input, e.g. EPSG:4522
    std::map<std::string, std::string> fields;  // role field → source field name
    // [economics] only: join key, sharing rule, and the unit of each money/energy field.
    std::string join_key = "parcel";  // "parcel" or "enterprise"
    std::string share = "merge";      // "merge" or "floor_area"
    std::map<std::string, std::string> units;  // role field → unit, e.g. investment = "万元"
    // [buildings] only: the kind value(s) that mark a standard factory (标准厂房).
    std::vector<std::string> standard_factory;
    // [parcels] only: the values of [parcels.fields] supplied that mean "supplied" (trimmed, ASCII
    // letters in any case); any other non-empty value means not supplied.
    std::vector<std::string> supplied_yes = {"是", "已供", "已供应", "已供地", "1", "Y", "YES", "TRUE"};
};

// [intensity]: which rule sets grade the parcels and parks, and how data levels map onto them.
struct IntensityConfig {
    std::vector<std::string> rules;  // rule-set names (rules/NAME.toml) or paths; empty = no grading
    std::optional<int> year;         // year graded; default the latest year in the economics table
    std::map<std::string, std::string> levels;  // park level in the data → rule-set level
    std::map<std::string, std::vector<std::string>> leading;  // park id → leading industry prefixes
};

enum class InvalidGeometryPolicy { Repair, Skip };

// [idle]: the idle-land rules' parameters (闲置土地处置办法 2012, Art. 8 and 14).
struct IdleConfig {
    double fee_rate = 0.20;  // idle fee as a share of the land price (Art. 14: 20 %)
    // Values of the idle-cause field meaning government action or force majeure (Art. 8): negotiated
    // disposal, no fee. Matched as substrings.
    std::vector<std::string> government_causes = {"政府", "不可抗力"};
};

// [unsupplied]: 批而未供 parameters.
struct UnsuppliedConfig {
    std::vector<double> age_buckets = {2.0, 5.0};  // years: ≤2, 2–5, >5 (land-rules §5 [U])
    double area_tolerance_pct = 1.0;  // recorded vs polygon area difference reported above this
};

// [candidates]: priority = kind_weight[kind] + per_year × years + per_mu × 亩 (docs/indicators.md).
// The defaults put old unsupplied land (2 + years) and reclaimable idle land (3 + 2) first, then
// land idle one year, then recent unsupplied land and the other kinds.
struct CandidateConfig {
    std::map<std::string, double> kind_weight = {{"idle", 3.0},          {"unsupplied", 2.0},
                                                 {"not_operating", 1.5}, {"low_efficiency", 1.0},
                                                 {"underused", 0.5}};
    double per_year = 1.0;  // per full year idle, or per year since approval for unsupplied land
    double per_mu = 0.01;   // per 亩 of area: a tie-breaker among similar cases
};

struct AuditConfig {
    std::string config_path;
    std::string name;                 // audit title for the report and console
    std::string working_crs = "auto"; // "auto" or an EPSG/WKT/PROJ definition
    double min_overlap_m2 = 1.0;      // overlap pieces smaller than this are boundary slivers
    InvalidGeometryPolicy invalid_geometry = InvalidGeometryPolicy::Repair;
    int threads = 0;                  // 0 = all cores
    std::size_t chunk_parcels = 20000;  // parcels analysed per streaming chunk; any value gives the same results
    std::string output_path;          // absolute path of the GeoPackage to write
    // [compare]: last year's output, so that a run compares itself with it (CHANGE beside the output).
    std::string compare_earlier;  // absolute path; empty: no comparison
    std::string compare_targets;  // monitoring targets TOML; empty: rules/monitoring/targets.toml
    std::map<LayerRole, LayerSource> layers;  // only the roles present in the config
    IntensityConfig intensity;
    std::optional<std::string> as_of;  // [audit] as_of, ISO date; required for idle land and 批而未供
    IdleConfig idle;
    UnsuppliedConfig unsupplied;
    CandidateConfig candidates;

    const LayerSource* layer(LayerRole role) const {
        auto it = layers.find(role);
        return it == layers.end() ? nullptr : &it->second;
    }
};

}  // namespace landaudit
