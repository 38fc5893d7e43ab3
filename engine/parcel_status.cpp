// Conflicts with the red line and farmland come first: they are the findings a bureau must act on.
#include "engine/parcel_status.h"

#include <algorithm>

namespace landaudit {

std::string main_status(const std::vector<std::string>& flags, std::string_view idle, std::string_view grade) {
    auto has = [&](std::string_view f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
    if (has("REDLINE")) return "redline";
    if (has("FARMLAND")) return "farmland";
    for (std::string_view s : {"idle_2y", "idle_1y", "gov_delay", "suspect"})
        if (idle == s) return std::string(s);
    if (grade == "C" || grade == "D") return "low_eff";
    if (has("OUTSIDE_PARK")) return "outside";
    return "compliant";
}

}  // namespace landaudit
