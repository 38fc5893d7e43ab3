// A geometry as ISO WKB bytes: how geometries cross from io/ to engine/ without either knowing
// the other's library.
#pragma once

#include <cstdint>
#include <vector>

namespace landaudit {

struct WkbGeometry {
    std::vector<std::uint8_t> bytes;  // empty = null geometry
    bool is_null() const { return bytes.empty(); }
};

}  // namespace landaudit
