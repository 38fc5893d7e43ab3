// Rule-set TOML → RuleSet, strict like the audit config: every problem is reported at once with
// its file and line, so a typo in a threshold never silently changes a grade.
#include "io/config/rule_set_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "io/config/toml_problems.h"
#include "layers/error.h"
#include "layers/indicators.h"

#ifndef LANDAUDIT_RULES_DIR
#define LANDAUDIT_RULES_DIR "rules"
#endif

namespace landaudit {

namespace fs = std::filesystem;

namespace {

class RuleReader : public TomlProblems {
public:
    using TomlProblems::TomlProblems;

    // A text; `required` reports a missing or empty one with `why`.
    std::string text(const toml::table& table, const std::string& where, const char* key, const char* why = nullptr) {
        const toml::node* n = table.get(key);
        if (!n) {
            if (why) problem(&table, where + "." + key, std::string("missing: ") + why);
            return {};
        }
        auto v = n->value<std::string>();
        if (!v) {
            problem(n, where + "." + key, "must be a text in quotes");
            return {};
        }
        if (why && v->empty()) problem(n, where + "." + key, std::string("is empty: ") + why);
        return *v;
    }

    std::optional<double> number(const toml::table& table, const std::string& where, const char* key) {
        const toml::node* n = table.get(key);
        if (!n) return std::nullopt;
        auto v = n->value<double>();
        if (!v || !n->is_number()) {
            problem(n, where + "." + key, "must be a number");
            return std::nullopt;
        }
        if (!std::isfinite(*v)) {
            problem(n, where + "." + key, "must be a finite number");
            return std::nullopt;
        }
        return v;
    }

    std::optional<int64_t> whole(const toml::table& table, const std::string& where, const char* key, int64_t least) {
        const toml::node* n = table.get(key);
        if (!n) return std::nullopt;
        const auto* i = n->as_integer();
        if (!i || i->get() < least || i->get() > 1000) {
            problem(n, where + "." + key, "must be a whole number from " + std::to_string(least) + " to 1000");
            return std::nullopt;
        }
        return i->get();
    }

    // A boolean; a missing one is reported when `why` is given.
    bool boolean(const toml::table& table, const std::string& where, const char* key, bool fallback,
                 const char* why = nullptr) {
        const toml::node* n = table.get(key);
        if (!n) {
            if (why) problem(&table, where + "." + key, std::string("missing: ") + why);
            return fallback;
        }
        if (const auto* b = n->as_boolean()) return b->get();
        problem(n, where + "." + key, "must be true or false (no quotes)");
        return fallback;
    }

    // A list of non-empty, distinct texts.
    std::vector<std::string> texts(const toml::table& table, const std::string& where, const char* key) {
        std::vector<std::string> out;
        const toml::node* n = table.get(key);
        if (!n) return out;
        const toml::array* list = n->as_array();
        if (!list) {
            problem(n, where + "." + key, "must be a list of texts, e.g. [\"a\", \"b\"]");
            return out;
        }
        for (const auto& item : *list) {
            auto v = item.value<std::string>();
            if (!v || v->empty()) {
                problem(&item, where + "." + key, "must list non-empty texts in quotes");
                continue;
            }
            if (std::find(out.begin(), out.end(), *v) != out.end()) {
                problem(&item, where + "." + key, "\"" + *v + "\" is listed twice");
                continue;
            }
            out.push_back(*v);
        }
        return out;
    }

    // The tables of an array of tables ([[key]]).
    std::vector<const toml::table*> tables(const toml::table& root, const char* key) {
        std::vector<const toml::table*> out;
        const toml::node* n = root.get(key);
        if (!n) return out;
        const toml::array* list = n->as_array();
        if (!list) {
            problem(n, key, std::string("must be written [[") + key + "]] (one block per entry)");
            return out;
        }
        for (const auto& item : *list) {
            if (const toml::table* t = item.as_table()) out.push_back(t);
            else problem(&item, key, std::string("must be written [[") + key + "]] (one block per entry)");
        }
        return out;
    }

};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string indicator_codes() {
    std::vector<std::string> codes;
    for (const auto& i : indicator_catalogue()) codes.push_back(i.code);
    return join(codes);
}

const IndicatorInfo* indicator(RuleReader& r, const toml::table& t, const std::string& where) {
    const std::string code = r.text(t, where, "indicator", "an indicator code, e.g. \"tax_mu\"");
    if (code.empty()) return nullptr;
    const IndicatorInfo* info = find_indicator(code);
    if (!info)
        r.problem(t.get("indicator"), where + ".indicator",
                  "unknown indicator code \"" + code + "\"; expected one of: " + indicator_codes());
    return info;
}

const char* kSourceWhy = "quote the clause or name the document this value comes from";
const char* kVerifiedWhy = "true when the value was checked against the text, false otherwise";

void read_header(RuleReader& r, const toml::table& root, const std::string& stem, RuleSet& rs, bool& method_known) {
    const toml::table* head = nullptr;
    if (const toml::node* n = root.get("ruleset")) {
        head = n->as_table();
        if (!head) r.problem(n, "ruleset", "must be a table ([ruleset])");
    } else {
        r.problem(nullptr, "[ruleset]", "missing: the table with name, title, source and method");
    }
    if (!head) return;
    r.only_keys(*head, "ruleset", {"name", "title", "source", "method", "levels", "land_uses"});
    rs.name = r.text(*head, "ruleset", "name", "the rule set's name, equal to the file name without .toml");
    if (!rs.name.empty() && rs.name != stem)
        r.problem(head->get("name"), "ruleset.name",
                  "is \"" + rs.name + "\" but the file is " + stem + ".toml; the name must equal the file name without .toml");
    rs.title = r.text(*head, "ruleset", "title", "the document's title");
    rs.source = r.text(*head, "ruleset", "source", "the document: seed file, issuer, date or number");
    const std::string method =
        r.text(*head, "ruleset", "method",
               "\"thresholds\" (grade by failed checks), \"score\" (weighted score) or \"stars\" (star-rated parks)");
    if (method == "thresholds") {
        rs.method = RuleSet::Method::Thresholds;
        method_known = true;
    } else if (method == "score") {
        rs.method = RuleSet::Method::Score;
        method_known = true;
    } else if (method == "stars") {
        rs.method = RuleSet::Method::Stars;
        method_known = true;
    } else if (!method.empty()) {
        r.problem(head->get("method"), "ruleset.method",
                  "unknown method \"" + method +
                      "\"; expected \"thresholds\" or \"score\" (parcel grading), or \"stars\" (star-rated parks)");
    }
    rs.levels = r.texts(*head, "ruleset", "levels");
    rs.land_uses = r.texts(*head, "ruleset", "land_uses");
}

// A stars rule set rates parks only; each check names the lowest star band that requires it.
void read_star_threshold(RuleReader& r, const toml::table& t, const std::string& where, const IndicatorInfo* info,
                         Threshold& th) {
    if (auto stars = r.whole(t, where, "stars", 1)) th.stars = static_cast<int>(*stars);
    else if (!t.get("stars"))
        r.problem(&t, where + ".stars", "missing: the lowest star band that requires this check, e.g. 3 for 三星");
    if (info && info->scope == IndicatorScope::Parcel)
        r.problem(t.get("indicator"), where + ".indicator",
                  info->code + " (" + info->label + ") is measured for parcels only; a stars rule set rates parks");
    if (th.parcels && t.get("applies_to"))
        r.problem(t.get("applies_to"), where + ".applies_to", "a stars rule set rates parks only; use [\"park\"]");
    if (!t.get("industries") && !t.get("land_uses")) {
        th.parcels = false;
        th.parks = true;
    } else {
        r.problem(t.get("industries") ? t.get("industries") : t.get("land_uses"), where,
                  "industries and land_uses filter parcels; a stars rule set rates parks only");
    }
}

void read_thresholds(RuleReader& r, const toml::table& root, RuleSet& rs) {
    std::map<std::string, int64_t> ids;  // id → line of first use
    int index = 0;
    for (const toml::table* t : r.tables(root, "threshold")) {
        ++index;
        const std::string where = "threshold[" + std::to_string(index) + "]";
        r.only_keys(*t, where,
                    {"id", "indicator", "min", "max", "exclusive", "levels", "industries", "land_uses", "applies_to",
                     "stars", "source", "verified"});
        Threshold th;
        th.id = r.text(*t, where, "id", "a short code unique in the file, e.g. \"km21-inv-national\"");
        if (!th.id.empty()) {
            const int64_t line = t->get("id")->source().begin.line;
            auto [it, fresh] = ids.emplace(th.id, line);
            if (!fresh)
                r.problem(t->get("id"), where + ".id",
                          "duplicate id \"" + th.id + "\" (first used at line " + std::to_string(it->second) + ")");
        }
        const IndicatorInfo* info = indicator(r, *t, where);
        if (info) th.indicator = info->code;
        th.min = r.number(*t, where, "min");
        th.max = r.number(*t, where, "max");
        if (!th.min && !th.max && !t->get("min") && !t->get("max"))
            r.problem(t, where, "needs min (passes at or above) and/or max (passes at or below)");
        if (th.min && th.max && *th.min > *th.max)
            r.problem(t->get("min"), where + ".min", "is larger than max: no value could pass");
        th.exclusive = r.boolean(*t, where, "exclusive", false);
        th.levels = r.texts(*t, where, "levels");
        for (const auto& level : th.levels)
            if (std::find(rs.levels.begin(), rs.levels.end(), level) == rs.levels.end())
                r.problem(t->get("levels"), where + ".levels",
                          "unknown level \"" + level + "\"; " +
                              (rs.levels.empty() ? std::string("[ruleset] levels is empty")
                                                 : "[ruleset] levels are: " + join(rs.levels)));
        th.industries = r.texts(*t, where, "industries");
        th.land_uses = r.texts(*t, where, "land_uses");
        if (info) {
            th.parcels = info->scope != IndicatorScope::Park;
            th.parks = info->scope != IndicatorScope::Parcel;
        }
        if (const toml::node* n = t->get("applies_to")) {
            auto subjects = r.texts(*t, where, "applies_to");
            if (n->is_array()) {
                bool parcels = false, parks = false, ok = true;
                for (const auto& s : subjects) {
                    if (s == "parcel") parcels = true;
                    else if (s == "park") parks = true;
                    else {
                        r.problem(n, where + ".applies_to", "unknown subject \"" + s + "\"; expected \"parcel\" and/or \"park\"");
                        ok = false;
                    }
                }
                if (ok && subjects.empty())
                    r.problem(n, where + ".applies_to", "is empty; list \"parcel\" and/or \"park\"");
                else if (ok && info) {
                    if (parcels && info->scope == IndicatorScope::Park)
                        r.problem(n, where + ".applies_to",
                                  info->code + " (" + info->label + ") is measured for parks only; use [\"park\"]");
                    if (parks && info->scope == IndicatorScope::Parcel)
                        r.problem(n, where + ".applies_to",
                                  info->code + " (" + info->label + ") is measured for parcels only; use [\"parcel\"]");
                }
                if (ok && !subjects.empty()) {
                    th.parcels = parcels;
                    th.parks = parks;
                }
            }
        }
        if (info && is_redevelopment_indicator(info->code) && rs.method != RuleSet::Method::Stars)
            r.problem(t->get("indicator"), where + ".indicator",
                      info->code + " (" + info->label + ") is measured after the intensity checks; only a "
                      "method = \"stars\" rule set may use it");
        if (rs.method == RuleSet::Method::Stars) read_star_threshold(r, *t, where, info, th);
        else if (t->get("stars"))
            r.problem(t->get("stars"), where + ".stars", "is for method = \"stars\" (star-rated parks)");
        th.source = r.text(*t, where, "source", kSourceWhy);
        th.verified = r.boolean(*t, where, "verified", false, kVerifiedWhy);
        rs.thresholds.push_back(std::move(th));
    }
}

void read_score_parts(RuleReader& r, const toml::table& root, RuleSet& rs) {
    std::set<std::string> seen;
    int index = 0;
    for (const toml::table* t : r.tables(root, "score")) {
        ++index;
        const std::string where = "score[" + std::to_string(index) + "]";
        r.only_keys(*t, where, {"indicator", "weight", "benchmark", "cap", "source", "verified"});
        ScorePart part;
        if (const IndicatorInfo* info = indicator(r, *t, where)) {
            part.indicator = info->code;
            if (!seen.insert(info->code).second)
                r.problem(t->get("indicator"), where + ".indicator", info->code + " is scored twice");
        }
        auto weight = r.number(*t, where, "weight");
        if (!t->get("weight")) r.problem(t, where + ".weight", "missing: the points this part is worth");
        else if (weight && *weight <= 0) r.problem(t->get("weight"), where + ".weight", "must be larger than 0");
        part.weight = weight.value_or(0);
        auto benchmark = r.number(*t, where, "benchmark");
        if (!t->get("benchmark"))
            r.problem(t, where + ".benchmark", "missing: the value scoring the full weight, e.g. the district average");
        else if (benchmark && *benchmark <= 0)
            r.problem(t->get("benchmark"), where + ".benchmark", "must be larger than 0");
        part.benchmark = benchmark.value_or(0);
        auto cap = r.number(*t, where, "cap");
        if (cap && *cap < 0) r.problem(t->get("cap"), where + ".cap", "must be 0 (no cap) or larger");
        part.cap = cap.value_or(0);
        part.source = r.text(*t, where, "source", kSourceWhy);
        part.verified = r.boolean(*t, where, "verified", false, kVerifiedWhy);
        rs.score_parts.push_back(std::move(part));
    }
}

// A star band (三星 …), best first; its target is how many parks the document aims to rate at it.
GradeBand read_star_band(RuleReader& r, const toml::table& t, const std::string& where,
                         std::optional<int>& previous_stars) {
    r.only_keys(t, where, {"grade", "stars", "meaning", "target", "target_year", "source", "verified"});
    GradeBand band;
    band.grade = r.text(t, where, "grade", "the band's name, e.g. \"三星\"");
    band.meaning = r.text(t, where, "meaning");
    if (auto stars = r.whole(t, where, "stars", 1)) band.stars = static_cast<int>(*stars);
    else if (!t.get("stars")) r.problem(&t, where + ".stars", "missing: the band's star count, e.g. 3 for 三星");
    if (band.stars && previous_stars && *band.stars >= *previous_stars)
        r.problem(t.get("stars"), where + ".stars",
                  "must be smaller than the band before (" + std::to_string(*previous_stars) + "): bands go best first");
    if (band.stars) previous_stars = band.stars;
    if (t.get("max_failed") || t.get("min_score"))
        r.problem(t.get("max_failed") ? t.get("max_failed") : t.get("min_score"), where,
                  "a stars band is reached by passing its checks; max_failed and min_score are for other methods");
    if (auto target = r.whole(t, where, "target", 0)) band.target = static_cast<int>(*target);
    if (const toml::node* n = t.get("target_year")) {
        const auto* year = n->as_integer();
        if (!year || year->get() < 1900 || year->get() > 2100)
            r.problem(n, where + ".target_year", "must be a year from 1900 to 2100, e.g. 2026");
        else
            band.target_year = static_cast<int>(year->get());
    }
    if (t.get("target")) {
        band.target_source = r.text(t, where, "source", kSourceWhy);
        band.target_verified = r.boolean(t, where, "verified", false, kVerifiedWhy);
    } else if (t.get("target_year") || t.get("source") || t.get("verified")) {
        r.problem(&t, where, "target_year, source and verified describe a target; add target = N (parks)");
    }
    return band;
}

void read_grades(RuleReader& r, const toml::table& root, RuleSet& rs, bool method_known) {
    const auto bands = r.tables(root, "grade");
    if (bands.empty() && !root.get("grade"))
        r.problem(nullptr, "[[grade]]", "missing: at least one grade band, best first");
    const bool score = rs.method == RuleSet::Method::Score;
    std::set<std::string> names;
    std::optional<int64_t> previous_failed;
    std::optional<double> previous_score;
    std::optional<int> previous_stars;
    for (size_t i = 0; i < bands.size(); ++i) {
        const toml::table& t = *bands[i];
        const bool last = i + 1 == bands.size();
        const std::string where = "grade[" + std::to_string(i + 1) + "]";
        if (method_known && rs.method == RuleSet::Method::Stars) {
            rs.grades.push_back(read_star_band(r, t, where, previous_stars));
            if (rs.grades.back().grade.empty()) continue;
            if (!names.insert(rs.grades.back().grade).second)
                r.problem(t.get("grade"), where + ".grade", "grade \"" + rs.grades.back().grade + "\" is defined twice");
            continue;
        }
        r.only_keys(t, where, {"grade", "max_failed", "min_score", "meaning"});
        GradeBand band;
        band.grade = r.text(t, where, "grade", "the grade's name, e.g. \"A\"");
        if (!band.grade.empty() && !names.insert(band.grade).second)
            r.problem(t.get("grade"), where + ".grade", "grade \"" + band.grade + "\" is defined twice");
        if (auto m = r.whole(t, where, "max_failed", 0)) band.max_failed = static_cast<int>(*m);
        band.min_score = r.number(t, where, "min_score");
        band.meaning = r.text(t, where, "meaning");
        if (method_known && !score) {
            if (t.get("min_score"))
                r.problem(t.get("min_score"), where + ".min_score",
                          "is for method = \"score\"; a thresholds rule set grades by max_failed");
            if (!t.get("max_failed") && !last)
                r.problem(&t, where + ".max_failed",
                          "missing: the most failed checks this grade allows (only the last band may omit it)");
            if (band.max_failed && previous_failed && *band.max_failed <= *previous_failed)
                r.problem(t.get("max_failed"), where + ".max_failed",
                          "must be larger than the band before (" + std::to_string(*previous_failed) +
                              "): bands go best first");
            if (band.max_failed) previous_failed = band.max_failed;
        }
        if (method_known && score) {
            if (t.get("max_failed"))
                r.problem(t.get("max_failed"), where + ".max_failed",
                          "is for method = \"thresholds\"; a score rule set grades by min_score");
            if (!t.get("min_score") && !last)
                r.problem(&t, where + ".min_score",
                          "missing: the lowest score this grade allows (only the last band may omit it)");
            if (band.min_score && previous_score && *band.min_score >= *previous_score) {
                std::ostringstream s;
                s << "must be smaller than the band before (" << *previous_score << "): bands go best first";
                r.problem(t.get("min_score"), where + ".min_score", s.str());
            }
            if (band.min_score) previous_score = band.min_score;
        }
        rs.grades.push_back(std::move(band));
    }
}

void read_exit_rule(RuleReader& r, const toml::table& root, RuleSet& rs) {
    const toml::node* n = root.get("exit_rule");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        r.problem(n, "exit_rule", "must be a table ([exit_rule])");
        return;
    }
    r.only_keys(*t, "exit_rule", {"years_below", "grace_years", "source", "verified"});
    ExitRule rule;
    if (auto y = r.whole(*t, "exit_rule", "years_below", 1)) rule.years_below = static_cast<int>(*y);
    else if (!t->get("years_below"))
        r.problem(t, "exit_rule.years_below", "missing: the years running below the entry threshold");
    if (auto g = r.whole(*t, "exit_rule", "grace_years", 0)) rule.grace_years = static_cast<int>(*g);
    else if (!t->get("grace_years")) r.problem(t, "exit_rule.grace_years", "missing: the years of grace before exit");
    rule.source = r.text(*t, "exit_rule", "source", kSourceWhy);
    rule.verified = r.boolean(*t, "exit_rule", "verified", false, kVerifiedWhy);
    rs.exit_rule = rule;
}

void check_method(RuleReader& r, const toml::table& root, const RuleSet& rs) {
    if (rs.method == RuleSet::Method::Stars) {
        if (rs.thresholds.empty() && !root.get("threshold"))
            r.problem(nullptr, "[[threshold]]", "missing: method = \"stars\" needs at least one threshold");
        if (const toml::node* n = root.get("score"))
            r.problem(n, "score", "[[score]] parts are for method = \"score\"; a stars rule set rates by its thresholds");
        if (const toml::node* n = root.get("exit_rule"))
            r.problem(n, "exit_rule", "the exit rule is for parcels; a stars rule set rates parks");
        if (!rs.land_uses.empty())
            r.problem(root.get("ruleset"), "ruleset.land_uses", "filters parcels; a stars rule set rates parks only");
        // Every check belongs to a band, and every band is reachable.
        std::set<int> bands;
        for (const auto& g : rs.grades)
            if (g.stars) bands.insert(*g.stars);
        for (const auto& t : rs.thresholds)
            if (t.stars && !bands.count(*t.stars))
                r.problem(nullptr, "threshold " + t.id + ".stars",
                          std::to_string(*t.stars) + " is not the stars of any [[grade]] band");
        return;
    }
    if (rs.method == RuleSet::Method::Thresholds) {
        if (rs.thresholds.empty() && !root.get("threshold"))
            r.problem(nullptr, "[[threshold]]", "missing: method = \"thresholds\" needs at least one threshold");
        if (const toml::node* n = root.get("score"))
            r.problem(n, "score", "[[score]] parts are for method = \"score\"; remove them or change the method");
    } else {
        if (rs.score_parts.empty() && !root.get("score"))
            r.problem(nullptr, "[[score]]", "missing: method = \"score\" needs at least one score part");
        if (const toml::node* n = root.get("threshold"))
            r.problem(n, "threshold",
                      "[[threshold]] checks are for method = \"thresholds\"; a score rule set grades by its [[score]] "
                      "parts only");
    }
}

bool looks_like_path(const std::string& s) {
    return s.find('/') != std::string::npos || s.find('\\') != std::string::npos ||
           (s.size() >= 5 && s.compare(s.size() - 5, 5, ".toml") == 0);
}

}  // namespace

std::string builtin_rules_dir() {
    if (const char* env = std::getenv("LANDAUDIT_RULES_DIR"); env && *env) return env;
    return LANDAUDIT_RULES_DIR;
}

std::vector<std::string> builtin_rule_set_names() {
    std::vector<std::string> names;
    std::error_code ec;
    const fs::path dir(builtin_rules_dir());
    if (!fs::is_directory(dir, ec)) return names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".toml" && entry.is_regular_file(ec))
            names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

RuleSet load_rule_set(const std::string& name_or_path, const std::string& base_dir) {
    const std::string how = "give a built-in rule-set name (`landaudit rules list`) or the path of a rule-set .toml file";
    if (name_or_path.empty()) throw AuditError(AuditError::Kind::Config, "empty rule-set name", how);
    fs::path file;
    if (looks_like_path(name_or_path)) {
        fs::path p(name_or_path);
        file = (p.is_absolute() || base_dir.empty() ? p : fs::path(base_dir) / p).lexically_normal();
        std::error_code ec;
        if (!fs::exists(file, ec))
            throw AuditError(AuditError::Kind::Config, "rule-set file " + file.string() + " does not exist",
                             base_dir.empty()
                                 ? "check the path; a relative path is taken from the current directory"
                                 : "check the path; a relative path is taken from " + base_dir +
                                       " (the audit config's directory)");
        if (fs::is_directory(file, ec))
            throw AuditError(AuditError::Kind::Config, "rule-set file " + file.string() + " is a directory",
                             "name the .toml file itself");
    } else {
        file = fs::path(builtin_rules_dir()) / (name_or_path + ".toml");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            const auto names = builtin_rule_set_names();
            throw AuditError(AuditError::Kind::Config,
                             "unknown rule set \"" + name_or_path + "\" (no " + file.string() + ")",
                             "built-in rule sets: " + (names.empty() ? std::string("none found") : join(names)) +
                                 "; or give the path of a rule-set .toml file (see rules/README.md)");
        }
    }

    const std::string path = file.string();
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream s;
        s << path;
        if (e.source().begin.line > 0) s << ":" << e.source().begin.line << ":" << e.source().begin.column;
        s << ": " << e.description();
        throw AuditError(AuditError::Kind::Config, s.str(), "fix the TOML syntax at that line");
    }

    RuleSet rs;
    rs.path = fs::absolute(file).lexically_normal().string();
    RuleReader r(path);
    r.only_keys(root, "", {"ruleset", "threshold", "grade", "score", "exit_rule"});
    bool method_known = false;
    read_header(r, root, file.stem().string(), rs, method_known);
    read_thresholds(r, root, rs);
    read_score_parts(r, root, rs);
    read_grades(r, root, rs, method_known);
    read_exit_rule(r, root, rs);
    if (method_known) check_method(r, root, rs);

    auto problems = r.take();
    if (!problems.empty()) throw ValidationError(std::move(problems));
    return rs;
}

}  // namespace landaudit
