// The buildings layer a chunk at a time, as the audit reads it into its BuildingStore once, so
// that a province's layer is never held whole. io/ implements it over OGR (io/read/building_stream.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "layers/diagnostics.h"
#include "layers/domain.h"

namespace landaudit {

class BuildingSource {
public:
    virtual ~BuildingSource() = default;
    // Up to `max` buildings (max ≥ 1) mapped onto the domain, in the layer's order; an empty
    // chunk when the layer is done. Problems of reading and mapping (duplicate ids across chunks
    // included) go to `diagnostics`. One pass only.
    virtual std::vector<Building> next(std::size_t max, Diagnostics& diagnostics) = 0;
    // File and layer, for messages and diagnostics.
    virtual std::string label() const = 0;
    // Features read from the source so far (before mapping and hygiene).
    virtual std::size_t features_read() const = 0;
    // Features the source says it holds, for progress (0 when it cannot tell).
    virtual std::size_t expected_count() const = 0;
};

}  // namespace landaudit
