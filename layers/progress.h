// GDAL-style progress reporting: a fraction in [0, 1] and a message; returning false cancels.
#pragma once

#include <functional>
#include <string_view>
#include <utility>

namespace landaudit {

using ProgressFn = std::function<bool(double fraction, std::string_view message)>;

inline bool no_progress(double, std::string_view) { return true; }

// Maps a step's own 0..1 onto its slice [from, to] of the whole run (GDAL's scaled progress).
inline ProgressFn scaled_progress(const ProgressFn& whole, double from, double to) {
    return [whole, from, to](double f, std::string_view msg) {
        return whole ? whole(from + (to - from) * f, msg) : true;
    };
}

}  // namespace landaudit
