// Per-feature data problems (repaired, skipped, reported): the rows of the diagnostics layer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layers/layer_role.h"

namespace landaudit {

enum class DiagnosticAction { Repaired, Skipped, Reported };

struct Diagnostic {
    std::string role;       // layer role key, or "audit" for run-level notes
    std::string source;     // file/layer the feature came from
    long long fid = -1;     // source feature id; -1 for layer-level notes
    std::string feature_id; // mapped id when known
    std::string problem;    // short code, e.g. invalid_geometry
    DiagnosticAction action = DiagnosticAction::Reported;
    std::string detail;     // what exactly, for a person
};

std::string_view action_key(DiagnosticAction action);

// Collects diagnostics; one per worker when run in parallel, merged at the end.
class Diagnostics {
public:
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void merge(Diagnostics&& other);
    // Rows by feature id (stable): what parallel workers found comes out in the same order
    // whatever the number of threads.
    void order_by_feature();
    // Analyses know a feature's role but not its file: fill the empty `source` of the rows of
    // `role` with the layer's label.
    void fill_source(const std::string& role, const std::string& source);
    const std::vector<Diagnostic>& items() const { return m_items; }
    std::size_t count(DiagnosticAction action) const;
    // Counts by (role, problem, action), for the console summary.
    std::map<std::string, std::size_t> counts_by_problem() const;

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace landaudit
