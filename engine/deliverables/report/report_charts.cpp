// Chart.js configuration JSON.
#include "engine/deliverables/report/report_charts.h"

#include "engine/deliverables/report/report_format.h"

namespace landaudit {

namespace {

std::string json_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_string(items[i]);
    return out + "]";
}

std::string axis(const std::string& title, bool stacked, bool begin_at_zero) {
    return std::string("{\"stacked\":") + (stacked ? "true" : "false") +
           (begin_at_zero ? ",\"beginAtZero\":true" : "") + ",\"title\":{\"display\":" +
           (title.empty() ? "false" : "true") + ",\"text\":" + json_string(title) + "}}";
}

}  // namespace

std::string bar_chart_config(const BarChart& chart) {
    std::string datasets = "[";
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const ChartSeries& series = chart.series[s];
        std::string data = "[";
        for (std::size_t i = 0; i < series.data.size(); ++i)
            data += (i ? "," : "") + (series.data[i] ? exact_number(*series.data[i]) : std::string("null"));
        data += "]";
        const std::string colour = series.colours.size() == 1 ? json_string(series.colours.front()) : json_list(series.colours);
        datasets += (s ? "," : "") + std::string("{\"label\":") + json_string(series.label) + ",\"data\":" + data +
                    ",\"backgroundColor\":" + colour + ",\"borderColor\":\"rgba(60,60,60,0.9)\",\"borderWidth\":1}";
    }
    datasets += "]";
    return "{\"type\":\"bar\",\"data\":{\"labels\":" + json_list(chart.categories) + ",\"datasets\":" + datasets +
           "},\"options\":{\"responsive\":true,\"maintainAspectRatio\":false,\"animation\":false,"
           "\"plugins\":{\"legend\":{\"display\":" + (chart.legend ? "true" : "false") +
           ",\"position\":\"bottom\"}},\"scales\":{\"x\":" + axis(chart.x_title, chart.stacked, false) +
           ",\"y\":" + axis(chart.y_title, chart.stacked, true) + "}}}";
}

std::string chart_element(const std::string& id, const BarChart& chart, const std::string& description) {
    return "<div class=\"chart\"><canvas data-chart=\"" + html_escape(id) + "\" role=\"img\" aria-label=\"" +
           html_escape(description) + "\"></canvas><script type=\"application/json\" id=\"" + html_escape(id) + "\">" +
           bar_chart_config(chart) + "</script></div>";
}

}  // namespace landaudit
