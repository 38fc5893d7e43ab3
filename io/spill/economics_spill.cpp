// The economics table and the join's totals in a temporary SQLite file.
#include "io/spill/economics_spill.h"

#include <iterator>

#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::size_t kRowsPerTransaction = 200000;

// The row's columns: fid, key, year, the amounts in kAmounts' order, industry. Every query reads
// them as read_row expects.
#define LANDAUDIT_ECONOMICS_COLUMNS                                                                 \
    "fid, key, year, investment, output, revenue, tax, value_added, energy_tce, emissions_t, employees, " \
    "rd, hitech_revenue, leased_floor_m2, industry"
constexpr std::optional<double> EconomicRecord::* kAmounts[] = {
    &EconomicRecord::investment, &EconomicRecord::output,     &EconomicRecord::revenue,
    &EconomicRecord::tax,        &EconomicRecord::value_added, &EconomicRecord::energy_tce,
    &EconomicRecord::emissions_t, &EconomicRecord::employees, &EconomicRecord::rd,
    &EconomicRecord::hitech_revenue, &EconomicRecord::leased_floor_m2};
constexpr int kFirstAmount = 3;  // 0-based column of investment
constexpr int kColumns = kFirstAmount + static_cast<int>(std::size(kAmounts)) + 1;

EconomicRecord read_row(const SpillStatement& s) {
    EconomicRecord r;
    r.fid = s.integer(0);
    r.key = s.text(1);
    r.year = static_cast<int>(s.integer(2));
    for (std::size_t i = 0; i < std::size(kAmounts); ++i) r.*kAmounts[i] = s.optional_real(kFirstAmount + int(i));
    r.industry = s.text(kColumns - 1);
    return r;
}

}  // namespace

EconomicsSpill::EconomicsSpill(const std::string& output_path) : m_db(output_path, "economics table") {
    // seq is the table order; a key is compared byte for byte (BINARY), as std::string compares.
    m_db.exec("CREATE TABLE economics(seq INTEGER PRIMARY KEY, fid INTEGER NOT NULL, key TEXT NOT NULL, "
              "year INTEGER NOT NULL, investment REAL, output REAL, revenue REAL, tax REAL, value_added REAL, "
              "energy_tce REAL, emissions_t REAL, employees REAL, rd REAL, hitech_revenue REAL, "
              "leased_floor_m2 REAL, industry TEXT NOT NULL);"
              "CREATE TABLE totals(year INTEGER NOT NULL, key TEXT NOT NULL, weight REAL NOT NULL, "
              "parcels INTEGER NOT NULL, PRIMARY KEY(year, key)) WITHOUT ROWID;",
              "cannot create its tables");
    m_insert = std::make_unique<SpillStatement>(
        m_db, "INSERT INTO economics(" LANDAUDIT_ECONOMICS_COLUMNS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
              "?11, ?12, ?13, ?14, ?15)");
    // 0.0 + w: the first weight summed exactly as a total starting at 0 sums it.
    m_add_weight = std::make_unique<SpillStatement>(
        m_db, "INSERT INTO totals(year, key, weight, parcels) VALUES(?1, ?2, 0.0 + ?3, 1) ON CONFLICT(year, key) "
              "DO UPDATE SET weight = weight + excluded.weight, parcels = parcels + 1");
}

EconomicsSpill::~EconomicsSpill() = default;

void EconomicsSpill::written() {
    if (++m_pending < kRowsPerTransaction) return;
    m_db.commit("cannot write to it");
    m_pending = 0;
}

void EconomicsSpill::require_sealed(const char* doing) const {
    if (!m_sealed)
        throw AuditError(AuditError::Kind::Internal, std::string("economics table: ") + doing + " before the table is sealed");
}

void EconomicsSpill::add(const EconomicRecord& row) {
    if (m_sealed) throw AuditError(AuditError::Kind::Internal, "economics table: a row added after it was sealed");
    SpillStatement& s = *m_insert;
    s.bind(1, row.fid);
    s.bind(2, row.key);
    s.bind(3, static_cast<long long>(row.year));
    // bind() counts from 1, columns from 0.
    for (std::size_t i = 0; i < std::size(kAmounts); ++i) s.bind(kFirstAmount + 1 + int(i), row.*kAmounts[i]);
    s.bind(kColumns, row.industry);
    s.run();
    ++m_size;
    written();
}

void EconomicsSpill::seal() {
    if (m_sealed) return;
    // Built once over the whole table: far faster than kept up row by row.
    m_db.exec("CREATE INDEX economics_key ON economics(year, key); CREATE INDEX economics_year ON economics(year);",
              "cannot index it");
    m_db.commit("cannot write to it");
    m_pending = 0;
    m_insert.reset();
    SpillStatement years(m_db, "SELECT DISTINCT year FROM economics ORDER BY year");
    while (years.step()) m_years.push_back(static_cast<int>(years.integer(0)));
    // Within a year and key the index is in table order (seq is the rowid): the first row comes first.
    m_repeats = std::make_unique<SpillStatement>(
        m_db, "SELECT " LANDAUDIT_ECONOMICS_COLUMNS ", (SELECT q.fid FROM economics q WHERE q.year = r.year AND "
              "q.key = r.key ORDER BY q.seq LIMIT 1) FROM economics r WHERE r.year = ?1 AND EXISTS (SELECT 1 FROM "
              "economics q WHERE q.year = r.year AND q.key = r.key AND q.seq < r.seq) ORDER BY r.seq");
    m_first = std::make_unique<SpillStatement>(
        m_db, "SELECT " LANDAUDIT_ECONOMICS_COLUMNS " FROM economics WHERE year = ?1 AND key = ?2 ORDER BY seq LIMIT 1");
    m_total = std::make_unique<SpillStatement>(m_db, "SELECT weight, parcels FROM totals WHERE year = ?1 AND key = ?2");
    m_unmatched = std::make_unique<SpillStatement>(
        m_db, "SELECT " LANDAUDIT_ECONOMICS_COLUMNS " FROM economics r WHERE r.year = ?1 AND NOT EXISTS (SELECT 1 "
              "FROM economics q WHERE q.year = r.year AND q.key = r.key AND q.seq < r.seq) AND NOT EXISTS (SELECT 1 "
              "FROM totals t WHERE t.year = r.year AND t.key = r.key) ORDER BY r.seq");
    m_sealed = true;
}

void EconomicsSpill::for_each_repeat(int year, const RepeatFn& fn) {
    require_sealed("duplicate rows looked for");
    SpillStatement& s = *m_repeats;
    s.bind(1, static_cast<long long>(year));
    while (s.step()) fn(read_row(s), s.integer(kColumns));
    s.reset();
}

std::optional<EconomicRecord> EconomicsSpill::first_row(int year, const std::string& key) {
    require_sealed("a row looked up");
    SpillStatement& s = *m_first;
    s.bind(1, static_cast<long long>(year));
    s.bind(2, key);
    std::optional<EconomicRecord> row;
    if (s.step()) row = read_row(s);
    s.reset();
    return row;
}

void EconomicsSpill::add_weight(int year, const std::string& unit, double weight) {
    SpillStatement& s = *m_add_weight;
    s.bind(1, static_cast<long long>(year));
    s.bind(2, unit);
    s.bind(3, weight);
    s.run();
    written();
}

std::optional<EconomicsStore::UnitTotal> EconomicsSpill::total(int year, const std::string& unit) {
    require_sealed("a total looked up");
    SpillStatement& s = *m_total;
    s.bind(1, static_cast<long long>(year));
    s.bind(2, unit);
    std::optional<UnitTotal> t;
    if (s.step()) t = UnitTotal{s.real(0), static_cast<std::size_t>(s.integer(1))};
    s.reset();
    return t;
}

void EconomicsSpill::for_each_unmatched(int year, const std::function<void(const EconomicRecord& first)>& fn) {
    require_sealed("unmatched keys looked for");
    SpillStatement& s = *m_unmatched;
    s.bind(1, static_cast<long long>(year));
    while (s.step()) fn(read_row(s));
    s.reset();
}

}  // namespace landaudit
