// Runs the real landaudit binary for the CLI tests and compares folders before and after.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_config.h"

namespace cli_test {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Running the CLI

struct RunResult {
    int exit_code = -1;  // exit status, or -1 when killed by a signal
    int signal = 0;      // the signal that killed it, 0 when it exited
    std::string out;
    std::string err;
};

inline std::ostream& operator<<(std::ostream& os, const RunResult& r) {
    os << "\n  exit code: " << r.exit_code;
    if (r.signal) os << " (killed by signal " << r.signal << ": " << strsignal(r.signal) << ")";
    return os << "\n  --- stderr ---\n" << r.err << "\n  --- stdout ---\n" << r.out << "\n";
}

struct RunOptions {
    fs::path cwd;                            // empty: the test's working directory
    std::optional<rlim_t> file_size_limit;   // RLIMIT_FSIZE in bytes: simulates a full disk
};

// fork/exec of LANDAUDIT_CLI with args; stdout and stderr captured separately through pipes.
inline RunResult run_cli(const std::vector<std::string>& args, const RunOptions& options = {}) {
    std::vector<std::string> storage;
    storage.emplace_back(LANDAUDIT_CLI);
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    const std::string cwd = options.cwd.string();

    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        if (options.file_size_limit) {
            // Writes beyond the limit fail with EFBIG (as on a full disk) instead of raising SIGXFSZ.
            signal(SIGXFSZ, SIG_IGN);
            rlimit limit{*options.file_size_limit, *options.file_size_limit};
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);

    RunResult r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buf[4096];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A checking script (PyQGIS, openpyxl, coreutils) through the shell: its stdout and exit code.
// Redirect its stderr in `command` to keep the output clean.
struct ScriptResult {
    int exit_code = -1;
    std::string out;
};

inline ScriptResult run_script(const std::string& command) {
    ScriptResult r;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// ---------------------------------------------------------------------------------------------
// Files

inline std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

// Every regular file under dir (relative path → bytes): equal snapshots mean nothing was
// modified, added or removed.
using Snapshot = std::map<std::string, std::string>;

inline Snapshot snapshot(const fs::path& dir) {
    Snapshot s;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) s[fs::relative(e.path(), dir).string()] = read_bytes(e.path());
    return s;
}

inline std::string snapshot_diff(const Snapshot& before, const Snapshot& after) {
    std::string d;
    for (const auto& [k, v] : before) {
        auto it = after.find(k);
        if (it == after.end()) d += "  removed: " + k + "\n";
        else if (it->second != v) d += "  modified: " + k + "\n";
    }
    for (const auto& [k, v] : after)
        if (!before.count(k)) d += "  added: " + k + "\n";
    return d;
}

// A fresh temporary folder, removed with everything in it when the test is done.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "landaudit-test") {
        std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

}  // namespace cli_test
