// Progress bar drawing on stderr.
#include "cli/progress_bar.h"

#include <algorithm>
#include <cstdio>

namespace landaudit {

ProgressBar::ProgressBar(bool enabled) : m_enabled(enabled) {}

ProgressBar::~ProgressBar() { finish(); }

ProgressFn ProgressBar::stage(std::string name) {
    m_last_permille = -1;
    return [this, name](double f, std::string_view msg) {
        draw(name, f, msg);
        return true;
    };
}

void ProgressBar::draw(const std::string& stage, double fraction, std::string_view message) {
    if (!m_enabled) return;
    int permille = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000);
    if (permille == m_last_permille) return;
    m_last_permille = permille;
    constexpr int kWidth = 30;
    int filled = permille * kWidth / 1000;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r\033[K%-8s [%s] %5.1f%%  %.*s", stage.c_str(), bar.c_str(), permille / 10.0,
                 static_cast<int>(std::min<std::size_t>(message.size(), 50)), message.data());
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_enabled && m_drawn) std::fprintf(stderr, "\r\033[K");
    m_drawn = false;
}

}  // namespace landaudit
