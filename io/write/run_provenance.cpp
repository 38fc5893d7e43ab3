// Provenance: every file behind every layer (a Shapefile is several, a FileGDB a folder), hashed.
#include "io/write/run_provenance.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "io/write/file_digest.h"
#include "layers/version.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

InputFileRecord file_record(const std::string& role, const std::string& name, const fs::path& file) {
    std::error_code ec;
    InputFileRecord r{role, name, file.string(), sha256_of_file(file.string()), 0, -1, {}, {}};
    r.bytes = static_cast<long long>(fs::file_size(file, ec));
    return r;
}

// The files that make up a source: itself, a Shapefile's sidecars, a folder's files (FileGDB).
std::vector<fs::path> files_of(const fs::path& source) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(source, ec)) {
        for (const auto& e : fs::recursive_directory_iterator(source, ec))
            if (e.is_regular_file()) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        return files;
    }
    if (!fs::is_regular_file(source, ec)) return files;
    files.push_back(source);
    if (lower(source.extension().string()) == ".shp")
        for (std::string ext : {".shx", ".dbf", ".prj", ".cpg"}) {
            std::string upper = ext;
            for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            for (const std::string& e : {ext, upper}) {
                fs::path sidecar = fs::path(source).replace_extension(e);
                if (fs::is_regular_file(sidecar, ec)) {
                    files.push_back(sidecar);
                    break;
                }
            }
        }
    return files;
}

// A connection string without its password.
std::string redacted(const std::string& connection) {
    return std::regex_replace(connection, std::regex(R"((password\s*=\s*)('[^']*'|\S+))", std::regex::icase), "$1***");
}

}  // namespace

RunInfo collect_run_info(const AuditConfig& config, const AuditInputs& inputs) {
    RunInfo info;
    info.engine_version = engine_version();
    info.audit_name = config.name;
    info.config_path = config.config_path;
    {
        std::ifstream in(config.config_path, std::ios::binary);
        info.config_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    info.working_crs = inputs.working_crs;
    info.working_crs_name = inputs.working_crs_name;
    info.area_method = "*_m2 and *_mu: planar areas in the working CRS " +
                       (inputs.working_crs_name.empty() ? inputs.working_crs : inputs.working_crs_name) +
                       "; area_e_m2: ellipsoidal area on the CGCS2000 ellipsoid; 1 亩 = 2000/3 m²";
    info.as_of = config.as_of.value_or("");
    info.min_overlap_m2 = config.min_overlap_m2;
    info.inputs.push_back(file_record("config", "", fs::path(config.config_path)));
    for (const auto& [role, source] : config.layers) {
        const std::string key(role_key(role));
        auto prov = inputs.provenance.find(role);
        std::vector<fs::path> files = files_of(fs::path(source.path));
        if (files.empty()) {  // a database connection or another non-file source
            InputFileRecord r{key, source.layer, redacted(source.path), {}, -1, -1, {}, {}};
            if (prov != inputs.provenance.end()) {
                r.features = static_cast<long long>(prov->second.features_read);
                r.crs = prov->second.source_crs;
                r.encoding = prov->second.encoding;
            }
            info.inputs.push_back(std::move(r));
            continue;
        }
        for (std::size_t i = 0; i < files.size(); ++i) {
            InputFileRecord r = file_record(key, source.layer, files[i]);
            if (i == 0 && prov != inputs.provenance.end()) {
                r.features = static_cast<long long>(prov->second.features_read);
                r.crs = prov->second.source_crs;
                r.encoding = prov->second.encoding;
            }
            info.inputs.push_back(std::move(r));
        }
    }
    for (const auto& rules : inputs.rule_sets)
        if (!rules.path.empty()) info.inputs.push_back(file_record("rule_set", rules.name, fs::path(rules.path)));
    return info;
}

std::string now_iso8601() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
    std::string s = buf;
    if (s.size() >= 5) s.insert(s.size() - 2, ":");  // +0800 → +08:00 (ISO 8601 extended)
    return s;
}

}  // namespace landaudit
