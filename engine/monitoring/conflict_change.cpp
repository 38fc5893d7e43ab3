// Differences of the conflict land per constraint layer.
#include "engine/monitoring/conflict_change.h"

#include <map>

#include "engine/geometry/geometry_ops.h"

namespace landaudit {

namespace {

bool counts(const TableReader& t, std::size_t i) {
    return t.text(i, "subject") == "parcel" && t.number(i, "sliver").value_or(0) == 0;
}

std::map<std::string, GeomPtr> union_per_layer(GeosContext& ctx, const TableReader& t) {
    std::map<std::string, std::vector<GeomPtr>> parts;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (counts(t, i))
            if (GeomPtr g = from_wkb(ctx, t.geometry(i))) parts[t.text(i, "layer")].push_back(std::move(g));
    std::map<std::string, GeomPtr> out;
    for (auto& [layer, p] : parts) {
        std::string note;
        out[layer] = polygon_union(ctx, std::move(p), note);
    }
    return out;
}

// Each counted piece of `from` minus the other side's union of its layer.
void differences(GeosContext& ctx, const TableReader& from, std::map<std::string, GeomPtr>& other,
                 const std::string& change, double min_overlap_m2, std::vector<ConflictChange>& out) {
    for (std::size_t i = 0; i < from.size(); ++i) {
        if (!counts(from, i)) continue;
        GeomPtr g = from_wkb(ctx, from.geometry(i));
        if (!g) continue;
        const std::string layer = from.text(i, "layer");
        GeomPtr rest;
        std::string note;
        auto it = other.find(layer);
        rest = it == other.end() || !it->second ? clone(ctx, g.get()) : polygon_difference(ctx, g.get(), it->second.get(), note);
        if (!rest) continue;
        const double area = planar_area(ctx, rest.get());
        if (area < min_overlap_m2) continue;
        out.push_back({layer, change, from.text(i, "subject_id"), from.text(i, "park_id"), from.text(i, "feat_ids"), area,
                       to_wkb(ctx, rest.get())});
    }
}

}  // namespace

std::vector<ConflictChange> conflict_changes(GeosContext& ctx, const TableReader& earlier_conflicts,
                                             const TableReader& later_conflicts, double min_overlap_m2) {
    auto earlier_union = union_per_layer(ctx, earlier_conflicts);
    auto later_union = union_per_layer(ctx, later_conflicts);
    std::vector<ConflictChange> out;
    differences(ctx, later_conflicts, earlier_union, "new", min_overlap_m2, out);
    differences(ctx, earlier_conflicts, later_union, "left", min_overlap_m2, out);
    return out;
}

}  // namespace landaudit
