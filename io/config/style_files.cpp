// Reading styles/ and installed assets; errors name the file and the package that provides it.
#include "io/config/style_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "layers/error.h"

#ifndef LANDAUDIT_STYLES_DIR
#define LANDAUDIT_STYLES_DIR "styles"
#endif

namespace landaudit {

namespace fs = std::filesystem;

std::string styles_dir() {
    if (const char* env = std::getenv("LANDAUDIT_STYLES_DIR"); env && *env) return env;
    return LANDAUDIT_STYLES_DIR;
}

std::string read_text_file(const std::string& path, const std::string& what, const std::string& hint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AuditError(AuditError::Kind::Config, path + ": cannot read " + what, hint);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string read_style_file(const std::string& relative) {
    return read_text_file((fs::path(styles_dir()) / relative).string(), "a style template",
                          "the styles/ folder of landaudit's source is incomplete, or LANDAUDIT_STYLES_DIR points elsewhere");
}

std::map<std::string, std::string> read_style_folder(const std::string& relative_dir, const std::string& extension) {
    const fs::path dir = fs::path(styles_dir()) / relative_dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw AuditError(AuditError::Kind::Config, dir.string() + ": the style templates folder is missing",
                         "the styles/ folder of landaudit's source is incomplete, or LANDAUDIT_STYLES_DIR points elsewhere");
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (!extension.empty() && (name.size() < extension.size() ||
                                   name.compare(name.size() - extension.size(), extension.size(), extension) != 0))
            continue;
        files[name] = read_style_file((fs::path(relative_dir) / name).string());
    }
    return files;
}

}  // namespace landaudit
