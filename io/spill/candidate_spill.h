// The redevelopment candidates spilled to a temporary SQLite file: added as the parcel chunks
// find them, read back in rank order by one ORDER BY (SQLite's sorter spills to its own temporary
// files), so memory stays within SQLite's bounded caches whatever the number of candidates.
#pragma once

#include <memory>
#include <string>

#include "io/spill/spill_database.h"
#include "layers/candidate_store.h"

namespace landaudit {

class CandidateSpill : public CandidateStore {
public:
    // The file is made beside `output_path` (see SpillDatabase) at the first add(): a run without
    // candidates makes none. add() throws AuditError (Output) when it cannot be made.
    explicit CandidateSpill(std::string output_path);
    ~CandidateSpill() override;

    // Empty until the first add().
    std::string path() const { return m_db ? m_db->path() : std::string(); }

    void add(Candidate candidate) override;
    std::size_t size() const override { return m_size; }
    void for_each_ranked(const RankedFn& fn) override;

private:
    std::string m_output_path;
    std::unique_ptr<SpillDatabase> m_db;
    std::unique_ptr<SpillStatement> m_insert;  // statements before the database: finalized first
    std::size_t m_size = 0, m_pending = 0;
    bool m_ranked = false;
};

}  // namespace landaudit
