// Interrupts and dead processes leave no temporary output behind.
#include "io/write/temporary_files.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "io/write/atomic_file.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

class TemporaryFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("landaudit-tmpfiles-" + std::to_string(getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
    fs::path dir;
};

// In a child process: register a temporary (with a SQLite journal beside it), then receive the
// signal. The child must exit 128 + signal and leave neither file.
int interrupted_child(const fs::path& temp, int sig) {
    pid_t pid = fork();
    if (pid == 0) {
        install_interrupt_cleanup();
        TemporaryFile t(temp.string());
        std::ofstream(temp) << "partial";
        std::ofstream(temp.string() + "-journal") << "journal";
        raise(sig);
        _exit(0);  // not reached
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

TEST_F(TemporaryFilesTest, SigintRemovesTheTemporaryAndExits130) {
    const fs::path temp = dir / ".out.partial-1.gpkg";
    EXPECT_EQ(interrupted_child(temp, SIGINT), 130);
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_FALSE(fs::exists(temp.string() + "-journal"));
}

TEST_F(TemporaryFilesTest, SigtermRemovesTheTemporaryAndExits143) {
    const fs::path temp = dir / ".out.partial-2.gpkg";
    EXPECT_EQ(interrupted_child(temp, SIGTERM), 143);
    EXPECT_FALSE(fs::exists(temp));
}

TEST_F(TemporaryFilesTest, DestructorRemovesUnlessKept) {
    const fs::path a = dir / "a.tmp", b = dir / "b.tmp";
    {
        TemporaryFile t(a.string());
        std::ofstream(a) << "x";
    }
    EXPECT_FALSE(fs::exists(a));
    {
        TemporaryFile t(b.string());
        std::ofstream(b) << "x";
        t.kept();
    }
    EXPECT_TRUE(fs::exists(b));
}

TEST_F(TemporaryFilesTest, StaleTemporariesOfDeadProcessesOnlyAreRemoved) {
    const fs::path target = dir / "audit.gpkg";
    // 4194305 is above Linux's largest pid_max (2^22): no such process can exist.
    const fs::path dead = fs::path(temporary_path_beside(target.string())).parent_path() / ".audit.partial-4194305.gpkg";
    const fs::path dead_journal = dead.string() + "-journal";
    const fs::path alive = dir / (".audit.partial-" + std::to_string(getpid()) + ".gpkg");
    const fs::path other = dir / ".other.partial-4194305.gpkg";
    for (const auto& p : {dead, dead_journal, alive, other}) std::ofstream(p) << "x";
    std::vector<std::string> removed = remove_stale_temporaries(target.string());
    std::sort(removed.begin(), removed.end());
    EXPECT_EQ(removed, (std::vector<std::string>{dead.string(), dead_journal.string()}));
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(alive)) << "a running process's temporary is left alone";
    EXPECT_TRUE(fs::exists(other)) << "another output's temporaries are not ours";
}

// The temporary of a legal target name of any length fits in one file name together with SQLite's
// "-journal", for any PID, and is cut the same way whatever the PID (so a later run finds it).
TEST_F(TemporaryFilesTest, TemporaryOfALongNameFitsWithItsJournal) {
    for (std::size_t length : {200u, 240u, 250u, 255u}) {
        const std::string name = std::string(length - 5, 'a') + ".gpkg";
        const fs::path temp(temporary_path_beside((dir / name).string()));
        const std::string file = temp.filename().string();
        EXPECT_LE(file.size() + std::string("-journal").size(), kFileNameMax) << length;
        EXPECT_TRUE(file.ends_with(".partial-" + std::to_string(getpid()) + ".gpkg")) << file;
        // Ten PID digits instead of ours: the same stem.
        const std::size_t stem_end = file.find(".partial-");
        EXPECT_LE(stem_end + std::string(".partial-4294967295.gpkg-journal").size(), kFileNameMax) << length;
    }
    // A stem of multi-byte UTF-8 is cut between characters.
    std::string chinese;
    while (chinese.size() < 250) chinese += "园区";
    const std::string file = fs::path(temporary_path_beside((dir / (chinese + ".gpkg")).string())).filename().string();
    const std::string stem = file.substr(1, file.find(".partial-") - 1);
    EXPECT_EQ(stem.size() % 3, 0u) << "cut inside a character: " << stem.size();
}

// Output names the OS would refuse, or that are folders, are refused before any work.
TEST_F(TemporaryFilesTest, OutputTargetsThatCannotBeFilesAreRefused) {
    EXPECT_NO_THROW(check_output_target((dir / (std::string(250, 'a') + ".gpkg")).string()));
    EXPECT_NO_THROW(check_output_target((dir / "missing" / "deeper" / "audit.gpkg").string()));
    try {
        check_output_target((dir / (std::string(251, 'a') + ".gpkg")).string());
        ADD_FAILURE() << "a 256-byte name was accepted";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find("the file name is 256 bytes"), std::string::npos) << e.what();
    }
    EXPECT_THROW(check_output_target(dir.string()), AuditError);
    std::ofstream(dir / "plain") << "x";
    try {
        check_output_target((dir / "plain" / "sub" / "audit.gpkg").string());
        ADD_FAILURE() << "a path through a file was accepted";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find((dir / "plain").string() + " is a file, not a folder"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace landaudit
