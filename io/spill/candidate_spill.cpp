// The redevelopment candidates in a temporary SQLite file.
#include "io/spill/candidate_spill.h"

#include <cmath>

#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::size_t kRowsPerTransaction = 200000;

}  // namespace

CandidateSpill::CandidateSpill(std::string output_path) : m_output_path(std::move(output_path)) {}

CandidateSpill::~CandidateSpill() {
    m_insert.reset();  // finalized before its database closes
}

void CandidateSpill::add(Candidate c) {
    if (m_ranked) throw AuditError(AuditError::Kind::Internal, "candidates: one added after they were ranked");
    // SQLite stores NaN as NULL, which would sort apart from where ranks_before puts it.
    if (!std::isfinite(c.priority) || !std::isfinite(c.area_m2) || !std::isfinite(c.years))
        throw AuditError(AuditError::Kind::Internal, "candidate " + c.source_id + " (" + c.kind +
                                                         ") has a non-finite priority, area or years");
    if (!m_db) {
        m_db = std::make_unique<SpillDatabase>(m_output_path, "redevelopment candidates");
        // seq is the order added, the last tie-break; text compares byte for byte (BINARY), as
        // std::string does.
        m_db->exec("CREATE TABLE candidates(seq INTEGER PRIMARY KEY, park INTEGER NOT NULL, priority REAL NOT NULL, "
                   "area_m2 REAL NOT NULL, source_id TEXT NOT NULL, kind TEXT NOT NULL, years REAL NOT NULL, "
                   "geometry BLOB, detail TEXT NOT NULL)",
                   "cannot create its table");
        m_insert = std::make_unique<SpillStatement>(
            *m_db, "INSERT INTO candidates(park, priority, area_m2, source_id, kind, years, geometry, detail) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    }
    SpillStatement& s = *m_insert;
    s.bind(1, static_cast<long long>(c.park_index));
    s.bind(2, c.priority);
    s.bind(3, c.area_m2);
    s.bind(4, c.source_id);
    s.bind(5, c.kind);
    s.bind(6, c.years);
    s.bind(7, c.geometry.bytes);
    s.bind(8, c.detail);
    s.run();
    ++m_size;
    if (++m_pending == kRowsPerTransaction) {
        m_db->commit("cannot write to it");
        m_pending = 0;
    }
}

void CandidateSpill::for_each_ranked(const RankedFn& fn) {
    m_ranked = true;
    if (!m_db) return;
    m_insert.reset();
    // The order of ranks_before (layers/candidate.h), then the order added.
    SpillStatement ranked(*m_db, "SELECT park, priority, area_m2, source_id, kind, years, geometry, detail "
                                 "FROM candidates ORDER BY park, priority DESC, area_m2 DESC, source_id, kind, seq");
    Candidate c;
    while (ranked.step()) {
        const long park = static_cast<long>(ranked.integer(0));
        c.rank = c.rank > 0 && park == c.park_index ? c.rank + 1 : 1;
        c.park_index = park;
        c.priority = ranked.real(1);
        c.area_m2 = ranked.real(2);
        c.source_id = ranked.text(3);
        c.kind = ranked.text(4);
        c.years = ranked.real(5);
        c.geometry.bytes = ranked.blob(6);
        c.detail = ranked.text(7);
        fn(c);
    }
}

}  // namespace landaudit
