// Compliance analysis: parallel parcel pass, then the park pass.
#include "engine/compliance/compliance.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

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

    void release_unused() {
        parks.release_unused();
        redline.release_unused();
        farmland.release_unused();
    }
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
                     const SubjectRef& ref, SubjectCompliance& out, PreparedUse prepared_use = PreparedUse::Keep) {
    out.area_m2 = planar_area(w.ctx, g);
    out.area_e_m2 = w.ellipsoid.area_m2(w.ctx, g);
    for (LayerRole role : {LayerRole::Redline, LayerRole::Farmland}) {
        LayerView& view = role == LayerRole::Redline ? w.redline : w.farmland;
        OverlapResult r = measure_overlap(w.ctx, g, view, min_overlap_m2, prepared_use);
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

void measure_parcel(Worker& w, const AuditInputs& in, const Parcel& parcel, double min_overlap_m2,
                    ParcelCompliance& out) {
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

// The indexed layers, shared read-only by the workers, and one worker per thread, each with its
// own GEOS context and lazily parsed copies of the layers: kept from one chunk to the next.
struct ParcelCompliancePass::State {
    State(const AuditInputs& in, const ComplianceOptions& options)
        : in(in), options(options), shared(main_ctx, in) {
        const int n = options.threads > 0 ? options.threads
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        for (int t = 0; t < n; ++t) workers.push_back(std::make_unique<Worker>(shared, in.working_crs));
    }
    const AuditInputs& in;
    ComplianceOptions options;
    GeosContext main_ctx;
    const SharedLayers shared;
    std::vector<std::unique_ptr<Worker>> workers;  // the first validates the CRS before threads start
};

ParcelCompliancePass::ParcelCompliancePass(const AuditInputs& in, const ComplianceOptions& options)
    : m_state(std::make_unique<State>(in, options)) {}

ParcelCompliancePass::~ParcelCompliancePass() = default;

std::vector<ParcelCompliance> ParcelCompliancePass::measure(const std::vector<Parcel>& parcels, Diagnostics& diagnostics,
                                                            const ProgressFn& progress) {
    State& st = *m_state;
    std::vector<ParcelCompliance> result(parcels.size());
    const std::size_t n = parcels.size();
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
                    measure_parcel(w, st.in, parcels[i], st.options.min_overlap_m2, result[i]);
                std::size_t finished = done.fetch_add(end - begin) + (end - begin);
                if (report && progress &&
                    !progress(static_cast<double>(finished) / static_cast<double>(n), "parcels vs red line, farmland, parks"))
                    cancelled = true;
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            cancelled = true;
        }
    };

    const int workers = std::min(worker_count(st.options.threads, n), static_cast<int>(st.workers.size()));
    std::vector<std::thread> threads;
    for (int t = 1; t < workers; ++t) threads.emplace_back(work, std::ref(*st.workers[static_cast<std::size_t>(t)]), false);
    work(*st.workers[0], true);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    if (cancelled) throw AuditError(AuditError::Kind::Internal, "cancelled");
    // What the next chunk, usually a neighbour of this one, does not meet again is parsed again
    // if ever needed: memory follows the chunk, not the province.
    for (auto& w : st.workers) w->release_unused();
    // Parcel diagnostics in parcel order, however the chunks fell to the workers.
    Diagnostics found;
    for (auto& w : st.workers) found.merge(std::exchange(w->diagnostics, Diagnostics{}));
    found.order_by_feature();
    diagnostics.merge(std::move(found));
    return result;
}

void count_park_parcels(const std::vector<ParcelCompliance>& parcels, std::vector<ParkCompliance>& parks) {
    for (const ParcelCompliance& p : parcels) {
        if (p.park_index < 0) continue;
        ParkCompliance& park = parks.at(static_cast<std::size_t>(p.park_index));
        ++park.n_parcels;
        if (p.red_conflict || p.farm_conflict) ++park.n_conflict;
    }
}

void measure_parks(const AuditInputs& in, const ComplianceOptions& options, std::vector<ParkCompliance>& parks,
                   Diagnostics& diagnostics, const ProgressFn& progress) {
    GeosContext ctx;
    const SharedLayers shared(ctx, in);
    Worker w(shared, in.working_crs);
    parks.resize(in.parks.size());
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& park = in.parks[k];
        GeomPtr g = from_wkb(w.ctx, park.geometry);
        measure_subject(w, in, g.get(), options.min_overlap_m2, {"parks", park.fid, park.id}, parks[k],
                        PreparedUse::Once);
        if (progress && !progress(static_cast<double>(k + 1) / static_cast<double>(in.parks.size()),
                                  "parks vs red line and farmland"))
            throw AuditError(AuditError::Kind::Internal, "cancelled");
    }
    diagnostics.merge(std::move(w.diagnostics));
}

ComplianceResult run_compliance(const AuditInputs& in, const ComplianceOptions& options,
                                const ProgressFn& progress) {
    ComplianceResult result;
    result.parks.resize(in.parks.size());
    ParcelCompliancePass pass(in, options);
    result.parcels = pass.measure(in.parcels, result.diagnostics, scaled_progress(progress, 0.0, 0.9));
    count_park_parcels(result.parcels, result.parks);
    measure_parks(in, options, result.parks, result.diagnostics, scaled_progress(progress, 0.9, 1.0));
    return result;
}

}  // namespace landaudit
