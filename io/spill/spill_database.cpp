// The SQLite file behind a spilled input, and its prepared statements.
#include "io/spill/spill_database.h"

#include <sqlite3.h>

#include <atomic>
#include <filesystem>

#include "io/write/atomic_file.h"
#include "io/write/postgis_output.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

// Beside the output, named as its temporary file is (".NAME.partial-PID.gpkg-spillN"), so that the
// next run's remove_stale_temporaries sweeps it after a SIGKILL. N keeps two spills of one process
// apart; with no journal, "-spillN" takes no more than the room kept for "-journal".
std::string spill_suffix() {
    static std::atomic<int> counter{0};
    return "-spill" + std::to_string(++counter % 100);
}

// Empty when the output is a database or its folder does not exist yet.
std::string path_beside_output(const std::string& output_path, const std::string& suffix) {
    std::error_code ec;
    if (output_path.empty() || is_postgis_target(output_path) ||
        !fs::is_directory(fs::absolute(output_path).parent_path(), ec))
        return {};
    return temporary_path_beside(output_path) + suffix;
}

std::string path_in_tmpdir(const std::string& suffix) {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    const std::string target = (dir / "landaudit.spill").string();
    remove_stale_temporaries(target);  // of killed runs
    return temporary_path_beside(target) + suffix;
}

}  // namespace

SpillDatabase::SpillDatabase(const std::string& output_path, std::string what) : m_what(std::move(what)) {
    const std::string suffix = spill_suffix();
    // Beside the output when its folder takes the file; else in TMPDIR, so that an output folder
    // that cannot be written is reported by the output's writer, naming the output.
    if (const std::string beside = path_beside_output(output_path, suffix); !beside.empty()) open(beside);
    if (!m_db) open(path_in_tmpdir(suffix));
    if (!m_db) fail("cannot create it");
    // A scratch file: no journal, no syncing, one connection; the cache bounds the memory it takes.
    const std::string pragmas = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; "
                                "PRAGMA temp_store = FILE; PRAGMA cache_size = -" +
                                std::to_string(kCacheMiB * 1024) + "; BEGIN;";
    exec(pragmas.c_str(), "cannot set it up");
}

bool SpillDatabase::open(const std::string& path) {
    m_file = std::make_unique<TemporaryFile>(path);
    std::error_code ec;
    fs::remove(path, ec);  // a file of an earlier process with this PID
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK) {
        m_db = db;
        return true;
    }
    m_open_error = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return false;
}

SpillDatabase::~SpillDatabase() {
    if (m_db) sqlite3_close_v2(m_db);
}

const std::string& SpillDatabase::path() const { return m_file->path(); }

void SpillDatabase::exec(const char* sql, const char* doing) {
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(doing);
}

void SpillDatabase::commit(const char* doing) { exec("COMMIT; BEGIN;", doing); }

void SpillDatabase::fail(const std::string& doing) const {
    const std::string reason = m_db ? sqlite3_errmsg(m_db) : m_open_error;
    const int code = m_db ? sqlite3_errcode(m_db) : SQLITE_NOMEM;
    std::string hint = "the " + m_what + " is spilled to this temporary file to bound memory; ";
    if (code == SQLITE_FULL || code == SQLITE_IOERR)
        hint += "the disk holding it (or TMPDIR, where SQLite sorts) is probably full: free space there or write the output to another disk (--out)";
    else
        hint += "check that its folder (the output's, else TMPDIR) is writable and has free space, or set TMPDIR to one that is";
    throw AuditError(AuditError::Kind::Output, m_what + ": temporary file " + path() + ": " + doing + ": " + reason, hint);
}

SpillStatement::SpillStatement(SpillDatabase& db, const char* sql) : m_db(db), m_sql(sql) {
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        db.fail("cannot prepare " + m_sql);
}

SpillStatement::~SpillStatement() { sqlite3_finalize(m_stmt); }

void SpillStatement::bind(int index, long long value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) m_db.fail("cannot bind " + m_sql);
}

void SpillStatement::bind(int index, double value) {
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) m_db.fail("cannot bind " + m_sql);
}

void SpillStatement::bind(int index, const std::optional<double>& value) {
    if (!value) {
        if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) m_db.fail("cannot bind " + m_sql);
        return;
    }
    bind(index, *value);
}

void SpillStatement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        m_db.fail("cannot bind " + m_sql);
}

void SpillStatement::bind(int index, const std::vector<std::uint8_t>& bytes) {
    if (sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db.fail("cannot bind " + m_sql);
}

bool SpillStatement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    m_db.fail("failed running " + m_sql);
}

void SpillStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

void SpillStatement::run() {
    while (step()) {
    }
    reset();
}

long long SpillStatement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

double SpillStatement::real(int column) const { return sqlite3_column_double(m_stmt, column); }

std::optional<double> SpillStatement::optional_real(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(m_stmt, column);
}

std::string SpillStatement::text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return bytes ? std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::vector<std::uint8_t> SpillStatement::blob(int column) const {
    const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    return bytes ? std::vector<std::uint8_t>(bytes, bytes + sqlite3_column_bytes(m_stmt, column)) : std::vector<std::uint8_t>();
}

}  // namespace landaudit
