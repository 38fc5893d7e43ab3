// Diagnostics bookkeeping.
#include "layers/diagnostics.h"

#include <algorithm>

namespace landaudit {

std::string_view action_key(DiagnosticAction action) {
    switch (action) {
        case DiagnosticAction::Repaired: return "repaired";
        case DiagnosticAction::Skipped: return "skipped";
        case DiagnosticAction::Reported: return "reported";
    }
    return "?";
}

void Diagnostics::merge(Diagnostics&& other) {
    m_items.insert(m_items.end(), std::make_move_iterator(other.m_items.begin()),
                   std::make_move_iterator(other.m_items.end()));
    other.m_items.clear();
}

void Diagnostics::order_by_feature() {
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.fid < b.fid; });
}

void Diagnostics::fill_source(const std::string& role, const std::string& source) {
    for (auto& d : m_items)
        if (d.role == role && d.source.empty()) d.source = source;
}

std::size_t Diagnostics::count(DiagnosticAction action) const {
    std::size_t n = 0;
    for (const auto& d : m_items)
        if (d.action == action) ++n;
    return n;
}

std::map<std::string, std::size_t> Diagnostics::counts_by_problem() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& d : m_items)
        ++counts[d.role + " " + d.problem + " " + std::string(action_key(d.action))];
    return counts;
}

}  // namespace landaudit
