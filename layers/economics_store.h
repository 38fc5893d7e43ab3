// The economics table as the join reads it, with the join's per-unit totals: held in memory
// (MemoryEconomicsStore) or spilled to a temporary SQLite file (io/spill), so that a province's
// table need not be held whole. The join's rules are in engine/intensity/economics_join.h.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "layers/domain.h"

namespace landaudit {

// Not thread-safe: one join at a time reads and writes it.
class EconomicsStore {
public:
    virtual ~EconomicsStore() = default;

    // Filling, in table order; then sealed once, before any lookup.
    virtual void add(const EconomicRecord& row) = 0;
    virtual void seal() = 0;
    virtual std::size_t size() const = 0;  // rows added
    virtual std::vector<int> years() const = 0;  // sorted, each once

    // The rows of `year` repeating the key of an earlier row of that year, in table order, each
    // with the source row number (fid) of the first row of its key.
    using RepeatFn = std::function<void(const EconomicRecord& repeat, long long first_fid)>;
    virtual void for_each_repeat(int year, const RepeatFn& fn) = 0;
    // The first row of `key` in `year`.
    virtual std::optional<EconomicRecord> first_row(int year, const std::string& key) = 0;

    // The join's totals per unit (parcel or enterprise) and year: weights summed in the order added.
    struct UnitTotal {
        double weight = 0.0;
        std::size_t parcels = 0;
    };
    virtual void add_weight(int year, const std::string& unit, double weight) = 0;  // one more parcel
    virtual std::optional<UnitTotal> total(int year, const std::string& unit) = 0;
    // The first rows of `year` (one per key, in table order) whose key has no total.
    virtual void for_each_unmatched(int year, const std::function<void(const EconomicRecord& first)>& fn) = 0;
};

}  // namespace landaudit
