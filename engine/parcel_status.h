// A parcel's main status: the one finding a map colours it by, when it has several.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace landaudit {

// Precedence (first that applies): "redline" (REDLINE flag), "farmland" (FARMLAND), "idle_2y",
// "idle_1y", "gov_delay", "suspect" (idle status), "low_eff" (grade C or D), "outside"
// (OUTSIDE_PARK), else "compliant". idle: the idle status key, empty when not evaluated.
std::string main_status(const std::vector<std::string>& flags, std::string_view idle, std::string_view grade);

}  // namespace landaudit
