// Fuzz target: rule-set files (io/config/rule_set_loader.h, load_rule_set; the RuleSet of
// layers/rule_set.h). The entry point takes a path, so each input is written to NAME.toml in a
// private temporary directory, NAME being the input's own [ruleset] name when that is a plain file
// name (so that valid rule sets get past the name = file-name check and are checked whole).
// Input: the text of a rule-set TOML file.
// Asserts, besides no crash, hang, sanitizer report or exception other than AuditError:
// - an error names the file (every problem of a ValidationError starts with its path) in valid UTF-8;
// - an accepted rule set is one the grading can use: name equal to the file name, title and
//   source given; at least one grade, names unique; thresholds method: at least one threshold, no
//   score parts, each threshold with a known indicator, min and/or max finite with min ≤ max, ids
//   unique, levels among the rule set's levels, max_failed rising band by band and present on all
//   but the last band; score method: at least one part, no thresholds, weights and benchmarks
//   finite and > 0, caps ≥ 0, min_score falling band by band.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "io/config/rule_set_loader.h"
#include "layers/error.h"
#include "layers/indicators.h"
#include "layers/utf8_text.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using landaudit::RuleSet;
using landaudit::fuzz::escaped;

// The file stem to write the input under: its [ruleset] name when that is a plain file name.
std::string stem_for(const std::string& input) {
    try {
        const toml::table root = toml::parse(input);
        if (auto name = root["ruleset"]["name"].value<std::string>())
            if (!name->empty() && name->size() <= 64 &&
                name->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos)
                return *name;
    } catch (const toml::parse_error&) {
    }
    return "fuzz-rules";
}

void check_accepted(const RuleSet& rs, const std::string& stem, const std::string& input) {
    const std::string in = "rule set \"" + escaped(input.substr(0, 300)) + "\": ";
    FUZZ_CHECK(rs.name == stem && !rs.title.empty() && !rs.source.empty(), in + "accepted without name/title/source");
    FUZZ_CHECK(!rs.grades.empty(), in + "accepted without grades");
    std::set<std::string> grades;
    for (const auto& g : rs.grades) FUZZ_CHECK(!g.grade.empty() && grades.insert(g.grade).second, in + "grade names");
    std::set<std::string> ids;
    for (const auto& t : rs.thresholds) {
        FUZZ_CHECK(landaudit::find_indicator(t.indicator) != nullptr, in + "unknown indicator " + t.indicator);
        FUZZ_CHECK(t.min || t.max, in + "threshold " + t.id + " without min or max");
        FUZZ_CHECK((!t.min || std::isfinite(*t.min)) && (!t.max || std::isfinite(*t.max)), in + "non-finite bound");
        FUZZ_CHECK(!(t.min && t.max) || *t.min <= *t.max, in + "threshold " + t.id + " with min > max");
        FUZZ_CHECK(!t.id.empty() && ids.insert(t.id).second, in + "threshold ids empty or repeated");
        FUZZ_CHECK(t.parcels || t.parks, in + "threshold " + t.id + " applies to nothing");
        for (const auto& level : t.levels)
            FUZZ_CHECK(std::find(rs.levels.begin(), rs.levels.end(), level) != rs.levels.end(),
                       in + "threshold level " + level + " not among the rule set's levels");
        FUZZ_CHECK(landaudit::fuzz::is_utf8(t.id) && landaudit::fuzz::is_utf8(t.source), in + "threshold text not UTF-8");
    }
    if (rs.method == RuleSet::Method::Thresholds) {
        FUZZ_CHECK(!rs.thresholds.empty() && rs.score_parts.empty(), in + "thresholds method without thresholds");
        for (std::size_t i = 0; i < rs.grades.size(); ++i) {
            const auto& g = rs.grades[i];
            FUZZ_CHECK(g.max_failed || i + 1 == rs.grades.size(), in + "band without max_failed before the last");
            FUZZ_CHECK(!g.max_failed || *g.max_failed >= 0, in + "negative max_failed");
            if (i > 0 && g.max_failed && rs.grades[i - 1].max_failed)
                FUZZ_CHECK(*g.max_failed > *rs.grades[i - 1].max_failed, in + "max_failed not rising");
        }
    } else {
        FUZZ_CHECK(!rs.score_parts.empty() && rs.thresholds.empty(), in + "score method without score parts");
        for (const auto& p : rs.score_parts)
            FUZZ_CHECK(std::isfinite(p.weight) && p.weight > 0 && std::isfinite(p.benchmark) && p.benchmark > 0 &&
                           std::isfinite(p.cap) && p.cap >= 0,
                       in + "score part " + p.indicator + " with an unusable weight, benchmark or cap");
        for (std::size_t i = 0; i < rs.grades.size(); ++i) {
            const auto& g = rs.grades[i];
            FUZZ_CHECK(g.min_score || i + 1 == rs.grades.size(), in + "band without min_score before the last");
            FUZZ_CHECK(!g.min_score || std::isfinite(*g.min_score), in + "non-finite min_score");
            if (i > 0 && g.min_score && rs.grades[i - 1].min_score)
                FUZZ_CHECK(*g.min_score < *rs.grades[i - 1].min_score, in + "min_score not falling");
        }
    }
    if (rs.exit_rule) FUZZ_CHECK(rs.exit_rule->years_below >= 1 && rs.exit_rule->grace_years >= 0, in + "exit rule");
}

void check_error(const landaudit::AuditError& e, const std::string& path, const std::string& input) {
    const std::string message = e.what();
    const std::string in = "rule set \"" + escaped(input.substr(0, 300)) + "\": error \"" + escaped(message) + "\" ";
    FUZZ_CHECK(landaudit::fuzz::is_utf8(message) && landaudit::fuzz::is_utf8(e.hint()), in + "is not valid UTF-8");
    FUZZ_CHECK(message.find(path) != std::string::npos, in + "does not name the file");
    if (const auto* v = dynamic_cast<const landaudit::ValidationError*>(&e))
        for (const std::string& p : v->problems())
            FUZZ_CHECK(p.rfind(path, 0) == 0, in + "has a problem that does not start with the file: " + escaped(p));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::string stem = stem_for(input);
    const std::string path = landaudit::fuzz::write_temp_file(stem + ".toml", input);
    try {
        check_accepted(landaudit::load_rule_set(path, ""), stem, input);
    } catch (const landaudit::AuditError& e) {  // the documented failure; anything else escapes and aborts
        check_error(e, path, input);
    }
    landaudit::fuzz::remove_temp_file(stem + ".toml");
    return 0;
}
