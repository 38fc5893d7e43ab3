// Stock and outcome, piece by piece.
#include "engine/monitoring/disposal.h"

#include <map>
#include <set>

#include "engine/geometry/geometry_ops.h"

namespace landaudit {

namespace {

bool disposed_outcome(const std::string& outcome) {
    return outcome == "supplied" || outcome == "withdrawn" || outcome == "started" || outcome == "reclaimed";
}

std::string idle_outcome(const std::string& later_status) {
    if (later_status == "not_idle" || later_status == "suspect") return "started";
    if (is_idle_stock(later_status)) return "still_idle";
    if (later_status == "not_supplied") return "reclaimed";  // the supply no longer stands: taken back (收回)
    return "unknown";
}

DisposalPiece piece(std::string kind, std::string source, std::string park, std::string state0, std::string state1,
                    std::string outcome, double area, WkbGeometry geometry) {
    DisposalPiece p;
    p.kind = std::move(kind);
    p.source_id = std::move(source);
    p.park_id = std::move(park);
    p.state0 = std::move(state0);
    p.state1 = std::move(state1);
    p.disposed = disposed_outcome(outcome);
    p.outcome = std::move(outcome);
    p.area_m2 = area;
    p.geometry = std::move(geometry);
    return p;
}

}  // namespace

bool is_idle_stock(const std::string& s) { return s == "idle_1y" || s == "idle_2y" || s == "gov_delay"; }

std::vector<DisposalPiece> unsupplied_disposal(GeosContext& ctx, const TableReader& earlier_pieces,
                                               const TableReader& later_pieces, const TableReader* later_batches,
                                               double min_overlap_m2) {
    std::set<std::string> batches;
    if (later_batches)
        for (std::size_t i = 0; i < later_batches->size(); ++i) batches.insert(later_batches->text(i, "batch_id"));
    std::map<std::string, std::vector<std::size_t>> later_of_batch;
    for (std::size_t i = 0; i < later_pieces.size(); ++i) later_of_batch[later_pieces.text(i, "batch_id")].push_back(i);
    std::map<std::string, GeomPtr> later_union;  // per batch, made once

    std::vector<DisposalPiece> out;
    for (std::size_t i = 0; i < earlier_pieces.size(); ++i) {
        if (earlier_pieces.number(i, "sliver").value_or(0) != 0) continue;
        GeomPtr g = from_wkb(ctx, earlier_pieces.geometry(i));
        if (!g) continue;
        const std::string batch = earlier_pieces.text(i, "batch_id"), park = earlier_pieces.text(i, "park_id");
        const std::string bucket = earlier_pieces.text(i, "bucket");
        const double area = planar_area(ctx, g.get());
        if (later_batches && !batches.count(batch)) {
            out.push_back(piece("unsupplied", batch, park, bucket, "withdrawn", "withdrawn", area,
                                earlier_pieces.geometry(i)));
            continue;
        }
        auto [it, fresh] = later_union.try_emplace(batch);
        if (fresh) {
            std::vector<GeomPtr> parts;
            for (std::size_t k : later_of_batch[batch])
                if (GeomPtr p = from_wkb(ctx, later_pieces.geometry(k))) parts.push_back(std::move(p));
            std::string note;
            it->second = parts.empty() ? empty_polygon(ctx) : polygon_union(ctx, std::move(parts), note);
        }
        std::string note;
        GeomPtr still = polygon_intersection(ctx, g.get(), it->second.get(), note);
        const double still_area = still ? planar_area(ctx, still.get()) : 0.0;
        const double supplied_area = area - still_area;
        if (supplied_area < min_overlap_m2) {
            out.push_back(piece("unsupplied", batch, park, bucket, "unsupplied", "still_unsupplied", area,
                                earlier_pieces.geometry(i)));
        } else if (still_area < min_overlap_m2) {
            out.push_back(piece("unsupplied", batch, park, bucket, "supplied", "supplied", area,
                                earlier_pieces.geometry(i)));
        } else {
            GeomPtr supplied = polygon_difference(ctx, g.get(), it->second.get(), note);
            out.push_back(piece("unsupplied", batch, park, bucket, "supplied", "supplied", supplied_area,
                                supplied ? to_wkb(ctx, supplied.get()) : WkbGeometry{}));
            out.push_back(piece("unsupplied", batch, park, bucket, "unsupplied", "still_unsupplied", still_area,
                                to_wkb(ctx, still.get())));
        }
    }
    return out;
}

std::vector<DisposalPiece> idle_disposal(GeosContext& ctx, const TableReader& earlier_parcels,
                                         const TableReader& later_parcels, const std::vector<ParcelMatch>& matches,
                                         double min_overlap_m2) {
    std::map<long, std::vector<const ParcelMatch*>> links;
    for (const ParcelMatch& m : matches)
        if (m.earlier >= 0 && m.later >= 0) links[m.earlier].push_back(&m);
    std::vector<DisposalPiece> out;
    for (std::size_t i = 0; i < earlier_parcels.size(); ++i) {
        const std::string status0 = earlier_parcels.text(i, "idle");
        if (!is_idle_stock(status0)) continue;
        const std::string id = earlier_parcels.text(i, "parcel_id"), park = earlier_parcels.text(i, "park_id");
        GeomPtr g = from_wkb(ctx, earlier_parcels.geometry(i));
        const double area = g ? planar_area(ctx, g.get()) : earlier_parcels.number(i, "area_m2").value_or(0);
        double covered = 0;
        for (const ParcelMatch* m : links[static_cast<long>(i)]) {
            const auto j = static_cast<std::size_t>(m->later);
            const std::string status1 = later_parcels.text(j, "idle");
            DisposalPiece p;
            if (m->how == ParcelMatch::How::Id) {
                p = piece("idle", id, park, status0, status1, idle_outcome(status1), area, earlier_parcels.geometry(i));
                covered = area;
            } else {
                GeomPtr l = from_wkb(ctx, later_parcels.geometry(j));
                std::string note;
                GeomPtr part = g && l ? polygon_intersection(ctx, g.get(), l.get(), note) : nullptr;
                p = piece("idle", id, park, status0, status1, idle_outcome(status1), m->overlap_m2,
                          part ? to_wkb(ctx, part.get()) : WkbGeometry{});
                covered += m->overlap_m2;
            }
            p.later_id = later_parcels.text(j, "parcel_id");
            out.push_back(std::move(p));
        }
        if (area - covered >= min_overlap_m2) {
            WkbGeometry rest = earlier_parcels.geometry(i);
            if (covered > 0 && g) {  // the part no later parcel covers
                std::vector<GeomPtr> parts;
                for (const ParcelMatch* m : links[static_cast<long>(i)])
                    if (GeomPtr l = from_wkb(ctx, later_parcels.geometry(static_cast<std::size_t>(m->later))))
                        parts.push_back(std::move(l));
                std::string note;
                GeomPtr u = polygon_union(ctx, std::move(parts), note);
                GeomPtr d = u ? polygon_difference(ctx, g.get(), u.get(), note) : nullptr;
                rest = d ? to_wkb(ctx, d.get()) : WkbGeometry{};
            }
            out.push_back(piece("idle", id, park, status0, "gone", "reclaimed", area - covered, std::move(rest)));
        }
    }
    return out;
}

}  // namespace landaudit
