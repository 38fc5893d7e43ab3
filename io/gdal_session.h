// GDAL start-up and error capture: GDAL's messages become part of landaudit's own errors.
#pragma once

#include <string>
#include <vector>

namespace landaudit {

// Registers drivers once; safe to call repeatedly.
void ensure_gdal();

// While alive, GDAL errors and warnings on this thread are collected instead of printed.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    // The first few collected messages joined with "; " (empty when none), then cleared.
    std::string take();
    const std::vector<std::string>& messages() const { return m_messages; }
    // True when GDAL raised an error (CE_Failure or worse), not only warnings, since the last take().
    bool has_failure() const { return m_failure; }

private:
    friend struct GdalErrorSink;
    std::vector<std::string> m_messages;
    bool m_failure = false;
};

}  // namespace landaudit
