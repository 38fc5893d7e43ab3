// The economics table and the join's totals in plain containers.
#include "layers/memory_economics_store.h"

#include <algorithm>

namespace landaudit {

MemoryEconomicsStore::MemoryEconomicsStore(const std::vector<EconomicRecord>& rows) : m_rows(rows) { seal(); }

void MemoryEconomicsStore::seal() {
    m_first.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i) m_first.emplace(YearKey{m_rows[i].year, m_rows[i].key}, i);
}

std::vector<int> MemoryEconomicsStore::years() const {
    std::vector<int> years;
    for (const auto& r : m_rows) years.push_back(r.year);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

void MemoryEconomicsStore::for_each_repeat(int year, const RepeatFn& fn) {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].year != year) continue;
        const std::size_t first = m_first.at({year, m_rows[i].key});
        if (first != i) fn(m_rows[i], m_rows[first].fid);
    }
}

std::optional<EconomicRecord> MemoryEconomicsStore::first_row(int year, const std::string& key) {
    auto it = m_first.find({year, key});
    if (it == m_first.end()) return std::nullopt;
    return m_rows[it->second];
}

void MemoryEconomicsStore::add_weight(int year, const std::string& unit, double weight) {
    UnitTotal& t = m_totals[{year, unit}];
    t.weight += weight;
    ++t.parcels;
}

std::optional<EconomicsStore::UnitTotal> MemoryEconomicsStore::total(int year, const std::string& unit) {
    auto it = m_totals.find({year, unit});
    if (it == m_totals.end()) return std::nullopt;
    return it->second;
}

void MemoryEconomicsStore::for_each_unmatched(int year, const std::function<void(const EconomicRecord& first)>& fn) {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].year == year && m_first.at({year, m_rows[i].key}) == i && !m_totals.count({year, m_rows[i].key}))
            fn(m_rows[i]);
}

}  // namespace landaudit
