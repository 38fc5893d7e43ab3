// Validation of a TOML file that reports every problem at once as "file:line: key: text", so a
// typo in a config or a rule set never silently changes a result.
#pragma once

#include <toml++/toml.h>

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

    // Unknown keys are errors: each is named with the keys that are allowed.
    void only_keys(const toml::table& table, const std::string& where, const std::set<std::string>& allowed) {
        for (const auto& [k, v] : table) {
            std::string key(k.str());
            if (allowed.count(key)) continue;
            std::string known;
            for (const auto& a : allowed) known += (known.empty() ? "" : ", ") + a;
            problem(&v, where.empty() ? key : where + "." + key, "unknown key; expected one of: " + known);
        }
    }

    std::vector<std::string> take() { return std::move(m_problems); }

protected:
    std::string m_file;
    std::vector<std::string> m_problems;
};

}  // namespace landaudit
