// Which fields each layer role has, checking a mapping against a source schema, and turning
// source features into domain objects.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "layers/audit_config.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"
#include "layers/seen_ids.h"
#include "layers/source_layer.h"

namespace landaudit {

struct RoleField {
    std::string key;      // config key under [<role>.fields]
    bool required = false;
    std::string meaning;  // for docs and error hints
};

// The mappable fields of a role, in documentation order.
const std::vector<RoleField>& role_fields(LayerRole role);

// Problems with a mapping against a schema: unknown keys, missing required keys, source fields
// that do not exist (with the available names as a hint). Empty when the mapping is usable.
std::vector<std::string> check_field_mapping(const LayerSource& source, const SourceLayer& layer);

// Builders. Per-feature problems (missing or duplicate id) go to diagnostics.
std::vector<Park> parks_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag);
std::vector<Parcel> parcels_from(const SourceLayer& layer, const LayerSource& source,
                                 Diagnostics& diag);
// `seen`: the ids met so far in a layer read in chunks, so that a duplicate in a later chunk is reported.
std::vector<Parcel> parcels_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                                 SeenIds& seen);
std::vector<ConstraintFeature> constraints_from(const SourceLayer& layer, const LayerSource& source,
                                                Diagnostics& diag);
// Codes in one text field separated by , ; 、 / or spaces ("C39、C27" → {"C39", "C27"}).
std::vector<std::string> split_code_list(const std::string& text);

std::vector<ApprovalBatch> approved_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag);
std::vector<SupplyRecord> supplied_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag);
std::vector<Building> buildings_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag);
std::vector<Building> buildings_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                                     SeenIds& seen);  // as parcels_from: a layer read in chunks
// Amounts are converted to 万元 (energy to tce) with [economics.units]; text amounts such as
// "1,234.5" or "12亿元" are parsed; a value that cannot be read is null plus a diagnostic.
// Rows without a key or a readable year are skipped with a diagnostic. Each record goes to `sink`
// as it is mapped, so that a province's table need not be held.
void economics_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                    const std::function<void(EconomicRecord&&)>& sink);

}  // namespace landaudit
