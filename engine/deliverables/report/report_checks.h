// The thresholds a park was checked against, read back from its `checks` text (the form
// engine/intensity_grading.h check_text writes), so the report's charts show each indicator
// against the very thresholds the grading used — none typed in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace landaudit {

struct CheckedThreshold {
    std::string rule_set;    // e.g. "kunming-2021"
    std::string check_id;    // e.g. "km21-tax-national"
    std::string indicator;   // field code, e.g. "tax_mu"
    double value = 0;        // the park's value as checked
    double threshold = 0;    // the bound that decided (for a passed two-sided check: its first bound)
    bool minimum = true;     // true: value must be at least the threshold; false: at most
    bool passed = false;
};

// Every check with a known value in the text; checks whose value was unknown carry no number
// and are left out.
std::vector<CheckedThreshold> parse_checks(std::string_view checks);

}  // namespace landaudit
