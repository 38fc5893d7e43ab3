// The economics table held in memory: for tests and for callers holding a few rows.
#pragma once

#include <map>
#include <utility>

#include "layers/economics_store.h"

namespace landaudit {

class MemoryEconomicsStore : public EconomicsStore {
public:
    MemoryEconomicsStore() = default;
    explicit MemoryEconomicsStore(const std::vector<EconomicRecord>& rows);  // added and sealed

    void add(const EconomicRecord& row) override { m_rows.push_back(row); }
    void seal() override;
    std::size_t size() const override { return m_rows.size(); }
    std::vector<int> years() const override;
    void for_each_repeat(int year, const RepeatFn& fn) override;
    std::optional<EconomicRecord> first_row(int year, const std::string& key) override;
    void add_weight(int year, const std::string& unit, double weight) override;
    std::optional<UnitTotal> total(int year, const std::string& unit) override;
    void for_each_unmatched(int year, const std::function<void(const EconomicRecord& first)>& fn) override;

private:
    using YearKey = std::pair<int, std::string>;
    std::vector<EconomicRecord> m_rows;
    std::map<YearKey, std::size_t> m_first;  // (year, key) → first row
    std::map<YearKey, UnitTotal> m_totals;
};

}  // namespace landaudit
