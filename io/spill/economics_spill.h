// The economics table spilled to a temporary SQLite file: rows added as they are read, looked up
// by (year, key) through an index, the join's totals in a table of their own. Memory stays within
// SQLite's bounded page cache whatever the table's size.
#pragma once

#include <memory>

#include "io/spill/spill_database.h"
#include "layers/economics_store.h"

namespace landaudit {

class EconomicsSpill : public EconomicsStore {
public:
    // The file beside `output_path` (see SpillDatabase). Throws AuditError (Output) on failure.
    explicit EconomicsSpill(const std::string& output_path);
    ~EconomicsSpill() override;

    const std::string& path() const { return m_db.path(); }

    void add(const EconomicRecord& row) override;
    void seal() override;
    std::size_t size() const override { return m_size; }
    std::vector<int> years() const override { return m_years; }
    void for_each_repeat(int year, const RepeatFn& fn) override;
    std::optional<EconomicRecord> first_row(int year, const std::string& key) override;
    void add_weight(int year, const std::string& unit, double weight) override;
    std::optional<UnitTotal> total(int year, const std::string& unit) override;
    void for_each_unmatched(int year, const std::function<void(const EconomicRecord& first)>& fn) override;

private:
    void written();  // one more write: a transaction is committed every kRowsPerTransaction
    void require_sealed(const char* doing) const;

    SpillDatabase m_db;
    std::unique_ptr<SpillStatement> m_insert, m_add_weight;                       // while filling / counting
    std::unique_ptr<SpillStatement> m_repeats, m_first, m_total, m_unmatched;  // once sealed
    std::size_t m_size = 0, m_pending = 0;
    std::vector<int> m_years;
    bool m_sealed = false;
};

}  // namespace landaudit
