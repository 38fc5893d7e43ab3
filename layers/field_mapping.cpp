// Field mapping: role fields, mapping checks, and the builders of domain objects.
#include "layers/field_mapping.h"

#include <cmath>

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <utility>

#include "layers/units.h"

namespace landaudit {

const std::vector<RoleField>& role_fields(LayerRole role) {
    static const std::vector<RoleField> parks = {
        {"id", true, "park code (园区代码), unique per park"},
        {"name", false, "park name (园区名称)"},
        {"level", false, "park level (园区级别), e.g. 国家级, 省级, 州级/市级"},
        {"lead_industries", false, "declared leading industries: GB/T 4754 codes separated by , ; 、 or spaces"},
    };
    static const std::vector<RoleField> parcels = {
        {"id", true, "parcel code (宗地代码 ZDDM or 地块编号)"},
        {"land_use", false, "land-use code (GB/T 21010 DLBM or 用地用海 code), e.g. 0601"},
        {"industry", false, "industry code (GB/T 4754), e.g. 39 or C39"},
        {"enterprise", false, "enterprise id, to join economics by enterprise"},
        {"floor_area", false, "total floor area in m² (总建筑面积/计容建筑面积)"},
        {"footprint", false, "building and structure footprint in m² (建筑物构筑物基底面积)"},
        {"yard_area", false, "storage-yard area in m² (露天堆场面积)"},
        {"admin_area", false, "admin and living-service area in m² (行政办公及生活服务设施用地面积)"},
        {"supply_date", false, "supply date (供地日期: contract or allocation decision); empty = not supplied"},
        {"supplied", false, "supplied flag (供地标志): a value listed in [parcels] supplied_yes means supplied"},
        {"agreed_start", false, "agreed start date after extensions (约定动工日期)"},
        {"actual_start", false, "actual start date (实际动工日期); empty = not started"},
        {"suspended_since", false, "date construction was suspended (停工日期); empty = not suspended"},
        {"due_area", false, "area due for development in m² (应动工开发建设面积)"},
        {"developed_area", false, "area developed in m² (已动工开发建设面积)"},
        {"total_investment", false, "total investment excluding the land price (总投资), 万元"},
        {"invested", false, "amount invested so far (已投资额), 万元"},
        {"land_price", false, "land price (出让/划拨价款), 万元"},
        {"idle_cause", false, "cause of idleness as recorded (闲置原因)"},
        {"std_investment", false, "标准地 contracted investment intensity (投资强度), 万元/亩"},
        {"std_far", false, "标准地 contracted floor-area ratio (容积率)"},
        {"std_tax", false, "标准地 contracted tax per mu (亩均税收), 万元/亩"},
        {"std_output", false, "标准地 contracted output per mu (亩均产出), 万元/亩"},
        {"std_energy", false, "标准地 contracted value added per unit of energy (单位能耗增加值), 万元/吨标准煤"},
        {"std_due", false, "标准地 date of the acceptance check after completion (达产复核日期)"},
    };
    static const std::vector<RoleField> buildings = {
        {"id", false, "building code; the feature id (FID) when not mapped"},
        {"floors", false, "number of floors (层数)"},
        {"height", false, "building height in metres (建筑高度); storeys over 8 m count double in FAR"},
        {"kind", false, "building type (e.g. 标准厂房), for the multi-storey standard-factory share"},
    };
    static const std::vector<RoleField> economics = {
        {"id", true, "parcel id or enterprise id, per [economics] key"},
        {"year", true, "year of the figures (e.g. 2024)"},
        {"investment", false, "fixed-asset investment (固定资产投资)"},
        {"output", false, "output value (工业总产值)"},
        {"revenue", false, "revenue (营业收入)"},
        {"tax", false, "tax paid (税收)"},
        {"value_added", false, "value added (增加值)"},
        {"energy", false, "energy use (综合能耗), tce unless [economics.units] says otherwise"},
        {"emissions", false, "main pollutant emissions in tonnes (主要污染物排放量)"},
        {"employees", false, "employees (从业人员)"},
        {"rd", false, "R&D spending (研发经费)"},
        {"hitech_revenue", false, "revenue of high-tech products (高新技术产业营业收入)"},
        {"leased_floor", false, "floor area the enterprise uses on the parcel, m², for share = \"floor_area\""},
        {"industry", false, "GB/T 4754 industry code of the enterprise"},
    };
    static const std::vector<RoleField> approved = {
        {"id", true, "batch id or name (批次编号/批次名称, PCMC)"},
        {"approval_no", false, "approval number (批准文号, PZWH)"},
        {"approval_date", false, "approval date (批准日期, PZRQ)"},
        {"area", false, "approved area as recorded, m² (批准面积, PZMJ)"},
    };
    static const std::vector<RoleField> supplied = {
        {"id", false, "supply record id (电子监管号/合同编号); the feature id when not mapped"},
        {"supply_date", true, "supply date (供地日期/签订日期, QDRQ)"},
        {"method", false, "supply method (供地方式: 出让/划拨/租赁, GYFS)"},
        {"price", false, "price (成交价款, CJJG), 万元"},
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
        case LayerRole::Buildings: return buildings;
        case LayerRole::Economics: return economics;
        case LayerRole::Approved: return approved;
        case LayerRole::Supplied: return supplied;
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
std::string checked_id(const SourceLayer& layer, const SourceFeature& f, int id_index, SeenIds& seen,
                       Diagnostics& diag) {
    std::string id = text_of(f, id_index);
    const std::string role(role_key(layer.role));
    if (id.empty()) {
        id = "fid:" + std::to_string(f.fid);
        if (id_index >= 0)
            diag.add({role, layer_label(layer), f.fid, id, "missing_id", DiagnosticAction::Reported,
                      "field '" + layer.fields[id_index].name + "' is empty; using " + id});
        return id;
    }
    if (const std::optional<long long> first = seen.first_use(id, f.fid))
        diag.add({role, layer_label(layer), f.fid, id, "duplicate_id", DiagnosticAction::Reported,
                  "id also used by feature " + std::to_string(*first) +
                      "; both are kept and audited separately"});
    return id;
}

// Larger than any parcel's area in m², any building's floors or any enterprise's amounts in 万元:
// such a value is a data error (or an overflowed cell), not a measurement.
constexpr double kImplausiblyLarge = 1e12;

// A number from a numeric or text field, times `factor`; text amounts may carry separators and a
// money unit ("1,234.5万元"). Unreadable text, non-finite values (inf, nan, 1e999), negative values
// (every mapped number is an area, a count or an amount) and values beyond any real parcel →
// null plus a diagnostic naming the field, never a number computed from them.
std::optional<double> number_of(const SourceLayer& layer, const SourceFeature& f, int index, double factor,
                                const std::string& feature_id, Diagnostics& diag) {
    if (index < 0 || index >= static_cast<int>(f.values.size())) return std::nullopt;
    const FieldValue& v = f.values[index];
    auto report = [&](const char* problem, const std::string& what) {
        diag.add({std::string(role_key(layer.role)), layer_label(layer), f.fid, feature_id, problem,
                  DiagnosticAction::Reported, "field '" + layer.fields[index].name + "' holds " + what + "; treated as missing"});
        return std::nullopt;
    };
    // The value as the message shows it, formatted only for a message (a million parcels carry
    // a dozen figures each).
    auto shown = [&v] {
        if (std::holds_alternative<long long>(v)) return std::to_string(std::get<long long>(v));
        if (std::holds_alternative<std::string>(v)) return "'" + std::get<std::string>(v) + "'";
        return value_as_text(v);
    };
    std::optional<double> value;
    if (std::holds_alternative<long long>(v)) {
        value = static_cast<double>(std::get<long long>(v)) * factor;
    } else if (std::holds_alternative<double>(v)) {
        value = std::get<double>(v) * factor;
    } else if (std::holds_alternative<std::string>(v)) {
        const std::string& text = std::get<std::string>(v);
        if (text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
        value = parse_amount(text, factor);
        if (!value) return report("unreadable_value", shown() + ", not a number");
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(*value)) return report("unreadable_value", shown() + ", not a finite number");
    if (*value < 0) return report("implausible_value", shown() + ", a negative amount");
    if (*value > kImplausiblyLarge) return report("implausible_value", shown() + ", larger than any real parcel's figure");
    return value;
}

std::vector<std::string> split_codes(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) out.push_back(current);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "；") == 0) {
            flush();
            i += 2;
        } else if (text[i] == ',' || text[i] == ';' || text[i] == ' ' || text[i] == '/') {
            flush();
        } else {
            current += text[i];
        }
    }
    flush();
    return out;
}

double unit_factor(const LayerSource& source, const std::string& key, bool energy) {
    auto it = source.units.find(key);
    if (it == source.units.end()) return 1.0;
    auto f = energy ? energy_unit_to_tce(it->second) : money_unit_to_wan(it->second);
    return f.value_or(1.0);  // unknown units are rejected when the config is loaded
}

// The loop every feature role shares: id (with missing and duplicate checks), fid and geometry,
// then `fill` for the role's own fields.
template <class Feature, class Fill>
std::vector<Feature> features_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                                   Fill fill, SeenIds* earlier = nullptr) {
    auto idx = resolve(source, layer);
    SeenIds local;
    SeenIds& seen = earlier ? *earlier : local;
    std::vector<Feature> out;
    out.reserve(layer.features.size());
    for (const auto& f : layer.features) {
        Feature item;
        item.fid = f.fid;
        item.id = checked_id(layer, f, idx["id"], seen, diag);
        item.geometry = f.geometry;
        fill(item, f, idx);
        out.push_back(std::move(item));
    }
    return out;
}

// A supplied flag: nullopt when blank, true when it is one of `yes` (trimmed; ASCII case ignored).
std::optional<bool> supplied_flag(const std::string& text, const std::vector<std::string>& yes) {
    auto norm = [](std::string s) {
        const auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
        s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return s;
    };
    const std::string value = norm(text);
    if (value.empty()) return std::nullopt;
    return std::any_of(yes.begin(), yes.end(), [&](const std::string& y) { return norm(y) == value; });
}

// The keys read with number_of: areas, counts and amounts.
bool is_numeric_key(const std::string& key) {
    static const std::vector<std::string> numeric = {
        "floor_area", "footprint", "yard_area", "admin_area", "due_area", "developed_area", "total_investment",
        "invested", "land_price", "std_investment", "std_far", "std_tax", "std_output", "std_energy",
        "floors", "height", "investment", "output", "revenue", "tax", "value_added",
        "energy", "emissions", "employees", "rd", "hitech_revenue", "leased_floor", "area", "price"};
    return std::find(numeric.begin(), numeric.end(), key) != numeric.end();
}

}  // namespace

std::vector<std::string> split_code_list(const std::string& text) { return split_codes(text); }

std::vector<std::string> check_field_mapping(const LayerSource& source, const SourceLayer& layer) {
    std::vector<std::string> problems;
    const std::string where = "[" + std::string(role_key(source.role)) + ".fields]";
    const auto& known = role_fields(source.role);
    for (const auto& [key, field] : source.fields) {
        bool is_known = std::any_of(known.begin(), known.end(),
                                    [&key = key](const RoleField& rf) { return rf.key == key; });
        if (!is_known) {
            std::string keys;
            for (const auto& rf : known) keys += (keys.empty() ? "" : ", ") + rf.key;
            problems.push_back(where + " key '" + key + "' is not a field of this role; known: " + keys);
            continue;
        }
        const int index = layer.field_index(field);
        if (index < 0)
            problems.push_back(layer_label(layer) + ": field '" + field + "' mapped by " + where + " " +
                               key + " does not exist; available: " + available_fields(layer));
        // A date read as an amount gives one unreadable_value per feature instead of one clear error.
        else if (is_numeric_key(key) && layer.fields[static_cast<std::size_t>(index)].type == FieldType::Date)
            problems.push_back(layer_label(layer) + ": field '" + field + "' mapped by " + where + " " + key +
                               " is a date field, but " + key + " is a number; hint: map a numeric field (or text "
                               "holding numbers) to " + key);
    }
    for (const auto& rf : known)
        if (rf.required && !source.fields.count(rf.key))
            problems.push_back(layer_label(layer) + ": " + where + " must map '" + rf.key + "' (" + rf.meaning +
                               "); available fields: " + available_fields(layer));
    return problems;
}

std::vector<Park> parks_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag) {
    return features_from<Park>(layer, source, diag, [&](Park& p, const SourceFeature& f, auto& idx) {
        p.name = text_of(f, idx["name"]);
        p.level = text_of(f, idx["level"]);
        p.lead_industries = split_codes(text_of(f, idx["lead_industries"]));
    });
}

std::vector<Parcel> parcels_from(const SourceLayer& layer, const LayerSource& source,
                                 Diagnostics& diag) {
    SeenIds seen;
    return parcels_from(layer, source, diag, seen);
}

std::vector<Parcel> parcels_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                                 SeenIds& seen) {
    return features_from<Parcel>(layer, source, diag, [&](Parcel& p, const SourceFeature& f, auto& idx) {
        p.source_values = f.values;
        p.use.land_use = text_of(f, idx["land_use"]);
        p.use.industry = text_of(f, idx["industry"]);
        p.use.enterprise = text_of(f, idx["enterprise"]);
        p.use.floor_area_m2 = number_of(layer, f, idx["floor_area"], 1.0, p.id, diag);
        p.use.footprint_m2 = number_of(layer, f, idx["footprint"], 1.0, p.id, diag);
        p.use.yard_m2 = number_of(layer, f, idx["yard_area"], 1.0, p.id, diag);
        p.use.admin_m2 = number_of(layer, f, idx["admin_area"], 1.0, p.id, diag);
        IdleFacts& idle = p.idle;
        idle.supply_date = text_of(f, idx["supply_date"]);
        idle.agreed_start = text_of(f, idx["agreed_start"]);
        idle.actual_start = text_of(f, idx["actual_start"]);
        idle.suspended_since = text_of(f, idx["suspended_since"]);
        idle.due_area_m2 = number_of(layer, f, idx["due_area"], 1.0, p.id, diag);
        idle.developed_area_m2 = number_of(layer, f, idx["developed_area"], 1.0, p.id, diag);
        idle.total_investment = number_of(layer, f, idx["total_investment"], 1.0, p.id, diag);
        idle.invested = number_of(layer, f, idx["invested"], 1.0, p.id, diag);
        idle.land_price = number_of(layer, f, idx["land_price"], 1.0, p.id, diag);
        idle.idle_cause = text_of(f, idx["idle_cause"]);
        idle.supplied_flag = supplied_flag(text_of(f, idx["supplied"]), source.supplied_yes);
        idle.mapped = idx["agreed_start"] >= 0 || idx["supply_date"] >= 0 || idx["supplied"] >= 0;
        using Contract = StandardLandContract;
        for (const auto& [key, value] : {std::pair{"std_investment", &Contract::investment_mu}, {"std_far", &Contract::far},
                                         {"std_tax", &Contract::tax_mu}, {"std_output", &Contract::output_mu},
                                         {"std_energy", &Contract::energy}})
            p.use.contract.*value = number_of(layer, f, idx[key], 1.0, p.id, diag);
        p.use.contract.due_date = text_of(f, idx["std_due"]);
    }, &seen);
}

std::vector<ConstraintFeature> constraints_from(const SourceLayer& layer, const LayerSource& source,
                                                Diagnostics& diag) {
    return features_from<ConstraintFeature>(layer, source, diag,
                                            [&](ConstraintFeature& c, const SourceFeature& f, auto& idx) {
                                                c.name = text_of(f, idx["name"]);
                                                c.category = text_of(f, idx["category"]);
                                            });
}

std::vector<Building> buildings_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag) {
    SeenIds seen;
    return buildings_from(layer, source, diag, seen);
}

std::vector<Building> buildings_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                                     SeenIds& seen) {
    return features_from<Building>(
        layer, source, diag,
        [&](Building& b, const SourceFeature& f, auto& idx) {
            b.floors = number_of(layer, f, idx["floors"], 1.0, b.id, diag);
            b.height_m = number_of(layer, f, idx["height"], 1.0, b.id, diag);
            b.kind = text_of(f, idx["kind"]);
        },
        &seen);
}

void economics_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag,
                    const std::function<void(EconomicRecord&&)>& sink) {
    auto idx = resolve(source, layer);
    const std::string role(role_key(layer.role));
    for (const auto& f : layer.features) {
        EconomicRecord r;
        r.fid = f.fid;
        r.key = text_of(f, idx["id"]);
        if (r.key.empty()) {
            diag.add({role, layer_label(layer), f.fid, {}, "missing_id", DiagnosticAction::Skipped,
                      "row has no " + source.fields.at("id") + "; it cannot be joined"});
            continue;
        }
        std::string year_text = text_of(f, idx["year"]);
        if (year_text.size() > 3 && year_text.compare(year_text.size() - 3, 3, "年") == 0) year_text.resize(year_text.size() - 3);
        char* end = nullptr;
        long year = std::strtol(year_text.c_str(), &end, 10);
        if (year_text.empty() || *end != '\0' || year < 1900 || year > 2100) {
            diag.add({role, layer_label(layer), f.fid, r.key, "unreadable_year", DiagnosticAction::Skipped,
                      "field '" + source.fields.at("year") + "' holds '" + year_text + "', not a year"});
            continue;
        }
        r.year = static_cast<int>(year);
        auto money = [&](const char* key) {
            return number_of(layer, f, idx[key], unit_factor(source, key, false), r.key, diag);
        };
        r.investment = money("investment");
        r.output = money("output");
        r.revenue = money("revenue");
        r.tax = money("tax");
        r.value_added = money("value_added");
        r.rd = money("rd");
        r.hitech_revenue = money("hitech_revenue");
        r.energy_tce = number_of(layer, f, idx["energy"], unit_factor(source, "energy", true), r.key, diag);
        r.emissions_t = number_of(layer, f, idx["emissions"], 1.0, r.key, diag);
        r.employees = number_of(layer, f, idx["employees"], 1.0, r.key, diag);
        r.leased_floor_m2 = number_of(layer, f, idx["leased_floor"], 1.0, r.key, diag);
        r.industry = text_of(f, idx["industry"]);
        sink(std::move(r));
    }
}

std::vector<ApprovalBatch> approved_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag) {
    return features_from<ApprovalBatch>(layer, source, diag, [&](ApprovalBatch& b, const SourceFeature& f, auto& idx) {
        b.approval_no = text_of(f, idx["approval_no"]);
        b.approval_date = text_of(f, idx["approval_date"]);
        b.recorded_area_m2 = number_of(layer, f, idx["area"], 1.0, b.id, diag);
    });
}

std::vector<SupplyRecord> supplied_from(const SourceLayer& layer, const LayerSource& source, Diagnostics& diag) {
    return features_from<SupplyRecord>(layer, source, diag, [&](SupplyRecord& r, const SourceFeature& f, auto& idx) {
        r.supply_date = text_of(f, idx["supply_date"]);
        r.method = text_of(f, idx["method"]);
        r.price = number_of(layer, f, idx["price"], 1.0, r.id, diag);
    });
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
        const double d = std::get<double>(v);
        // Beyond 2^53 (and for inf, nan) a real is no id and the cast below would be undefined;
        // "%.15g" keeps 1e300 short instead of 301 digits.
        if (!std::isfinite(d) || std::abs(d) >= 9.0e15) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.15g", d);
            return buf;
        }
        // Ids stored as reals (common in DBF) should read as integers.
        if (d == std::floor(d)) return std::to_string(static_cast<long long>(d));
        return std::to_string(d);
    }
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return {};
}

}  // namespace landaudit
