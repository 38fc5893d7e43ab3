// TOML → AuditConfig, strict: unknown keys are errors, so a typo never silently changes an audit.
#include "io/config/config_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "io/config/toml_problems.h"
#include "layers/error.h"
#include "layers/civil_date.h"
#include "layers/units.h"

namespace landaudit {

namespace fs = std::filesystem;

namespace {

class ConfigReader : public TomlProblems {
public:
    using TomlProblems::TomlProblems;

    std::string text(const toml::table& table, const std::string& where, const char* key, std::string fallback = {}) {
        const toml::node* n = table.get(key);
        if (!n) return fallback;
        if (auto v = n->value<std::string>()) return *v;
        problem(n, where + "." + key, "must be a string (in quotes)");
        return fallback;
    }

    double number(const toml::table& table, const std::string& where, const char* key, double fallback) {
        const toml::node* n = table.get(key);
        if (!n) return fallback;
        if (auto v = n->value<double>()) return *v;
        problem(n, where + "." + key, "must be a number");
        return fallback;
    }

    // A number that must be finite (nan and inf are TOML numbers, but no weight or rate).
    double finite_number(const toml::node* n, const std::string& key, double fallback) {
        if (!n) return fallback;
        const auto v = n->value<double>();
        if (v && std::isfinite(*v)) return *v;
        problem(n, key, v ? "must be a finite number, not " + std::string(std::isnan(*v) ? "nan" : "inf") : "must be a number");
        return fallback;
    }

    // A whole number: only a TOML integer (value<int64_t>() would convert a float such as 1e300,
    // which is undefined behaviour beyond int64's range).
    std::optional<int64_t> integer(const toml::node* n) {
        if (const auto* i = n ? n->as_integer() : nullptr) return i->get();
        return std::nullopt;
    }

    const toml::table* subtable(const toml::table& table, const std::string& where, const char* key) {
        const toml::node* n = table.get(key);
        if (!n) return nullptr;
        if (const toml::table* t = n->as_table()) return t;
        problem(n, where.empty() ? key : where + "." + key, "must be a table ([" + std::string(key) + "])");
        return nullptr;
    }

};

std::string resolve_path(const fs::path& base, const std::string& p) {
    // Database connections (PostGIS "PG:...") and GDAL virtual paths are not files.
    if (p.rfind("PG:", 0) == 0 || p.rfind("/vsi", 0) == 0) return p;
    fs::path path(p);
    return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

}  // namespace

AuditConfig load_config(const std::string& path) {
    if (!fs::exists(path))
        throw AuditError(AuditError::Kind::Config, "config file " + path + " does not exist",
                         "pass the path of an audit TOML file, e.g. sample_gis/audit.toml");
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream s;
        s << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": " << e.description();
        throw AuditError(AuditError::Kind::Config, s.str(), "fix the TOML syntax at that line");
    }

    AuditConfig cfg;
    cfg.config_path = fs::absolute(path).lexically_normal().string();
    const fs::path base = fs::path(cfg.config_path).parent_path();
    ConfigReader r(path);

    std::set<std::string> top = {"audit", "output", "intensity", "idle", "unsupplied", "candidates", "compare"};
    for (LayerRole role : kAllRoles) top.insert(std::string(role_key(role)));
    r.only_keys(root, "", top);

    if (const toml::table* audit = r.subtable(root, "", "audit")) {
        r.only_keys(*audit, "audit", {"name", "crs", "min_overlap_m2", "invalid_geometry", "threads", "as_of"});
        if (const toml::node* n = audit->get("as_of")) {
            std::optional<CivilDate> d;
            // A TOML date is read back through parse_civil_date like every date the engine compares it
            // with: a year the records cannot hold (0999) would otherwise leave idle land unjudged.
            if (auto date = n->value<toml::date>()) d = parse_civil_date(CivilDate{date->year, date->month, date->day}.iso());
            else if (auto text = n->value<std::string>()) d = parse_civil_date(*text);
            if (d) cfg.as_of = d->iso();
            else
                r.problem(n, "audit.as_of",
                          "must be a date from 1000-01-01 to 9999-12-31, e.g. 2025-12-31 (the audit's reference date)");
        }
        cfg.name = r.text(*audit, "audit", "name");
        cfg.working_crs = r.text(*audit, "audit", "crs", "auto");
        if (cfg.working_crs.empty()) cfg.working_crs = "auto";
        cfg.min_overlap_m2 = r.number(*audit, "audit", "min_overlap_m2", 1.0);
        if (!std::isfinite(cfg.min_overlap_m2) || cfg.min_overlap_m2 < 0) {
            r.problem(audit->get("min_overlap_m2"), "audit.min_overlap_m2", "must be a finite number ≥ 0 (m²)");
            cfg.min_overlap_m2 = 1.0;
        }
        std::string policy = r.text(*audit, "audit", "invalid_geometry", "repair");
        if (policy == "repair") cfg.invalid_geometry = InvalidGeometryPolicy::Repair;
        else if (policy == "skip") cfg.invalid_geometry = InvalidGeometryPolicy::Skip;
        else r.problem(audit->get("invalid_geometry"), "audit.invalid_geometry", "must be \"repair\" or \"skip\"");
        double threads = r.number(*audit, "audit", "threads", 0);
        // Checked before the cast: converting an out-of-range double to int is undefined.
        if (!std::isfinite(threads) || threads < 0 || threads > 4096 || threads != std::floor(threads))
            r.problem(audit->get("threads"), "audit.threads", "must be a whole number from 0 to 4096 (0 = all cores)");
        else
            cfg.threads = static_cast<int>(threads);
    }
    if (const toml::table* output = r.subtable(root, "", "output")) {
        r.only_keys(*output, "output", {"path"});
        std::string out = r.text(*output, "output", "path");
        if (!out.empty()) cfg.output_path = resolve_path(base, out);
    }
    if (const toml::table* compare = r.subtable(root, "", "compare")) {
        r.only_keys(*compare, "compare", {"earlier", "targets"});
        if (std::string earlier = r.text(*compare, "compare", "earlier"); !earlier.empty())
            cfg.compare_earlier = resolve_path(base, earlier);
        if (std::string targets = r.text(*compare, "compare", "targets"); !targets.empty())
            cfg.compare_targets = resolve_path(base, targets);
    }

    for (LayerRole role : kAllRoles) {
        const std::string key(role_key(role));
        const toml::table* t = r.subtable(root, "", key.c_str());
        if (!t) {
            if (is_required_role(role))
                r.problem(nullptr, "[" + key + "]",
                          "missing: the " + std::string(role_label(role)) + " layer is required (path and fields)");
            continue;
        }
        std::set<std::string> keys = {"path", "layer", "where", "encoding", "crs", "fields"};
        if (role == LayerRole::Economics) keys.insert({"key", "share", "units"});
        if (role == LayerRole::Buildings) keys.insert("standard_factory");
        if (role == LayerRole::Parcels) keys.insert("supplied_yes");
        r.only_keys(*t, key, keys);
        LayerSource src;
        src.role = role;
        std::string p = r.text(*t, key, "path");
        if (p.empty() && !t->get("path")) r.problem(t, key + ".path", "missing: the file (or PG: connection) of this layer");
        else if (p.empty() && t->get("path")->is_string()) r.problem(t->get("path"), key + ".path", "is empty");
        else src.path = resolve_path(base, p);
        src.layer = r.text(*t, key, "layer");
        src.where = r.text(*t, key, "where");
        src.encoding = r.text(*t, key, "encoding");
        src.crs = r.text(*t, key, "crs");
        if (const toml::table* fields = r.subtable(*t, key, "fields")) {
            for (const auto& [k, v] : *fields) {
                if (auto name = v.value<std::string>()) src.fields[std::string(k.str())] = *name;
                else r.problem(&v, key + ".fields." + std::string(k.str()), "must be a source field name in quotes");
            }
        }
        if (role == LayerRole::Economics) {
            src.join_key = r.text(*t, key, "key", "parcel");
            if (src.join_key != "parcel" && src.join_key != "enterprise")
                r.problem(t->get("key"), key + ".key", "must be \"parcel\" or \"enterprise\" (what the id column holds)");
            src.share = r.text(*t, key, "share", "merge");
            if (src.share != "merge" && src.share != "floor_area")
                r.problem(t->get("share"), key + ".share", "must be \"merge\" or \"floor_area\"");
            if (const toml::table* units = r.subtable(*t, key, "units")) {
                for (const auto& [k, v] : *units) {
                    const std::string field(k.str());
                    const std::string where = key + ".units." + field;
                    auto unit = v.value<std::string>();
                    if (!unit) {
                        r.problem(&v, where, "must be a unit in quotes, e.g. \"万元\"");
                        continue;
                    }
                    const bool energy = field == "energy";
                    const bool money = field == "investment" || field == "output" || field == "revenue" ||
                                       field == "tax" || field == "value_added" || field == "rd" ||
                                       field == "hitech_revenue";
                    if (energy && !energy_unit_to_tce(*unit))
                        r.problem(&v, where, "unknown energy unit; use \"tce\" (吨标准煤) or \"万tce\"");
                    else if (money && !money_unit_to_wan(*unit))
                        r.problem(&v, where, "unknown money unit; use \"元\", \"万元\" or \"亿元\"");
                    else if (!energy && !money)
                        r.problem(&v, where, "only money fields and energy have units");
                    else
                        src.units[field] = *unit;
                }
            }
        }
        if (role == LayerRole::Buildings) {
            if (const toml::node* n = t->get("standard_factory")) {
                if (auto one = n->value<std::string>()) src.standard_factory.push_back(*one);
                else if (const toml::array* list = n->as_array())
                    for (const auto& item : *list) {
                        if (auto v = item.value<std::string>()) src.standard_factory.push_back(*v);
                        else r.problem(&item, key + ".standard_factory", "must list texts in quotes");
                    }
                else r.problem(n, key + ".standard_factory", "must be a text or a list of texts");
            }
        }
        if (role == LayerRole::Parcels) {
            if (const toml::node* n = t->get("supplied_yes")) {
                src.supplied_yes.clear();
                if (auto one = n->value<std::string>()) src.supplied_yes.push_back(*one);
                else if (const toml::array* list = n->as_array())
                    for (const auto& item : *list) {
                        if (auto v = item.value<std::string>()) src.supplied_yes.push_back(*v);
                        else if (auto i = r.integer(&item)) src.supplied_yes.push_back(std::to_string(*i));
                        else r.problem(&item, key + ".supplied_yes", "must list texts in quotes, e.g. [\"是\", \"1\"]");
                    }
                else r.problem(n, key + ".supplied_yes", "must be a text or a list of texts, e.g. [\"是\", \"已供\"]");
                if (src.supplied_yes.empty() && (n->is_string() || n->is_array()))
                    r.problem(n, key + ".supplied_yes", "is empty: no value of the supplied field would mean supplied");
            }
        }
        cfg.layers[role] = std::move(src);
    }

    if (const toml::table* idle = r.subtable(root, "", "idle")) {
        r.only_keys(*idle, "idle", {"fee_rate", "government_causes"});
        cfg.idle.fee_rate = r.number(*idle, "idle", "fee_rate", cfg.idle.fee_rate);
        if (!std::isfinite(cfg.idle.fee_rate) || cfg.idle.fee_rate < 0 || cfg.idle.fee_rate > 1)
            r.problem(idle->get("fee_rate"), "idle.fee_rate", "must be a share from 0 to 1 (0.2 = 20 % of the land price)");
        if (const toml::node* n = idle->get("government_causes")) {
            cfg.idle.government_causes.clear();
            if (const toml::array* list = n->as_array()) {
                for (const auto& item : *list)
                    if (auto v = item.value<std::string>()) cfg.idle.government_causes.push_back(*v);
                    else r.problem(&item, "idle.government_causes", "must list texts in quotes");
            } else {
                r.problem(n, "idle.government_causes", "must be a list of texts, e.g. [\"政府\", \"不可抗力\"]");
            }
        }
    }
    if (const toml::table* unsupplied = r.subtable(root, "", "unsupplied")) {
        r.only_keys(*unsupplied, "unsupplied", {"age_buckets", "area_tolerance_pct"});
        if (const toml::node* n = unsupplied->get("age_buckets")) {
            std::vector<double> buckets;
            if (const toml::array* list = n->as_array())
                for (const auto& item : *list)
                    if (auto v = item.value<double>()) buckets.push_back(*v);
            bool ascending = !buckets.empty() && std::is_sorted(buckets.begin(), buckets.end()) &&
                             std::adjacent_find(buckets.begin(), buckets.end()) == buckets.end() && buckets.front() > 0;
            if (!ascending || buckets.size() != n->as_array()->size())
                r.problem(n, "unsupplied.age_buckets", "must be ascending positive years, e.g. [2, 5]");
            else cfg.unsupplied.age_buckets = buckets;
        }
        cfg.unsupplied.area_tolerance_pct =
            r.number(*unsupplied, "unsupplied", "area_tolerance_pct", cfg.unsupplied.area_tolerance_pct);
        if (!std::isfinite(cfg.unsupplied.area_tolerance_pct) || cfg.unsupplied.area_tolerance_pct < 0)
            r.problem(unsupplied->get("area_tolerance_pct"), "unsupplied.area_tolerance_pct", "must be a number ≥ 0 (%)");
    }
    if (const toml::table* candidates = r.subtable(root, "", "candidates")) {
        r.only_keys(*candidates, "candidates", {"kind_weight", "per_year", "per_mu"});
        if (const toml::table* weights = r.subtable(*candidates, "candidates", "kind_weight"))
            for (const auto& [k, v] : *weights) {
                const std::string kind(k.str());
                if (!cfg.candidates.kind_weight.count(kind))
                    r.problem(&v, "candidates.kind_weight." + kind,
                              "unknown kind; the kinds are unsupplied, idle, underused, not_operating, low_efficiency");
                else
                    cfg.candidates.kind_weight[kind] =
                        r.finite_number(&v, "candidates.kind_weight." + kind, cfg.candidates.kind_weight[kind]);
            }
        cfg.candidates.per_year = r.finite_number(candidates->get("per_year"), "candidates.per_year", cfg.candidates.per_year);
        cfg.candidates.per_mu = r.finite_number(candidates->get("per_mu"), "candidates.per_mu", cfg.candidates.per_mu);
    }
    if (const LayerSource* parcels = cfg.layer(LayerRole::Parcels);
        parcels && parcels->fields.count("agreed_start") && !parcels->fields.count("supply_date") &&
        !parcels->fields.count("supplied") && !cfg.layers.count(LayerRole::Supplied))
        r.problem(nullptr, "[parcels.fields] agreed_start",
                  "needs a supply status: map supply_date (供地日期) or the flag supplied (供地标志), or configure "
                  "[supplied] (supply records, matched spatially); idle land is supplied land, and without one every "
                  "parcel would count as not supplied");
    const bool needs_as_of = cfg.layers.count(LayerRole::Approved) || cfg.layers.count(LayerRole::Supplied) ||
                             (cfg.layers.count(LayerRole::Parcels) &&
                              (cfg.layers.at(LayerRole::Parcels).fields.count("agreed_start") ||
                               cfg.layers.at(LayerRole::Parcels).fields.count("supply_date") ||
                               cfg.layers.at(LayerRole::Parcels).fields.count("supplied")));
    // An unreadable as_of, or a typo of its key ("asof"), is reported above; not also as missing.
    bool as_of_written = root["audit"]["as_of"].node() != nullptr;
    if (const toml::table* audit = root["audit"].as_table())
        for (const auto& [k, v] : *audit)
            as_of_written = as_of_written || TomlProblems::nearest_key(std::string(k.str()), {"as_of"}) == "as_of";
    if (needs_as_of && !cfg.as_of && !as_of_written)
        r.problem(root.get("audit"), "audit.as_of",
                  "missing: idle land and 批而未供 are judged at a reference date; add as_of = 2025-12-31 to [audit]");

    if (const toml::table* intensity = r.subtable(root, "", "intensity")) {
        r.only_keys(*intensity, "intensity", {"rules", "year", "levels", "leading"});
        if (const toml::node* n = intensity->get("rules")) {
            if (auto one = n->value<std::string>()) cfg.intensity.rules.push_back(*one);
            else if (const toml::array* list = n->as_array())
                for (const auto& item : *list) {
                    if (auto v = item.value<std::string>()) cfg.intensity.rules.push_back(*v);
                    else r.problem(&item, "intensity.rules", "must list rule-set names or paths in quotes");
                }
            else r.problem(n, "intensity.rules", "must be a rule-set name or a list of them");
        }
        if (const toml::node* n = intensity->get("year")) {
            auto y = r.integer(n);
            if (!y || *y < 1900 || *y > 2100) r.problem(n, "intensity.year", "must be a year from 1900 to 2100, e.g. 2024");
            else cfg.intensity.year = static_cast<int>(*y);
        }
        if (const toml::table* levels = r.subtable(*intensity, "intensity", "levels"))
            for (const auto& [k, v] : *levels) {
                if (auto lv = v.value<std::string>()) cfg.intensity.levels[std::string(k.str())] = *lv;
                else r.problem(&v, "intensity.levels." + std::string(k.str()), "must be a rule-set level in quotes, e.g. \"national\"");
            }
        if (const toml::table* leading = r.subtable(*intensity, "intensity", "leading"))
            for (const auto& [k, v] : *leading) {
                std::vector<std::string> codes;
                if (const toml::array* list = v.as_array())
                    for (const auto& item : *list)
                        if (auto c = item.value<std::string>()) codes.push_back(*c);
                if (codes.empty())
                    r.problem(&v, "intensity.leading." + std::string(k.str()),
                              "must list the park's leading industry codes, e.g. [\"C39\", \"C27\"]");
                cfg.intensity.leading[std::string(k.str())] = std::move(codes);
            }
    }

    auto problems = r.take();
    if (!problems.empty()) {
        // The problems say what is wrong where; the reference says what each key takes.
        problems.back() += "\n  hint: docs/config.md lists every key, its type and the values it takes";
        throw ValidationError(std::move(problems));
    }
    return cfg;
}

}  // namespace landaudit
