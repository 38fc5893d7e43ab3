// A fixed table of paths the signal handler can walk without allocating (only unlink and _exit
// are called there: both are async-signal-safe).
#include "io/write/temporary_files.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "io/write/atomic_file.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

constexpr int kSlots = 32;
constexpr std::size_t kPathBytes = 4096 + 16;
constexpr const char* kSqliteSidecars[] = {"", "-journal", "-wal", "-shm"};

struct Slot {
    std::atomic<bool> used{false};
    std::array<std::array<char, kPathBytes>, 4> paths{};  // the file and its SQLite sidecars
};

std::array<Slot, kSlots> g_slots;
std::mutex g_register_mutex;

void remove_with_sidecars(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : kSqliteSidecars) fs::remove(path + suffix, ec);
}

extern "C" void on_interrupt(int sig) {
    for (auto& slot : g_slots)
        if (slot.used.load())
            for (const auto& p : slot.paths)
                if (p[0]) unlink(p.data());
    _exit(128 + sig);
}

// True when a process with that id is known not to exist.
bool process_gone(long pid) { return pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

}  // namespace

TemporaryFile::TemporaryFile(std::string path) : m_path(std::move(path)) {
    std::lock_guard<std::mutex> lock(g_register_mutex);
    for (int i = 0; i < kSlots; ++i) {
        Slot& slot = g_slots[static_cast<std::size_t>(i)];
        if (slot.used.load()) continue;
        bool fits = true;
        for (std::size_t k = 0; k < 4; ++k) {
            const std::string p = m_path + kSqliteSidecars[k];
            fits = fits && p.size() < kPathBytes;
            if (fits) std::memcpy(slot.paths[k].data(), p.c_str(), p.size() + 1);
        }
        if (!fits) break;  // not registered: the destructor still removes it, a signal cannot
        slot.used.store(true);
        m_slot = i;
        break;
    }
}

TemporaryFile::~TemporaryFile() {
    if (!m_path.empty()) remove_with_sidecars(m_path);
    kept();
}

void TemporaryFile::kept() {
    if (m_slot >= 0) g_slots[static_cast<std::size_t>(m_slot)].used.store(false);
    m_slot = -1;
    m_path.clear();
}

void install_interrupt_cleanup() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

std::vector<std::string> remove_stale_temporaries(const std::string& target) {
    // ".STEM.partial-" + PID + …, with STEM cut as temporary_path_beside cuts it.
    const fs::path probe(temporary_path_beside(target));
    const std::string name = probe.filename().string();
    const std::string prefix = name.substr(0, name.find(".partial-") + std::strlen(".partial-"));
    std::vector<std::string> removed;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(probe.parent_path(), ec)) {
        const std::string file = entry.path().filename().string();
        if (file.compare(0, prefix.size(), prefix) != 0) continue;
        std::size_t end = prefix.size();
        while (end < file.size() && std::isdigit(static_cast<unsigned char>(file[end]))) ++end;
        if (end == prefix.size()) continue;
        if (!process_gone(std::stol(file.substr(prefix.size(), end - prefix.size())))) continue;
        if (fs::remove(entry.path(), ec)) removed.push_back(entry.path().string());
    }
    return removed;
}

}  // namespace landaudit
