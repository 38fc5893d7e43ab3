// Validation of a TOML file that reports every problem at once as "file:line: key: text", so a
// typo in a config or a rule set never silently changes a result.
#pragma once

#include <toml++/toml.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace landaudit {

class TomlProblems {
public:
    explicit TomlProblems(std::string file) : m_file(std::move(file)) {}

    void problem(const toml::node* node, const std::string& key, const std::string& text) {
        std::ostringstream s;
        s << m_file;
        if (node && node->source().begin.line > 0) s << ":" << node->source().begin.line;
        s << ": " << key << ": " << text;
        m_problems.push_back(s.str());
    }

    // Unknown keys are errors: each is named with the keys that are allowed and, when one is a
    // likely typo of it, that key.
    void only_keys(const toml::table& table, const std::string& where, const std::set<std::string>& allowed) {
        for (const auto& [k, v] : table) {
            std::string key(k.str());
            if (allowed.count(key)) continue;
            std::string known;
            for (const auto& a : allowed) known += (known.empty() ? "" : ", ") + a;
            std::string text = "unknown key; expected one of: " + known;
            if (const std::string near = nearest_key(key, allowed); !near.empty()) text += "; did you mean " + near + "?";
            problem(&v, where.empty() ? key : where + "." + key, text);
        }
    }

    // The allowed key closest to `key` by edit distance (ASCII case ignored), when it is within
    // half the key's length (at least 1, at most 3): "nmae" → "name", "asof" → "as_of".
    static std::string nearest_key(const std::string& key, const std::set<std::string>& allowed) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        const auto distance = [&](const std::string& a, const std::string& b) {
            std::vector<std::size_t> row(b.size() + 1);
            for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
            for (std::size_t i = 1; i <= a.size(); ++i) {
                std::size_t diagonal = row[0];
                row[0] = i;
                for (std::size_t j = 1; j <= b.size(); ++j) {
                    const std::size_t above = row[j];
                    row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) != lower(b[j - 1]))});
                    diagonal = above;
                }
            }
            return row[b.size()];
        };
        const std::size_t limit = std::clamp<std::size_t>(key.size() / 2, 1, 3);
        std::string best;
        std::size_t best_distance = limit + 1;
        for (const auto& a : allowed)
            if (const std::size_t d = distance(key, a); d < best_distance) {
                best = a;
                best_distance = d;
            }
        return best;
    }

    std::vector<std::string> take() { return std::move(m_problems); }

protected:
    std::string m_file;
    std::vector<std::string> m_problems;
};

}  // namespace landaudit
