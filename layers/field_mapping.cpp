// Field mapping: role fields, mapping checks, and the builders of domain objects.
#include "layers/field_mapping.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace landaudit {

const std::vector<RoleField>& role_fields(LayerRole role) {
    static const std::vector<RoleField> parks = {
        {"id", true, "park code (园区代码), unique per park"},
        {"name", false, "park name (园区名称)"},
        {"level", false, "park level (园区级别), e.g. 国家级, 省级, 州级/市级"},
    };
    static const std::vector<RoleField> parcels = {
        {"id", true, "parcel code (宗地代码 ZDDM or 地块编号)"},
    };
    static const std::vector<RoleField> constraints = {
        {"id", false, "feature code (e.g. BSM, JBNTTBBH); the feature id (FID) when not mapped"},
        {"name", false, "feature name (e.g. 红线名称)"},
        {"category", false, "class or type (e.g. 红线类型, 地类)"},
    };
    switch (role) {
        case LayerRole::Parks: return parks;
        case LayerRole::Parcels: return parcels;
        case LayerRole::Redline:
        case LayerRole::Farmland: return constraints;
    }
    return constraints;
}

namespace {

std::string layer_label(const SourceLayer& layer) {
    std::string label = layer.path;
    if (!layer.layer_name.empty()) label += " layer '" + layer.layer_name + "'";
    return label;
}

std::string available_fields(const SourceLayer& layer) {
    std::string names;
    for (const auto& f : layer.fields) names += (names.empty() ? "" : ", ") + f.name;
    return names.empty() ? "(none)" : names;
}

// Maps each role field key to a source field index (-1 when unmapped).
std::unordered_map<std::string, int> resolve(const LayerSource& source, const SourceLayer& layer) {
    std::unordered_map<std::string, int> idx;
    for (const auto& rf : role_fields(source.role)) {
        auto it = source.fields.find(rf.key);
        idx[rf.key] = it == source.fields.end() ? -1 : layer.field_index(it->second);
    }
    return idx;
}

std::string text_of(const SourceFeature& f, int index) {
    if (index < 0 || index >= static_cast<int>(f.values.size())) return {};
    return value_as_text(f.values[index]);
}

// Fills a missing id with "fid:N" and reports missing and duplicate ids.
std::string checked_id(const SourceLayer& layer, const SourceFeature& f, int id_index,
                       std::unordered_map<std::string, long long>& seen, Diagnostics& diag) {
    std::string id = text_of(f, id_index);
    const std::string role(role_key(layer.role));
    if (id.empty()) {
        id = "fid:" + std::to_string(f.fid);
        if (id_index >= 0)
            diag.add({role, layer_label(layer), f.fid, id, "missing_id", DiagnosticAction::Reported,
                      "field '" + layer.fields[id_index].name + "' is empty; using " + id});
        return id;
    }
    auto [it, inserted] = seen.emplace(id, f.fid);
    if (!inserted)
        diag.add({role, layer_label(layer), f.fid, id, "duplicate_id", DiagnosticAction::Reported,
                  "id also used by feature " + std::to_string(it->second) +
                      "; both are kept and audited separately"});
    return id;
}

}  // namespace

std::vector<std::string> check_field_mapping(const LayerSource& source, const SourceLayer& layer) {
    std::vector<std::string> problems;
    const std::string where = "[" + std::string(role_key(source.role)) + ".fields]";
    const auto& known = role_fields(source.role);
    for (const auto& [key, field] : source.fields) {
        bool is_known = std::any_of(known.begin(), known.end(),
                                    [&](const RoleField& rf) { return rf.key == key; });
        if (!is_known) {
            std::string keys;
            for (const auto& rf : known) keys += (keys.empty() ? "" : ", ") + rf.key;
            problems.push_back(where + " key '" + key + "' is not a field of this role; known: " + keys);
            continue;
        }
        if (layer.field_index(field) < 0)
            problems.push_back(layer_label(layer) + ": field '" + field + "' mapped by " + where + " " +
                               key + " does not exist; available: " + available_fields(layer));
    }
    for (const auto& rf : known)
        if (rf.required && !source.fields.count(rf.key))
            problems.push_back(layer_label(layer) + ": " + where + " must map '" + rf.key + "' (" + rf.meaning +
                               "); available fields: " + available_fields(layer));
    return problems;
}

std::vector<Park> parks_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag) {
    auto idx = resolve(source, layer);
    std::unordered_map<std::string, long long> seen;
    std::vector<Park> parks;
    parks.reserve(layer.features.size());
    for (const auto& f : layer.features) {
        Park p;
        p.fid = f.fid;
        p.id = checked_id(layer, f, idx["id"], seen, diag);
        p.name = text_of(f, idx["name"]);
        p.level = text_of(f, idx["level"]);
        p.geometry = f.geometry;
        parks.push_back(std::move(p));
    }
    return parks;
}

std::vector<Parcel> parcels_from(const SourceLayer& layer, const LayerSource& source,
                                 Diagnostics& diag) {
    auto idx = resolve(source, layer);
    std::unordered_map<std::string, long long> seen;
    std::vector<Parcel> parcels;
    parcels.reserve(layer.features.size());
    for (const auto& f : layer.features) {
        Parcel p;
        p.fid = f.fid;
        p.id = checked_id(layer, f, idx["id"], seen, diag);
        p.geometry = f.geometry;
        p.source_values = f.values;
        parcels.push_back(std::move(p));
    }
    return parcels;
}

std::vector<ConstraintFeature> constraints_from(const SourceLayer& layer, const LayerSource& source,
                                                Diagnostics& diag) {
    auto idx = resolve(source, layer);
    std::unordered_map<std::string, long long> seen;
    std::vector<ConstraintFeature> out;
    out.reserve(layer.features.size());
    for (const auto& f : layer.features) {
        ConstraintFeature c;
        c.fid = f.fid;
        c.id = checked_id(layer, f, idx["id"], seen, diag);
        c.name = text_of(f, idx["name"]);
        c.category = text_of(f, idx["category"]);
        c.geometry = f.geometry;
        out.push_back(std::move(c));
    }
    return out;
}

int SourceLayer::field_index(const std::string& name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return static_cast<int>(i);
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    const std::string wanted = lower(name);
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (lower(fields[i].name) == wanted) return static_cast<int>(i);
    return -1;
}

std::string value_as_text(const FieldValue& v) {
    if (std::holds_alternative<long long>(v)) return std::to_string(std::get<long long>(v));
    if (std::holds_alternative<double>(v)) {
        double d = std::get<double>(v);
        // Ids stored as reals (common in DBF) should read as integers.
        if (d == static_cast<double>(static_cast<long long>(d))) return std::to_string(static_cast<long long>(d));
        std::string s = std::to_string(d);
        return s;
    }
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return {};
}

}  // namespace landaudit
