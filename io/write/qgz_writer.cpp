// The .qgz is a zip archive holding the .qgs; GDAL's /vsizip/ writes it (no zip code of our own).
#include "io/write/qgz_writer.h"

#include <cpl_vsi.h>

#include <filesystem>

#include "io/write/atomic_file.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"

namespace landaudit {

namespace {

[[noreturn]] void fail(const std::string& qgz_path, const std::string& what) {
    throw AuditError(AuditError::Kind::Output, qgz_path + ": " + what,
                     "check that the output folder is writable and the disk is not full");
}

}  // namespace

void write_qgz(const std::string& qgz_path, const std::string& qgs_name, const std::string& qgs_text) {
    TemporaryFile temp(temporary_path_beside(qgz_path));  // removed on any failure or interrupt
    // The braces let /vsizip/ take an archive whose extension (.qgz) it does not know.
    const std::string entry = "/vsizip/{" + temp.path() + "}/" + qgs_name;
    VSILFILE* file = VSIFOpenL(entry.c_str(), "wb");
    if (!file) fail(qgz_path, "cannot create the project archive");
    const std::size_t written = VSIFWriteL(qgs_text.data(), 1, qgs_text.size(), file);
    const bool closed = VSIFCloseL(file) == 0;  // the archive's central directory is written here
    if (written != qgs_text.size() || !closed) fail(qgz_path, "cannot write the project archive");

    std::error_code ec;
    std::filesystem::rename(temp.path(), qgz_path, ec);
    if (ec) fail(qgz_path, "cannot move the finished project into place (" + ec.message() + ")");
    temp.kept();
}

}  // namespace landaudit
