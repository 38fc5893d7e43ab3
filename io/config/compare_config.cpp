// The [compare] refusals, in the order a person fixes them.
#include "io/config/compare_config.h"

#include <gdal_priv.h>

#include <filesystem>

#include "io/gdal_session.h"
#include "io/write/postgis_output.h"
#include "layers/error.h"

namespace landaudit {

std::string compare_change_path(const AuditConfig& config) {
    if (config.compare_earlier.empty()) return {};
    if (config.output_path.empty())
        throw AuditError(AuditError::Kind::Config,
                         config.config_path + ": [compare] earlier needs an output: the change is written beside it",
                         "set [output] path in the config or pass --out FILE.gpkg");
    if (is_postgis_target(config.output_path))
        throw AuditError(AuditError::Kind::Config, config.config_path + ": [compare] needs a GeoPackage output",
                         "write the audit to a .gpkg, or run `landaudit compare` on two GeoPackages");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(config.compare_earlier, ec))
        throw AuditError(AuditError::Kind::Config,
                         config.config_path + ": [compare] earlier = " + config.compare_earlier + " does not exist",
                         "point it at last year's landaudit output (.gpkg), relative to the config's folder");
    {  // a landaudit output, found out now rather than after the whole audit
        ensure_gdal();
        GdalErrorCapture quiet;
        const char* drivers[] = {"GPKG", nullptr};
        GDALDatasetUniquePtr ds(GDALDataset::Open(config.compare_earlier.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                  drivers, nullptr, nullptr));
        if (!ds || !ds->GetLayerByName("parcels") || !ds->GetLayerByName("parks"))
            throw AuditError(AuditError::Kind::Config,
                             config.config_path + ": [compare] earlier = " + config.compare_earlier +
                                 " is not a landaudit output (" +
                                 (ds ? "it has no parcels and parks layers" : "not a GeoPackage") + ")",
                             "point it at the .gpkg that last year's `landaudit run` wrote");
    }
    const auto same = [](const std::string& a, const std::string& b) {
        return std::filesystem::absolute(a).lexically_normal() == std::filesystem::absolute(b).lexically_normal();
    };
    if (same(config.output_path, config.compare_earlier))
        throw AuditError(AuditError::Kind::Config,
                         config.config_path + ": [compare] earlier is this run's own output (" + config.output_path +
                             "): the run would overwrite it",
                         "keep last year's output under another name, or write this run elsewhere with --out");
    const std::filesystem::path target(config.output_path);
    const std::string change_path = (target.parent_path() / (target.stem().string() + "_change.gpkg")).string();
    if (same(change_path, config.compare_earlier))
        throw AuditError(AuditError::Kind::Config,
                         config.config_path + ": [compare] earlier is the file the change would be written to (" +
                             change_path + ")",
                         "keep last year's output under another name");
    return change_path;
}

}  // namespace landaudit
