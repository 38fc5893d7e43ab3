// The roles an input layer can play in an audit, with their config keys and Chinese names.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace landaudit {

enum class LayerRole { Parks, Parcels, Redline, Farmland, Buildings, Economics, Approved, Supplied };

inline constexpr std::array<LayerRole, 8> kAllRoles = {
    LayerRole::Parks,     LayerRole::Parcels,   LayerRole::Redline,  LayerRole::Farmland,
    LayerRole::Buildings, LayerRole::Economics, LayerRole::Approved, LayerRole::Supplied};

// Config table name, e.g. "parcels".
std::string_view role_key(LayerRole role);
// Chinese label for people, e.g. "宗地".
std::string_view role_label(LayerRole role);
std::optional<LayerRole> role_from_key(std::string_view key);
// Constraint layers are the ones subjects must not overlap (red line, farmland).
bool is_constraint_role(LayerRole role);
// Parks, parcels, red line and farmland must be configured; the others are optional.
bool is_required_role(LayerRole role);
// Economics is a table (CSV, XLSX, ...): it has no geometry and no CRS.
bool is_table_role(LayerRole role);

}  // namespace landaudit
