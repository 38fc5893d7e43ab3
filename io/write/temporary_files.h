// Temporary output files that an interrupt must not leave behind: registered while they exist,
// removed by the SIGINT/SIGTERM handler, and swept up by a later run if a process died (SIGKILL).
#pragma once

#include <string>
#include <vector>

namespace landaudit {

// A temporary file being written. While alive it is registered for removal on SIGINT/SIGTERM;
// the destructor removes it (and SQLite's -journal, -wal, -shm beside it) unless kept().
class TemporaryFile {
public:
    explicit TemporaryFile(std::string path);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::string& path() const { return m_path; }
    // The file was renamed into place: nothing to remove any more.
    void kept();

private:
    std::string m_path;
    int m_slot = -1;
};

// SIGINT and SIGTERM remove every registered temporary file and end the process with 130 / 143
// (128 + the signal), as shells expect. Call once at start-up.
void install_interrupt_cleanup();

// Removes the temporary files of processes that no longer exist (".NAME.partial-PID…" beside
// target, see io/atomic_file.h) and returns their paths, so the caller can list them.
std::vector<std::string> remove_stale_temporaries(const std::string& target);

}  // namespace landaudit
