// Headless Chromium for the report tests: open a page offline, its console lines, and the report's
// totals keys (engine/deliverables/report/report_table.h) computed from a GeoPackage with plain GDAL.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"

namespace cli_test {

inline constexpr const char* kChromium = "/usr/bin/chromium";

struct Browser {
    int exit_code = -1;
    std::string out;  // stdout: the DOM for --dump-dom
    std::string err;  // stderr: Chromium's log, with the page's console messages
};

// Chromium headless with nothing but the page: no network (every name maps to nothing), no
// profile, no background services; the page's console goes to stderr (--enable-logging=stderr).
inline Browser chromium(const fs::path& page, const std::string& mode, const fs::path& work) {
    const fs::path profile = work / "chromium-profile", out = work / "chromium.out", err = work / "chromium.err";
    fs::create_directories(profile);
    const std::string cmd = std::string("timeout 180 ") + kChromium +
                            " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                            " --disable-background-networking --disable-component-update --disable-sync"
                            " --hide-scrollbars --user-data-dir='" + profile.string() + "'"
                            " --host-resolver-rules='MAP * ~NOTFOUND' --enable-logging=stderr --v=0"
                            " --virtual-time-budget=5000 --window-size=1280,4000 " + mode + " 'file://" +
                            page.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
    Browser b;
    const int status = std::system(cmd.c_str());
    b.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    b.out = read_bytes(out);
    b.err = read_bytes(err);
    return b;
}

// The page's console lines in Chromium's log ("…:INFO:CONSOLE:12] \"msg\", source: …", or
// "CONSOLE(12)" in older builds), and any uncaught exception.
inline std::vector<std::string> console_lines(const std::string& log) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < log.size()) {
        std::size_t end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        const std::string line = log.substr(start, end - start);
        if (contains(line, ":CONSOLE") || contains(line, "CONSOLE(") || contains(line, "Uncaught")) lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

inline std::string unescape_attribute(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&gt;", ">"}, {"&lt;", "<"}, {"&quot;", "\""}, {"&amp;", "&"}})
        for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1)) s.replace(pos, from.size(), to);
    return s;
}

// A totals key of the report (engine/deliverables/report_table.h), computed from the rows:
// "table.field" or "table.count", optionally "[field=value]", optionally "@mu" (m² → 亩).
inline double evaluate(const std::string& key, GDALDataset& ds) {
    static const std::regex grammar("([a-z_]+)\\.([a-z_0-9]+)(?:\\[([a-z_]+)=([^\\]]*)\\])?(@mu)?");
    std::smatch m;
    if (!std::regex_match(key, m, grammar)) throw std::runtime_error("unknown totals key " + key);
    double sum = 0;
    for (const Row& row : read_layer(ds, m[1].str().c_str())) {
        if (m[3].matched && row.s(m[3]) != m[4].str()) continue;
        sum += m[2] == "count" ? 1 : row.opt(m[2]).value_or(0);
    }
    return m[5].matched ? sum / (2000.0 / 3.0) : sum;
}

// Every totals cell of `html` (data-value with data-total or data-ratio) expected equal to its key
// computed from `ds`; returns key → value shown.
inline std::map<std::string, double> expect_totals_equal(const std::string& html, GDALDataset& ds) {
    const std::regex total("data-value=\"([^\"]+)\" data-(total|ratio)=\"([^\"]+)\"");
    std::map<std::string, double> shown;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), total); it != std::sregex_iterator(); ++it) {
        const std::string key = unescape_attribute((*it)[3]);
        const double value = std::stod((*it)[1]);
        shown[key] = value;
        double expected = 0;
        if ((*it)[2] == "total") {
            expected = evaluate(key, ds);
        } else {
            const std::size_t slash = key.find('/');
            expected = evaluate(key.substr(0, slash), ds) / evaluate(key.substr(slash + 1), ds) * 100;
        }
        EXPECT_NEAR(value, expected, 1e-9 * std::max(1.0, std::abs(expected))) << key;
    }
    return shown;
}

}  // namespace cli_test
