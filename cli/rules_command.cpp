// `landaudit rules list|show`: prints rule sets as people read them, each value with its source
// and whether it was checked against the text.
#include "cli/rules_command.h"

#include <sstream>
#include <vector>

#include "io/config/rule_set_loader.h"
#include "layers/indicators.h"
#include "layers/rule_set.h"

namespace landaudit {

namespace {

std::string number(double v) {
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

std::string join(const std::vector<std::string>& items, const std::string& empty) {
    if (items.empty()) return empty;
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

const char* mark(bool verified) { return verified ? "[V]" : "[U]"; }

std::string method_text(RuleSet::Method m) {
    if (m == RuleSet::Method::Stars) return "stars";
    return m == RuleSet::Method::Score ? "score" : "thresholds";
}

// "亩均投资 inv_mu ≥ 350 万元/亩"
std::string comparison(const Threshold& t) {
    const IndicatorInfo* info = find_indicator(t.indicator);
    const std::string unit = info && !info->unit.empty() ? " " + info->unit : "";
    std::string text = (info ? info->label + " " : "") + t.indicator;
    if (t.min) text += std::string(t.exclusive ? " > " : " ≥ ") + number(*t.min) + unit;
    if (t.min && t.max) text += " and";
    if (t.max) text += std::string(t.exclusive ? " < " : " ≤ ") + number(*t.max) + unit;
    return text;
}

std::string subjects(const Threshold& t) {
    if (t.parcels && t.parks) return "parcels and parks";
    return t.parcels ? "parcels" : "parks";
}

// Pads to `width` columns, counting UTF-8 characters (the texts padded are ASCII and "≥").
std::string pad(const std::string& s, size_t width) {
    size_t columns = 0;
    for (unsigned char c : s) columns += (c & 0xC0) != 0x80 ? 1 : 0;
    return columns >= width ? s + " " : s + std::string(width - columns, ' ');
}

}  // namespace

int print_rules_list(std::ostream& out) {
    const auto names = builtin_rule_set_names();
    out << "Built-in rule sets (" << builtin_rules_dir() << "):\n";
    if (names.empty()) out << "  none found\n";
    for (const auto& name : names) {
        const RuleSet rs = load_rule_set(name, {});
        std::string count = rs.method == RuleSet::Method::Score
                                ? std::to_string(rs.score_parts.size()) + " score parts"
                                : std::to_string(rs.thresholds.size()) + " thresholds";
        size_t unverified = 0;
        for (const auto& t : rs.thresholds) unverified += t.verified ? 0 : 1;
        for (const auto& p : rs.score_parts) unverified += p.verified ? 0 : 1;
        if (unverified) count += " (" + std::to_string(unverified) + " [U])";
        out << "\n" << pad(name, 24) << pad(method_text(rs.method), 12) << count << "\n"
            << "  " << rs.title << "\n"
            << "  source: " << rs.source << "\n";
    }
    out << "\nShow one with `landaudit rules show NAME`. To write your own, copy a file, edit it and set\n"
           "[intensity] rules = \"path/to/your.toml\" in the audit config (see rules/README.md).\n";
    return 0;
}

int print_rule_set(const std::string& name_or_path, std::ostream& out) {
    const RuleSet rs = load_rule_set(name_or_path, {});
    out << rs.name << ": " << rs.title << "\n"
        << "  source:    " << rs.source << "\n"
        << "  file:      " << rs.path << "\n"
        << "  method:    " << method_text(rs.method)
        << (rs.method == RuleSet::Method::Score   ? " (weighted score: Σ weight × min(value ÷ benchmark, cap))"
            : rs.method == RuleSet::Method::Stars ? " (a park reaches a band when every check of it and of the bands below passes)"
                                                  : " (graded by the number of failed checks)")
        << "\n"
        << "  levels:    " << join(rs.levels, "none (one set of values for every park)") << "\n"
        << "  land uses: " << join(rs.land_uses, "all") << "\n";

    if (!rs.thresholds.empty()) {
        out << "\nThresholds (" << rs.thresholds.size() << "):\n";
        for (const auto& t : rs.thresholds) {
            out << "  " << mark(t.verified) << " " << t.id << ": " << comparison(t) << "\n"
                << "      levels: " << join(t.levels, "all") << "; industries: " << join(t.industries, "all")
                << "; land uses: " << join(t.land_uses, "all") << "; applies to: " << subjects(t)
                << (t.stars ? "; band: " + std::to_string(*t.stars) + " stars" : std::string()) << "\n"
                << "      source: " << t.source << "\n";
        }
    }
    if (!rs.score_parts.empty()) {
        out << "\nScore parts (" << rs.score_parts.size() << "):\n";
        for (const auto& p : rs.score_parts) {
            const IndicatorInfo* info = find_indicator(p.indicator);
            const std::string unit = info && !info->unit.empty() ? " " + info->unit : "";
            out << "  " << mark(p.verified) << " " << (info ? info->label + " " : "") << p.indicator << ": weight "
                << number(p.weight) << ", benchmark " << number(p.benchmark) << unit << ", cap "
                << (p.cap > 0 ? number(p.cap) + "×" : std::string("none")) << "\n"
                << "      source: " << p.source << "\n";
        }
    }
    out << "\nGrades (best first):\n";
    for (size_t i = 0; i < rs.grades.size(); ++i) {
        const GradeBand& g = rs.grades[i];
        std::string rule;
        if (rs.method == RuleSet::Method::Score)
            rule = g.min_score ? "score ≥ " + number(*g.min_score) : "any lower score";
        else if (rs.method == RuleSet::Method::Stars)
            rule = g.stars ? std::to_string(*g.stars) + " stars" : "";
        else
            rule = g.max_failed ? "≤ " + std::to_string(*g.max_failed) + " failed" : "more failed";
        out << "  " << pad(g.grade, 3) << pad(rule, 18) << g.meaning;
        if (g.target)
            out << " — target " << *g.target << " parks" << (g.target_year ? " by " + std::to_string(*g.target_year) : "")
                << " " << mark(g.target_verified) << (g.target_source.empty() ? "" : " (" + g.target_source + ")");
        out << "\n";
    }
    if (rs.exit_rule) {
        const ExitRule& e = *rs.exit_rule;
        out << "\nExit rule: " << mark(e.verified) << " below the entry threshold " << e.years_below
            << " years running → " << e.grace_years << (e.grace_years == 1 ? " year" : " years")
            << " of grace → exit\n"
            << "      source: " << e.source << "\n";
    }
    out << "\n[V] checked against the text; [U] not verified: a parameter to check and set before relying on it.\n";
    return 0;
}

}  // namespace landaudit
