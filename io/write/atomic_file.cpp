// Temporary-then-rename writes for the deliverables beside the GeoPackage.
#include "io/write/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>

#include "io/write/temporary_files.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

std::string temporary_path_beside(const std::string& target) {
    const fs::path t = fs::absolute(target).lexically_normal();
    // The stem is cut so that ".STEM.partial-PID.EXT" plus SQLite's "-journal" stays within the
    // 255 bytes of a file name, whatever the PID (up to 10 digits): the cut, and so the name a
    // later run looks for in remove_stale_temporaries, is the same for every process.
    const std::string suffix = ".partial-" + std::to_string(getpid()) + t.extension().string();
    constexpr std::size_t kPidRoom = 10, kSidecarRoom = std::char_traits<char>::length("-journal");
    const std::size_t fixed = 1 + std::char_traits<char>::length(".partial-") + kPidRoom +
                              t.extension().string().size() + kSidecarRoom;
    std::string stem = t.stem().string();
    const std::size_t room = fixed < kFileNameMax ? kFileNameMax - fixed : 0;
    if (stem.size() > room) {
        stem.resize(room);
        while (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0xC0) == 0x80) stem.pop_back();  // UTF-8 continuation
        if (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0x80)) stem.pop_back();              // its lead byte
    }
    return (t.parent_path() / ("." + stem + suffix)).string();
}

void check_output_target(const std::string& target) {
    const std::string name = fs::path(target).filename().string();
    if (name.size() > kFileNameMax)
        throw AuditError(AuditError::Kind::Output,
                         target + ": the file name is " + std::to_string(name.size()) + " bytes; file systems allow at most " +
                             std::to_string(kFileNameMax) + " bytes in one name",
                         "choose a shorter output file name (--out or [output] path)");
    std::error_code ec;
    if (fs::is_directory(target, ec))
        throw AuditError(AuditError::Kind::Output, target + ": is a folder, not an output file",
                         "name a file inside it, e.g. " + (fs::path(target) / "audit.gpkg").string());
    // The output folder is created when missing; the nearest part of its path that exists must be a folder.
    for (fs::path p = fs::absolute(target).lexically_normal().parent_path(); !p.empty(); p = p.parent_path()) {
        if (!fs::exists(p, ec)) {
            if (p == p.parent_path()) break;
            continue;
        }
        if (!fs::is_directory(p, ec))
            throw AuditError(AuditError::Kind::Output, target + ": " + p.string() + " is a file, not a folder",
                             "choose an output path in a folder you can write to ([output] path or --out)");
        // access() also sees an immutable folder (chattr +i), which stops root as well.
        if (access(p.c_str(), W_OK | X_OK) != 0)
            throw AuditError(AuditError::Kind::Output,
                             target + ": the folder " + p.string() + " is not writable (" + std::strerror(errno) + ")",
                             "check that the output folder is writable, or choose another ([output] path or --out)");
        break;
    }
}

void write_file_atomically(const std::string& path, const std::string& bytes) {
    TemporaryFile temp(temporary_path_beside(path));  // removed on any failure or interrupt
    {
        std::ofstream out(temp.path(), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out)
            throw AuditError(AuditError::Kind::Output, path + ": cannot write the file",
                             "check that the output folder is writable and the disk is not full");
    }
    std::error_code ec;
    fs::rename(temp.path(), path, ec);
    if (ec)
        throw AuditError(AuditError::Kind::Output, path + ": cannot move the finished file into place (" + ec.message() + ")",
                         "check permissions of the output folder");
    temp.kept();
}

}  // namespace landaudit
