// GEOS context lifetime and error capture.
#include "engine/geometry/geos_context.h"

#include <cstdio>

namespace landaudit {

GeosContext::GeosContext() : m_handle(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
    // Notices (e.g. "Self-intersection at ...") are what IsValidReason reports; silence them here.
    GEOSContext_setNoticeMessageHandler_r(m_handle, nullptr, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

void GeosContext::on_error(const char* message, void* self) {
    static_cast<GeosContext*>(self)->m_last_error = message ? message : "unknown GEOS error";
}

std::string GeosContext::take_error() {
    std::string e = std::move(m_last_error);
    m_last_error.clear();
    return e;
}

}  // namespace landaudit
