// Temporary-then-rename writes for the deliverables beside the GeoPackage.
#include "io/write/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/write/temporary_files.h"
#include "layers/error.h"

namespace landaudit {

namespace fs = std::filesystem;

std::string temporary_path_beside(const std::string& target) {
    const fs::path t = fs::absolute(target).lexically_normal();
    // The stem is cut so that ".STEM.partial-PID.EXT" stays within the 255 bytes of a file name.
    const std::string suffix = ".partial-" + std::to_string(getpid()) + t.extension().string();
    std::string stem = t.stem().string();
    const std::size_t room = 255 - 1 - suffix.size();
    if (stem.size() > room) {
        stem.resize(room);
        while (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0xC0) == 0x80) stem.pop_back();  // UTF-8 continuation
        if (!stem.empty() && (static_cast<unsigned char>(stem.back()) & 0x80)) stem.pop_back();              // its lead byte
    }
    return (t.parent_path() / ("." + stem + suffix)).string();
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
