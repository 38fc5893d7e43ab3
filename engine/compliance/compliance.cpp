// Compliance analysis: parallel parcel pass, then the park pass.
#include "engine/compliance/compliance.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "engine/compliance/constraint_overlap.h"
#include "engine/geometry/ellipsoidal_area.h"
#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"
#include "engine/compliance/park_assignment.h"
#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::size_t kChunk = 64;  // parcels a worker takes at a time

template <class Feature>
std::vector<const WkbGeometry*> geometries_of(const std::vector<Feature>& features) {
    std::vector<const WkbGeometry*> out;
    out.reserve(features.size());
    for (const auto& f : features) out.push_back(&f.geometry);
    return out;
}

struct SharedLayers {
    SharedLayers(GeosContext& ctx, const AuditInputs& in)
        : parks(ctx, geometries_of(in.parks)),
          redline(ctx, geometries_of(in.redline)),
          farmland(ctx, geometries_of(in.farmland)) {}
    IndexedLayer parks, redline, farmland;
};

// Everything one thread needs: GEOS and PROJ are used through per-thread state only.
struct Worker {
    Worker(const SharedLayers& shared, const std::string& working_crs)
        : parks(ctx, shared.parks), redline(ctx, shared.redline), farmland(ctx, shared.farmland),
          ellipsoid(working_crs) {}
    GeosContext ctx;
    LayerView parks, redline, farmland;
    EllipsoidalArea ellipsoid;
    Diagnostics diagnostics;
};

struct SubjectRef {
    const char* role;
    long long fid;
    const std::string& id;
};

void note_fallbacks(Worker& w, const SubjectRef& s, const std::vector<std::string>& notes) {
    for (const auto& n : notes)
        w.diagnostics.add({s.role, "", s.fid, s.id, "overlay_fallback", DiagnosticAction::Reported, n});
}

void measure_subject(Worker& w, const AuditInputs& in, const GEOSGeometry* g, double min_overlap_m2,
                     const SubjectRef& ref, SubjectCompliance& out) {
    out.area_m2 = planar_area(w.ctx, g);
    out.area_e_m2 = w.ellipsoid.area_m2(w.ctx, g);
    for (LayerRole role : {LayerRole::Redline, LayerRole::Farmland}) {
        LayerView& view = role == LayerRole::Redline ? w.redline : w.farmland;
        OverlapResult r = measure_overlap(w.ctx, g, view, min_overlap_m2);
        note_fallbacks(w, ref, r.notes);
        const auto& features = in.constraints(role);
        for (auto& piece : r.pieces) {
            ConflictPiece c{role, to_wkb(w.ctx, piece.geometry.get()), piece.area_m2, piece.sliver, {}};
            for (std::size_t idx : piece.constraint_indices) c.constraint_ids.push_back(features[idx].id);
            out.pieces.push_back(std::move(c));
        }
        if (role == LayerRole::Redline) {
            out.red_m2 = r.area_m2;
            out.red_conflict = r.has_conflict();
            out.red_sliver_only = r.has_only_slivers();
        } else {
            out.farm_m2 = r.area_m2;
            out.farm_conflict = r.has_conflict();
            out.farm_sliver_only = r.has_only_slivers();
        }
    }
}

void measure_parcel(Worker& w, const AuditInputs& in, std::size_t i, double min_overlap_m2,
                    ParcelCompliance& out) {
    const Parcel& parcel = in.parcels[i];
    GeomPtr g = from_wkb(w.ctx, parcel.geometry);
    if (!g) throw AuditError(AuditError::Kind::Internal, "parcel " + parcel.id + " lost its geometry after hygiene");
    SubjectRef ref{"parcels", parcel.fid, parcel.id};
    measure_subject(w, in, g.get(), min_overlap_m2, ref, out);

    std::string note;
    ParkAssignment a = assign_park(w.ctx, g.get(), w.parks, note);
    if (!note.empty()) note_fallbacks(w, ref, {note});
    out.park_index = a.park_index;
    out.inpark_pct = out.area_m2 > 0 ? std::min(100.0, 100.0 * a.inside_m2 / out.area_m2) : 0.0;
    // "Not wholly inside" tolerates boundary noise below the sliver threshold.
    out.outside_park = a.park_index < 0 || out.area_m2 - a.inside_m2 >= min_overlap_m2;

    if (out.red_conflict) out.flags.push_back("REDLINE");
    if (out.farm_conflict) out.flags.push_back("FARMLAND");
    if (out.outside_park) out.flags.push_back("OUTSIDE_PARK");
    if (out.red_sliver_only) out.flags.push_back("REDLINE_SLIVER");
    if (out.farm_sliver_only) out.flags.push_back("FARMLAND_SLIVER");
}

int worker_count(int requested, std::size_t work_items) {
    int n = requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::size_t useful = std::max<std::size_t>(1, work_items / kChunk);
    return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(n), useful));
}

}  // namespace

ComplianceResult run_compliance(const AuditInputs& in, const ComplianceOptions& options,
                                const ProgressFn& progress) {
    ComplianceResult result;
    result.parcels.resize(in.parcels.size());
    result.parks.resize(in.parks.size());

    GeosContext main_ctx;
    const SharedLayers shared(main_ctx, in);
    Worker main_worker(shared, in.working_crs);  // validates the CRS before threads start

    const std::size_t n = in.parcels.size();
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> cancelled{false};
    std::mutex failure_mutex;
    std::exception_ptr failure;

    auto work = [&](Worker& w, bool report) {
        try {
            while (!cancelled) {
                std::size_t begin = next.fetch_add(kChunk);
                if (begin >= n) break;
                std::size_t end = std::min(n, begin + kChunk);
                for (std::size_t i = begin; i < end; ++i)
                    measure_parcel(w, in, i, options.min_overlap_m2, result.parcels[i]);
                std::size_t finished = done.fetch_add(end - begin) + (end - begin);
                if (report && progress &&
                    !progress(0.9 * static_cast<double>(finished) / static_cast<double>(n), "parcels vs red line, farmland, parks"))
                    cancelled = true;
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            cancelled = true;
        }
    };

    const int workers = worker_count(options.threads, n);
    std::vector<std::unique_ptr<Worker>> helpers;
    std::vector<std::thread> threads;
    for (int t = 1; t < workers; ++t) {
        helpers.push_back(std::make_unique<Worker>(shared, in.working_crs));
        threads.emplace_back(work, std::ref(*helpers.back()), false);
    }
    work(main_worker, true);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (cancelled) throw AuditError(AuditError::Kind::Internal, "cancelled");
    // Parcel diagnostics in parcel order, however the chunks fell to the workers.
    for (auto& h : helpers) main_worker.diagnostics.merge(std::move(h->diagnostics));
    main_worker.diagnostics.order_by_feature();
    result.diagnostics.merge(std::move(main_worker.diagnostics));

    for (std::size_t i = 0; i < n; ++i) {
        const ParcelCompliance& p = result.parcels[i];
        if (p.park_index < 0) continue;
        ParkCompliance& park = result.parks[static_cast<std::size_t>(p.park_index)];
        ++park.n_parcels;
        if (p.red_conflict || p.farm_conflict) ++park.n_conflict;
    }
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& park = in.parks[k];
        GeomPtr g = from_wkb(main_worker.ctx, park.geometry);
        measure_subject(main_worker, in, g.get(), options.min_overlap_m2, {"parks", park.fid, park.id},
                        result.parks[k]);
        if (progress && !progress(0.9 + 0.1 * static_cast<double>(k + 1) / static_cast<double>(in.parks.size()),
                                  "parks vs red line and farmland"))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    result.diagnostics.merge(std::move(main_worker.diagnostics));
    return result;
}

}  // namespace landaudit
