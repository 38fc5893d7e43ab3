// GDAL registration and a scoped error handler.
#include "io/gdal_session.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>

namespace landaudit {

struct GdalErrorSink {
    static void CPL_STDCALL collect(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (!self || !message || level < CE_Warning) return;
        self->m_messages.emplace_back(message);
        if (level >= CE_Failure) self->m_failure = true;
    }
};

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Never let GDAL write sidecar files (.aux.xml, spatial indexes) next to inputs.
        CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
    });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(GdalErrorSink::collect, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

std::string GdalErrorCapture::take() {
    // A damaged file can warn once per feature: keep the message readable.
    constexpr std::size_t kShown = 5;
    std::string joined;
    for (std::size_t i = 0; i < m_messages.size() && i < kShown; ++i)
        joined += (joined.empty() ? "" : "; ") + m_messages[i];
    if (m_messages.size() > kShown) joined += "; and " + std::to_string(m_messages.size() - kShown) + " more";
    m_messages.clear();
    m_failure = false;
    return joined;
}

}  // namespace landaudit
