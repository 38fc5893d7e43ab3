// Chart.js bar charts of the report as inline JSON: the page's script (styles/report/report.js)
// draws every <canvas data-chart> from the JSON beside it, so the numbers stay readable in the
// file and no code is generated.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace landaudit {

struct ChartSeries {
    std::string label;
    std::vector<std::optional<double>> data;  // one per category; nullopt draws no bar
    std::vector<std::string> colours;         // one colour, or one per category
};

struct BarChart {
    std::vector<std::string> categories;  // x axis
    std::vector<ChartSeries> series;
    std::string x_title, y_title;
    bool stacked = false;
    bool legend = true;
};

// The Chart.js configuration (type "bar", no animation, sized by its container).
std::string bar_chart_config(const BarChart& chart);

// <div class="chart"><canvas data-chart="ID" aria-label=…></canvas><script type="application/json" id="ID">…</script></div>
std::string chart_element(const std::string& id, const BarChart& chart, const std::string& description);

}  // namespace landaudit
