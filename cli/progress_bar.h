// A terminal progress bar fed by the GDAL-style progress callback; silent when not a terminal.
#pragma once

#include <string>
#include <string_view>

#include "layers/progress.h"

namespace landaudit {

class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    // A callback that draws this bar for one named stage.
    ProgressFn stage(std::string name);
    void finish();

private:
    void draw(const std::string& stage, double fraction, std::string_view message);
    bool m_enabled;
    bool m_drawn = false;
    int m_last_permille = -1;
};

}  // namespace landaudit
