// The one exception type of landaudit: a message that names where the problem is and how to fix it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace landaudit {

// Thrown for configuration, input and system failures (never for per-feature data problems,
// which go to the diagnostics layer). cli/ catches it once and maps it to an exit code.
class AuditError : public std::runtime_error {
public:
    enum class Kind { Config, Input, Output, Internal };

    AuditError(Kind kind, std::string message, std::string hint = {})
        : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint)) {}

    Kind kind() const { return m_kind; }
    const std::string& hint() const { return m_hint; }

private:
    Kind m_kind;
    std::string m_hint;
};

// Several problems found while validating, reported all at once.
class ValidationError : public AuditError {
public:
    explicit ValidationError(std::vector<std::string> problems)
        : AuditError(Kind::Config, join(problems)), m_problems(std::move(problems)) {}

    const std::vector<std::string>& problems() const { return m_problems; }

private:
    // One problem is the message itself, so the first line names the file; several are a list.
    static std::string join(const std::vector<std::string>& problems) {
        if (problems.size() == 1) return problems.front();
        std::string text = std::to_string(problems.size()) + " problems:";
        for (const auto& p : problems) text += "\n  - " + p;
        return text;
    }
    std::vector<std::string> m_problems;
};

}  // namespace landaudit
