// Id matches, then largest-overlap matches between the leftovers of both sides.
#include "engine/monitoring/parcel_matching.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "engine/geometry/envelope_index.h"
#include "engine/geometry/geometry_ops.h"

namespace landaudit {

namespace {

struct Leftover {
    std::size_t row;
    GeomPtr geometry;
    double area;
    Envelope box;
};

std::vector<Leftover> leftovers(GeosContext& ctx, const TableReader& t, const std::vector<bool>& used) {
    std::vector<Leftover> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (used[i] || t.geometry(i).is_null()) continue;
        GeomPtr g = from_wkb(ctx, t.geometry(i));
        if (!g) continue;
        const double area = planar_area(ctx, g.get());
        const Envelope box = envelope_of(ctx, g.get());
        out.push_back({i, std::move(g), area, box});
    }
    return out;
}

double shared_area(GeosContext& ctx, const Leftover& a, const Leftover& b) {
    std::string note;
    GeomPtr part = polygon_intersection(ctx, a.geometry.get(), b.geometry.get(), note);
    return part ? planar_area(ctx, part.get()) : 0.0;
}

}  // namespace

std::string_view match_key(ParcelMatch::How how) {
    switch (how) {
        case ParcelMatch::How::Id: return "id";
        case ParcelMatch::How::Geometry: return "geometry";
        case ParcelMatch::How::New: return "new";
        case ParcelMatch::How::Gone: return "gone";
    }
    return "";
}

std::vector<ParcelMatch> match_parcels(GeosContext& ctx, const TableReader& earlier, const TableReader& later,
                                       double min_share) {
    std::map<std::string, std::size_t> earlier_by_id;
    for (std::size_t i = 0; i < earlier.size(); ++i) earlier_by_id.emplace(earlier.text(i, "parcel_id"), i);
    std::vector<bool> earlier_used(earlier.size(), false), later_used(later.size(), false);
    std::vector<long> id_partner(later.size(), -1);
    for (std::size_t j = 0; j < later.size(); ++j) {
        auto it = earlier_by_id.find(later.text(j, "parcel_id"));
        if (it == earlier_by_id.end() || earlier_used[it->second]) continue;
        earlier_used[it->second] = later_used[j] = true;
        id_partner[j] = static_cast<long>(it->second);
    }

    // Geometry: every overlapping pair of leftovers, then each side's best partner.
    std::vector<Leftover> e = leftovers(ctx, earlier, earlier_used), l = leftovers(ctx, later, later_used);
    std::vector<Envelope> boxes;
    for (const auto& x : e) boxes.push_back(x.box);
    const EnvelopeIndex index(boxes);
    struct Pair {
        std::size_t ei, li;
        double shared;
    };
    std::vector<Pair> pairs;
    for (std::size_t li = 0; li < l.size(); ++li)
        for (std::size_t ei : index.query(l[li].box))
            if (double s = shared_area(ctx, e[ei], l[li]); s > 0) pairs.push_back({ei, li, s});
    std::vector<long> best_of_later(l.size(), -1), best_of_earlier(e.size(), -1);
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        const Pair& p = pairs[k];
        long& bl = best_of_later[p.li];
        if (bl < 0 || p.shared > pairs[static_cast<std::size_t>(bl)].shared) bl = static_cast<long>(k);
        long& be = best_of_earlier[p.ei];
        if (be < 0 || p.shared > pairs[static_cast<std::size_t>(be)].shared) be = static_cast<long>(k);
    }
    std::set<std::size_t> accepted;
    auto accept = [&](long k) {
        if (k < 0) return;
        const Pair& p = pairs[static_cast<std::size_t>(k)];
        if (p.shared >= min_share * e[p.ei].area || p.shared >= min_share * l[p.li].area)
            accepted.insert(static_cast<std::size_t>(k));
    };
    for (long k : best_of_later) accept(k);
    for (long k : best_of_earlier) accept(k);
    std::multimap<std::size_t, const Pair*> by_later_row;
    for (std::size_t k : accepted) {
        const Pair& p = pairs[k];
        by_later_row.emplace(l[p.li].row, &p);
        earlier_used[e[p.ei].row] = true;
    }

    std::vector<ParcelMatch> matches;
    for (std::size_t j = 0; j < later.size(); ++j) {
        if (id_partner[j] >= 0) {
            matches.push_back({ParcelMatch::How::Id, id_partner[j], static_cast<long>(j), 0});
            continue;
        }
        auto [lo, hi] = by_later_row.equal_range(j);
        if (lo == hi) matches.push_back({ParcelMatch::How::New, -1, static_cast<long>(j), 0});
        for (auto it = lo; it != hi; ++it)
            matches.push_back({ParcelMatch::How::Geometry, static_cast<long>(e[it->second->ei].row),
                               static_cast<long>(j), it->second->shared});
    }
    for (std::size_t i = 0; i < earlier.size(); ++i)
        if (!earlier_used[i]) matches.push_back({ParcelMatch::How::Gone, static_cast<long>(i), -1, 0});
    return matches;
}

}  // namespace landaudit
