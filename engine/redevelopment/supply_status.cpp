// Supply status from [supplied] spatially: each parcel against the supply records on it, in date order.
#include "engine/redevelopment/supply_status.h"

#include <algorithm>
#include <optional>

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"
#include "layers/civil_date.h"

namespace landaudit {

namespace {

std::string mapped(const LayerSource& parcels, const char* key) {
    auto it = parcels.fields.find(key);
    return it == parcels.fields.end() ? std::string() : it->second;
}

std::string yes_values(const LayerSource& parcels) {
    std::string s;
    for (const auto& v : parcels.supplied_yes) s += (s.empty() ? "" : ", ") + v;
    return s;
}

}  // namespace

SupplyBasis supply_basis(const AuditConfig& config) {
    const LayerSource* parcels = config.layer(LayerRole::Parcels);
    if (!parcels) return SupplyBasis::None;
    if (parcels->fields.count("supply_date")) return SupplyBasis::DateField;
    if (parcels->fields.count("supplied")) return SupplyBasis::FlagField;
    if (parcels->fields.count("agreed_start") && config.layer(LayerRole::Supplied)) return SupplyBasis::Spatial;
    return SupplyBasis::None;
}

std::string describe_supply_basis(const AuditConfig& config) {
    const LayerSource* parcels = config.layer(LayerRole::Parcels);
    const std::string overlap = std::to_string(config.min_overlap_m2);
    const std::string covered = "covered by more than " + overlap.substr(0, overlap.find_last_not_of('0') + 1) +
                                " m² of [supplied] records dated on or before as_of";
    switch (supply_basis(config)) {
        case SupplyBasis::None: return {};
        case SupplyBasis::DateField:
            return "supply status: from [parcels.fields] supply_date (" + mapped(*parcels, "supply_date") + ")" +
                   (parcels->fields.count("supplied")
                        ? "; where it is empty, from the flag supplied (" + mapped(*parcels, "supplied") + " = " +
                              yes_values(*parcels) + ")"
                        : "");
        case SupplyBasis::FlagField:
            return "supply status: from the flag [parcels.fields] supplied (" + mapped(*parcels, "supplied") + " = " +
                   yes_values(*parcels) + " means supplied)" +
                   (config.layer(LayerRole::Supplied) ? "; supply date: the earliest of the records " + covered
                                                      : "; no supply dates ([supplied] is not configured)");
        case SupplyBasis::Spatial:
            return "supply status: from [supplied] spatially (the parcels map no supply field): a parcel " + covered +
                   " is supplied on the earliest such date";
    }
    return {};
}

void resolve_supply_status(AuditInputs& in, const AuditConfig& config) {
    resolve_supply_status(in.parcels, in.supplied, config);
}

void resolve_supply_status(std::vector<Parcel>& parcels, const std::vector<SupplyRecord>& supplied,
                           const AuditConfig& config) {
    const SupplyBasis basis = supply_basis(config);
    if ((basis != SupplyBasis::FlagField && basis != SupplyBasis::Spatial) || !config.as_of || supplied.empty())
        return;
    // Records in date order; unreadable dates last, so a dated record always wins.
    struct Dated {
        std::size_t index;
        std::optional<CivilDate> date;
    };
    std::vector<Dated> order;
    for (std::size_t i = 0; i < supplied.size(); ++i)
        if (!supplied[i].geometry.is_null()) order.push_back({i, parse_civil_date(supplied[i].supply_date)});
    std::stable_sort(order.begin(), order.end(), [](const Dated& a, const Dated& b) {
        if (a.date && b.date) return *a.date < *b.date;
        return a.date.has_value() && !b.date.has_value();
    });
    std::vector<std::size_t> rank(supplied.size(), 0);
    for (std::size_t k = 0; k < order.size(); ++k) rank[order[k].index] = k;

    GeosContext ctx;
    std::vector<const WkbGeometry*> refs;
    for (const SupplyRecord& s : supplied) refs.push_back(&s.geometry);
    IndexedLayer supplies(ctx, std::move(refs));
    LayerView view(ctx, supplies);
    for (Parcel& p : parcels) {
        if (p.geometry.is_null() || p.idle.supplied_flag == false) continue;
        GeomPtr parcel = from_wkb(ctx, p.geometry);
        if (!parcel) continue;
        std::vector<std::size_t> near = view.candidates(envelope_of(ctx, parcel.get()));
        std::sort(near.begin(), near.end(), [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
        double covered = 0;
        std::string undated;  // the text of an unreadable date on a record covering the parcel
        for (std::size_t i : near) {
            const GEOSGeometry* record = view.geometry(i);
            if (!record || !interiors_overlap(ctx, parcel.get(), record)) continue;
            std::string note;
            GeomPtr piece = polygon_intersection(ctx, parcel.get(), record, note);
            if (!piece) continue;
            const std::optional<CivilDate> date = parse_civil_date(supplied[i].supply_date);
            if (!date) {
                if (undated.empty()) undated = supplied[i].supply_date;
                continue;
            }
            covered += planar_area(ctx, piece.get());
            if (covered > config.min_overlap_m2) {
                p.idle.supply_date = date->iso();
                break;
            }
        }
        if (p.idle.supply_date.empty() && covered <= config.min_overlap_m2) p.idle.supply_date = undated;
    }
}

}  // namespace landaudit
