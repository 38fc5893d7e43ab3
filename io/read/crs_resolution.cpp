// CRS parsing, identification and the automatic working CRS.
#include "io/read/crs_resolution.h"

#include <cpl_conv.h>

#include "io/gdal_session.h"
#include "layers/cgcs2000_zones.h"
#include "layers/error.h"

namespace landaudit {

std::unique_ptr<OGRSpatialReference> srs_from_user_input(const std::string& text, const std::string& where) {
    ensure_gdal();
    GdalErrorCapture errors;
    auto srs = std::make_unique<OGRSpatialReference>();
    if (srs->SetFromUserInput(text.c_str()) != OGRERR_NONE)
        throw AuditError(AuditError::Kind::Config,
                         where + ": CRS '" + text + "' is not understood (" + errors.take() + ")",
                         "write it as \"EPSG:4522\" (an EPSG code), or give WKT or a PROJ string");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

namespace {
// An authority code for srs: its own, or the single confident match (ESRI .prj files often
// describe an EPSG CRS without naming it).
std::string epsg_code(const OGRSpatialReference& srs) {
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") return code;
    int count = 0;
    int* confidence = nullptr;
    OGRSpatialReferenceH* matches = srs.FindMatches(nullptr, &count, &confidence);
    std::string found;
    if (matches && count >= 1 && confidence[0] >= 90) {
        auto* best = OGRSpatialReference::FromHandle(matches[0]);
        const char* a = best->GetAuthorityName(nullptr);
        const char* c = best->GetAuthorityCode(nullptr);
        if (a && c && std::string(a) == "EPSG") found = c;
    }
    if (matches) OSRFreeSRSArray(matches);
    CPLFree(confidence);
    return found;
}
}  // namespace

std::string describe_srs(const OGRSpatialReference& srs) {
    std::string name = srs.GetName() ? srs.GetName() : "unnamed CRS";
    std::string code = epsg_code(srs);
    return code.empty() ? name : "EPSG:" + code + " (" + name + ")";
}

std::string srs_definition(const OGRSpatialReference& srs) {
    std::string code = epsg_code(srs);
    if (!code.empty()) return "EPSG:" + code;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

std::string auto_working_crs(double longitude) {
    int zone = gk3_zone_for_longitude(longitude);
    auto epsg = gk3_prefixed_epsg(zone);
    if (!epsg)
        throw AuditError(AuditError::Kind::Config,
                         "crs = \"auto\": the parks' centre at longitude " + std::to_string(longitude) +
                             " is outside the CGCS2000 3° zones 25–45 (75°E–135°E)",
                         "name the working CRS in [audit] crs, e.g. \"EPSG:4522\"");
    return "EPSG:" + std::to_string(*epsg);
}

}  // namespace landaudit
