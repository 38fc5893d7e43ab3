// A temporary SQLite database the audit spills a large input into, so that memory does not grow
// with the province: the file lies beside the output (else in TMPDIR) and goes away at the end of
// the run, on an exception and on SIGINT/SIGTERM (io/write/temporary_files.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace landaudit {

class TemporaryFile;

class SpillDatabase {
public:
    // `what` names the content in messages ("economics table"). Throws AuditError (Output) when
    // the file cannot be made. The page cache is bounded (kCacheMiB).
    SpillDatabase(const std::string& output_path, std::string what);
    ~SpillDatabase();
    SpillDatabase(const SpillDatabase&) = delete;
    SpillDatabase& operator=(const SpillDatabase&) = delete;

    static constexpr int kCacheMiB = 48;

    const std::string& path() const;
    sqlite3* handle() { return m_db; }
    void exec(const char* sql, const char* doing);
    // Ends the open transaction and starts the next (every write runs inside one).
    void commit(const char* doing);
    // Throws AuditError naming the file, what failed and SQLite's message, with a hint.
    [[noreturn]] void fail(const std::string& doing) const;

private:
    bool open(const std::string& path);  // false: m_db stays null, m_open_error says why

    std::string m_what;
    std::string m_open_error;
    std::unique_ptr<TemporaryFile> m_file;  // declared first: removed after the database is closed
    sqlite3* m_db = nullptr;
};

// A prepared statement of a SpillDatabase, reset after each use (bind, step…, reset).
class SpillStatement {
public:
    SpillStatement(SpillDatabase& db, const char* sql);
    ~SpillStatement();
    SpillStatement(const SpillStatement&) = delete;
    SpillStatement& operator=(const SpillStatement&) = delete;

    void bind(int index, long long value);
    void bind(int index, double value);
    void bind(int index, const std::optional<double>& value);  // NULL when unknown
    void bind(int index, const std::string& value);
    void bind(int index, const std::vector<std::uint8_t>& bytes);  // a BLOB
    bool step();  // true: a row is ready; false: done. Throws on failure
    void reset();
    void run();   // step to the end, then reset

    long long integer(int column) const;
    double real(int column) const;  // 0 for NULL
    std::optional<double> optional_real(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;  // empty for NULL

private:
    SpillDatabase& m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql;
};

}  // namespace landaudit
