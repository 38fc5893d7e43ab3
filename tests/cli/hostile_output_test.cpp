// Hostile output conditions (issue 9): output names at and beyond the file-name limit, interrupts
// during a run, temporaries left by a dead run, outputs that cannot be written, and CRSs that
// contradict the coordinates. Nothing may be left beside the output; `check` reports the input
// problems before a run.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "hostile_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;

class HostileOutput : public HostileFixture {
protected:
    // The hidden temporaries (".NAME.partial-PID…") in the output folder.
    std::vector<fs::path> temporaries() const {
        std::vector<fs::path> found;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(out_dir(), ec))
            if (contains(e.path().filename().string(), ".partial-")) found.push_back(e.path());
        return found;
    }
    // Starts `run` on the copy, sends `sig` as soon as its temporary GeoPackage exists (it is then
    // writing) and returns the exit status; stdout and stderr go to files in the test folder.
    // Returns -1 when the run ended before a temporary was seen.
    int interrupted_run(int sig, bool* seen_temporary) {
        const std::string config = (sample / "audit.toml").string();
        const std::string log = (dir->path() / "interrupted.log").string();
        const pid_t pid = fork();
        if (pid == 0) {
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            execl(LANDAUDIT_CLI, LANDAUDIT_CLI, "run", config.c_str(), "--no-progress", "--no-report", nullptr);
            _exit(127);
        }
        *seen_temporary = false;
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            if (!temporaries().empty()) {
                *seen_temporary = true;
                kill(pid, sig);
                waitpid(pid, &status, 0);
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        ADD_FAILURE() << "the run did not end within 120 s";
        return -1;
    }
    // An interrupt while the GeoPackage is written: the handler removes the temporary and its
    // journal and exits 128 + the signal; the previous output stays as it was.
    void expect_interrupt_cleans_up(int sig, int exit_code) {
        ASSERT_EQ(run().exit_code, 0);
        const std::string previous = read_bytes(output());
        const Snapshot inputs = snapshot(sample);
        bool seen = false;
        int code = -1;
        for (int attempt = 0; attempt < 5 && !seen; ++attempt) code = interrupted_run(sig, &seen);
        ASSERT_TRUE(seen) << "the run never got to writing while watched";
        EXPECT_EQ(code, exit_code) << read_bytes(dir->path() / "interrupted.log");
        EXPECT_TRUE(temporaries().empty()) << "left behind: " << temporaries().front();
        EXPECT_EQ(read_bytes(output()), previous) << "the previous output must stay intact";
        EXPECT_EQ(snapshot_diff(inputs, snapshot(sample)), "");
        expect_only_output_left();
    }
    // A process id that no longer exists: a child that has exited and been reaped.
    static pid_t dead_pid() {
        const pid_t pid = fork();
        if (pid == 0) _exit(0);
        int status = 0;
        waitpid(pid, &status, 0);
        return pid;
    }
};

// A 250-byte file name is legal: the temporary beside it (".NAME.partial-PID.gpkg" and SQLite's
// "-journal") must still fit in 255 bytes, and the output is written under its full name.
TEST_F(HostileOutput, OutputName250BytesIsWritten) {
    const std::string name = std::string(245, 'a') + ".gpkg";
    ASSERT_EQ(name.size(), 250u);
    const fs::path out = out_dir() / name;
    const Snapshot inputs = snapshot(sample);
    RunResult r = run_cli({"run", (sample / "audit.toml").string(), "--no-progress", "--no-report", "--out", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(snapshot_diff(inputs, snapshot(sample)), "");
    EXPECT_TRUE(fs::exists(out));
    GDALDatasetUniquePtr ds = open_vector(out.string());
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayerByName("parcels")->GetFeatureCount(), 479);
    for (const auto& e : fs::directory_iterator(out_dir())) EXPECT_EQ(e.path().filename(), name) << e.path();
}

// 256 bytes is beyond the OS limit: a clear error naming the limit, before any work, no hint about
// permissions, nothing written.
TEST_F(HostileOutput, OutputName256BytesIsAClearError) {
    const std::string name = std::string(251, 'a') + ".gpkg";
    RunResult r = run({"--out", (out_dir() / name).string()});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, "the file name is 256 bytes; file systems allow at most 255 bytes")) << r;
    EXPECT_TRUE(contains(r.err, "hint: choose a shorter output file name")) << r;
    EXPECT_FALSE(contains(r.out, "Intensity")) << "nothing is analysed" << r;
    EXPECT_FALSE(fs::exists(out_dir()) && !fs::is_empty(out_dir()));
}

// Ctrl-C and kill (SIGINT, SIGTERM) while writing, with the real binary.
TEST_F(HostileOutput, SigintWhileWritingRemovesTheTemporaryAndExits130) { expect_interrupt_cleans_up(SIGINT, 130); }

TEST_F(HostileOutput, SigtermWhileWritingRemovesTheTemporaryAndExits143) { expect_interrupt_cleans_up(SIGTERM, 143); }

// A temporary and its journal left by a process that died (SIGKILL, a power cut) are removed by
// the next run and listed; one of a process that is still alive is left alone.
TEST_F(HostileOutput, StaleTemporaryOfADeadProcessIsRemovedAndListed) {
    fs::create_directories(out_dir());
    const fs::path stale = out_dir() / (".sample_audit.partial-" + std::to_string(dead_pid()) + ".gpkg");
    write_bytes(stale, "half a GeoPackage");
    write_bytes(stale.string() + "-journal", "its journal");
    const fs::path alive = out_dir() / (".sample_audit.partial-" + std::to_string(getpid()) + ".gpkg");
    write_bytes(alive, "another run, still writing");
    const Snapshot inputs = snapshot(sample);
    RunResult r = run_cli({"run", (sample / "audit.toml").string(), "--no-progress", "--no-report"});
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(stale.string() + "-journal"));
    EXPECT_TRUE(contains(r.out, "Removed " + stale.string() + ", left by an interrupted run")) << r;
    EXPECT_TRUE(fs::exists(alive)) << "the temporary of a live process is not stale";
    fs::remove(alive);
    EXPECT_EQ(snapshot_diff(inputs, snapshot(sample)), "");
    expect_only_output_left();
}

// The output folder cannot be written to. Tests run as root, for whom permission bits do not
// count: the folder is made immutable (chattr +i, which stops root too) where the file system
// allows it, else read-only by its mode when not root.
TEST_F(HostileOutput, ReadOnlyOutputFolderIsAClearError) {
    fs::create_directories(out_dir());
    bool locked = false;
    if (geteuid() != 0) {
        fs::permissions(out_dir(), fs::perms::owner_read | fs::perms::owner_exec);
        locked = true;
    } else {
        locked = run_script("chattr +i '" + out_dir().string() + "' 2>/dev/null").exit_code == 0;
    }
    if (!locked) GTEST_SKIP() << "cannot make a folder read-only for root here (chattr +i refused)";
    RunResult r = run();
    if (geteuid() != 0) fs::permissions(out_dir(), fs::perms::owner_all);
    else run_script("chattr -i '" + out_dir().string() + "'");
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err.substr(0, r.err.find('\n')), output().string() + ": the folder " + out_dir().string() +
                                                                 " is not writable")) << r;
    EXPECT_TRUE(contains(r.err, "hint: check that the output folder is writable")) << r;
    EXPECT_FALSE(contains(r.out, "Intensity")) << "refused before the analysis" << r;
    EXPECT_TRUE(fs::is_empty(out_dir()));
}

// A folder where nobody, root included, can create a file, though access() says it is writable
// (/proc): the failure comes when the GeoPackage is created, still a clear error, nothing left.
TEST_F(HostileOutput, OutputInProcIsAClearError) {
    const std::string out = "/proc/landaudit-hostile-" + std::to_string(getpid()) + ".gpkg";
    RunResult r = run({"--out", out});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err.substr(0, r.err.find('\n')), out + ": cannot create the GeoPackage")) << r;
    EXPECT_TRUE(contains(r.err, "hint: check that the output folder is writable")) << r;
    EXPECT_FALSE(fs::exists(out));
}

// A file where the output folder would be: refused before any work, naming that file.
TEST_F(HostileOutput, FileWhereTheOutputFolderWouldBeIsAClearError) {
    write_bytes(out_dir(), "not a folder");
    RunResult r = run_cli({"run", (sample / "audit.toml").string(), "--no-progress", "--no-report"});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, out_dir().string() + " is a file, not a folder")) << r;
    EXPECT_TRUE(contains(r.err, "hint:")) << r;
    EXPECT_FALSE(contains(r.out, "Intensity")) << "refused before the analysis" << r;
    EXPECT_EQ(read_bytes(out_dir()), "not a folder");
    RunResult c = run_cli({"check", (sample / "audit.toml").string()});
    EXPECT_EQ(c.exit_code, 3) << "check reports it before a run" << c;
}

// An output path that is an existing folder: refused before any work (it used to fail at the end,
// with a hint about permissions).
TEST_F(HostileOutput, OutputPathThatIsAFolderIsAClearError) {
    fs::create_directories(out_dir());
    RunResult r = run({"--out", out_dir().string()});
    EXPECT_EQ(r.exit_code, 3) << r;
    EXPECT_TRUE(contains(r.err, out_dir().string() + ": is a folder, not an output file")) << r;
    EXPECT_TRUE(contains(r.err, "hint: name a file inside it")) << r;
    EXPECT_TRUE(fs::is_empty(out_dir()));
}

// A CRS override that contradicts the coordinates: `check` refuses it like `run` does.
TEST_F(HostileOutput, CrsOverrideContradictingTheCoordinatesIsReportedByCheck) {
    insert_before("[parcels.fields]", "crs = \"EPSG:4490\"\n");  // degrees, for coordinates in metres
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r;
    EXPECT_TRUE(contains(r.err, "parcels.shp: its coordinates (34")) << r;
    EXPECT_TRUE(contains(r.err, "outside the area of use of EPSG:4490")) << r;
    RunResult c = check();
    EXPECT_EQ(c.exit_code, 1) << c;
    EXPECT_TRUE(contains(c.err, "outside the area of use of EPSG:4490")) << c;
}

// Parcels delivered in the neighbouring zone's CRS (zone 35, EPSG:4523) with a .prj that says so
// are reprojected into the working zone: every parcel lands in the park it lands in from the
// sample's zone-34 file, and no layer is listed as away from the parks.
TEST_F(HostileOutput, ParcelsInTheNeighbouringZoneLandInTheirParks) {
    ASSERT_EQ(run().exit_code, 0);
    std::map<std::string, std::string> expected;
    for (const auto& p : rows_of("parcels")) expected[p.s("parcel_id")] = p.s("park_id");
    fs::remove(output());
    rewrite_parcels({"-t_srs", "EPSG:4523"});
    RunResult r = run();
    ASSERT_EQ(r.exit_code, 0) << r;
    EXPECT_TRUE(contains(r.out, "EPSG:4523")) << "the summary names the source CRS" << r;
    std::map<std::string, std::string> got;
    for (const auto& p : rows_of("parcels")) got[p.s("parcel_id")] = p.s("park_id");
    EXPECT_EQ(got, expected);
    EXPECT_TRUE(diagnostics("parcels", "layer_outside_parks", "reported").empty());
    EXPECT_FALSE(contains(r.err, "warning")) << r;
}

}  // namespace
