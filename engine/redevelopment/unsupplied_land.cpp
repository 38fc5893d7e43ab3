// 批而未供: approved batches minus the land supplied on them by the audit date.
#include "engine/redevelopment/unsupplied_land.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/geometry/geometry_ops.h"
#include "engine/geometry/indexed_layer.h"
#include "engine/compliance/park_assignment.h"

namespace landaudit {

std::optional<CivilDate> supply_date(const SupplyRecord& s, Diagnostics& diag) {
    std::optional<CivilDate> date = parse_civil_date(s.supply_date);
    if (!date)
        diag.add({"supplied", "", s.fid, s.id, "unreadable_date", DiagnosticAction::Skipped,
                  s.supply_date.empty() ? "no supply date: the supply is not counted"
                                        : "supply date '" + s.supply_date +
                                              "' is not a readable date: the supply is not counted"});
    return date;
}

std::optional<CivilDate> approval_date(const ApprovalBatch& batch, Diagnostics& diag) {
    std::optional<CivilDate> date = parse_civil_date(batch.approval_date);
    if (!date)
        diag.add({"approved", "", batch.fid, batch.id, "unreadable_date", DiagnosticAction::Reported,
                  batch.approval_date.empty() ? "no approval date: the batch's age is unknown"
                                              : "approval date '" + batch.approval_date +
                                                    "' is not a readable date: the batch's age is unknown"});
    return date;
}

namespace {

constexpr double kDaysPerYear = 365.2425;  // mean Gregorian year, for fractional ages
constexpr int kLapseYears = 2;             // 增存挂钩 (2018): approvals unused 2 years lapse

std::string number_text(double v, const char* format = "%g") {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

double percent(double part, double whole) { return whole > 0.0 ? part / whole * 100.0 : 0.0; }

// True when as_of is at most `years` after approval. Whole years go by calendar date, so the
// boundary does not drift with leap days; fractional ones fall back to mean years.
bool within_years(CivilDate approval, CivilDate as_of, double years) {
    if (std::floor(years) == years) return as_of <= add_years(approval, static_cast<int>(years));
    return static_cast<double>(days_between(approval, as_of)) <= years * kDaysPerYear;
}

template <typename Feature>
IndexedLayer index_of(GeosContext& ctx, const std::vector<Feature>& features) {
    std::vector<const WkbGeometry*> refs;
    refs.reserve(features.size());
    for (const auto& f : features) refs.push_back(&f.geometry);
    return IndexedLayer(ctx, std::move(refs));
}

// Which supplies count on as_of: those dated on or before it. Later ones go to `after`; undated
// ones cannot be placed in time, so they are skipped and reported.
std::vector<bool> supplies_in_force(const std::vector<SupplyRecord>& supplies, CivilDate as_of,
                                    std::vector<std::size_t>& after, Diagnostics& diag) {
    std::vector<bool> counted(supplies.size(), false);
    for (std::size_t i = 0; i < supplies.size(); ++i) {
        std::optional<CivilDate> date = supply_date(supplies[i], diag);
        if (!date) continue;
        if (*date > as_of) {
            after.push_back(i);
            continue;
        }
        counted[i] = true;
    }
    return counted;
}


// The recorded 批准面积 should match the polygon; a larger gap means a wrong polygon or record.
void check_recorded_area(const ApprovalBatch& batch, double polygon_m2, double tolerance_pct, Diagnostics& diag) {
    if (!batch.recorded_area_m2) return;
    const double recorded = *batch.recorded_area_m2;
    const double gap = std::abs(recorded - polygon_m2);
    if (gap <= tolerance_pct / 100.0 * polygon_m2) return;
    std::string detail = "recorded area " + number_text(recorded, "%.2f") + " m² differs from the polygon area " +
                         number_text(polygon_m2, "%.2f") + " m²";
    if (polygon_m2 > 0.0) detail += " by " + number_text(percent(gap, polygon_m2), "%.2f") + " %";
    detail += " (tolerance " + number_text(tolerance_pct) + " %)";
    diag.add({"approved", "", batch.fid, batch.id, "area_mismatch", DiagnosticAction::Reported, detail});
}

// batch ∩ union(counted supplies): each supply is clipped to the batch first, then the clips are
// unioned, so overlapping supplies are counted once. Marks the supplies that overlap the batch.
GeomPtr supplied_part(GeosContext& ctx, const GEOSGeometry* batch, LayerView& supplies,
                      const std::vector<bool>& counted, std::vector<bool>& overlaps_a_batch,
                      std::vector<std::string>& notes) {
    PreparedPtr prepared(GEOSPrepare_r(ctx.handle(), batch), PreparedDeleter{ctx.handle()});
    std::vector<GeomPtr> clips;
    for (std::size_t i : supplies.candidates(envelope_of(ctx, batch))) {
        if (!counted[i]) continue;
        const GEOSGeometry* supply = supplies.geometry(i);
        if (!supply || !prepared || GEOSPreparedIntersects_r(ctx.handle(), prepared.get(), supply) != 1) continue;
        std::string note;
        GeomPtr clip = polygon_intersection(ctx, batch, supply, note);
        if (!note.empty()) notes.push_back(note);
        if (!clip || planar_area(ctx, clip.get()) <= 0.0) continue;  // touching along an edge only
        overlaps_a_batch[i] = true;
        clips.push_back(std::move(clip));
    }
    std::string note;
    GeomPtr merged = polygon_union(ctx, std::move(clips), note);
    if (!note.empty()) notes.push_back(note);
    return merged ? std::move(merged) : empty_polygon(ctx);
}

// batch − supplied, as polygons; empty (with a note) only if the overlay fails even on the grid.
GeomPtr unsupplied_part(GeosContext& ctx, const GEOSGeometry* batch, const GEOSGeometry* supplied,
                        std::vector<std::string>& notes) {
    if (GEOSisEmpty_r(ctx.handle(), supplied) == 1) return polygonal_part(ctx, batch);
    std::string note;
    GeomPtr rest = polygon_difference(ctx, batch, supplied, note);
    if (!note.empty()) notes.push_back(note);
    return rest ? std::move(rest) : empty_polygon(ctx);
}

// Area of g inside the park; the whole area when the park contains the batch g comes from.
double area_in_park(GeosContext& ctx, const GEOSGeometry* g, double whole_m2, bool park_contains_batch,
                    const GEOSGeometry* park, std::vector<std::string>& notes) {
    if (whole_m2 <= 0.0) return 0.0;
    if (park_contains_batch) return whole_m2;
    std::string note;
    GeomPtr part = polygon_intersection(ctx, g, park, note);
    if (!note.empty()) notes.push_back(note);
    return planar_area(ctx, part.get());
}

// Adds the batch's supplied and unsupplied land inside each park to the park's totals; a batch in
// two overlapping parks counts in both, as each park's own figures should.
void add_to_parks(GeosContext& ctx, const GEOSGeometry* batch, const GEOSGeometry* supplied, double supplied_m2,
                  const GEOSGeometry* unsupplied, double unsupplied_m2, LayerView& parks,
                  std::vector<ParkSupply>& totals, std::vector<std::string>& notes) {
    for (std::size_t i : parks.candidates(envelope_of(ctx, batch))) {
        const GEOSPreparedGeometry* prepared = parks.prepared(i);
        if (!prepared || GEOSPreparedIntersects_r(ctx.handle(), prepared, batch) != 1) continue;
        const bool contains = GEOSPreparedContains_r(ctx.handle(), prepared, batch) == 1;
        const double s = area_in_park(ctx, supplied, supplied_m2, contains, parks.geometry(i), notes);
        const double u = area_in_park(ctx, unsupplied, unsupplied_m2, contains, parks.geometry(i), notes);
        totals[i].supplied_m2 += s;
        totals[i].unsupplied_m2 += u;
        totals[i].approved_m2 += s + u;
    }
}

}  // namespace

std::string age_bucket(CivilDate approval, CivilDate as_of, const std::vector<double>& boundaries) {
    std::vector<double> b = boundaries;
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    if (b.empty()) return "all";  // no boundaries configured: one bucket
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (!within_years(approval, as_of, b[i])) continue;
        return i == 0 ? "≤" + number_text(b[0]) + "y" : number_text(b[i - 1]) + "–" + number_text(b[i]) + "y";
    }
    return ">" + number_text(b.back()) + "y";
}

UnsuppliedResult compute_unsupplied(GeosContext& ctx, const std::vector<ApprovalBatch>& batches,
                                    const std::vector<SupplyRecord>& supplies, const std::vector<Park>& parks,
                                    CivilDate as_of, const UnsuppliedConfig& config, double min_overlap_m2,
                                    Diagnostics& diag) {
    UnsuppliedResult result;
    result.batches.resize(batches.size());
    result.parks.resize(parks.size());
    const std::vector<bool> counted = supplies_in_force(supplies, as_of, result.supplies_after, diag);
    std::vector<bool> overlaps_a_batch(supplies.size(), false);

    IndexedLayer supply_layer = index_of(ctx, supplies);
    LayerView supply_view(ctx, supply_layer);
    IndexedLayer park_layer = index_of(ctx, parks);
    LayerView park_view(ctx, park_layer);

    for (std::size_t b = 0; b < batches.size(); ++b) {
        const ApprovalBatch& batch = batches[b];
        BatchSupply& out = result.batches[b];
        const std::optional<CivilDate> approved_on = approval_date(batch, diag);
        out.bucket = approved_on ? age_bucket(*approved_on, as_of, config.age_buckets) : "unknown";
        if (approved_on) out.age_years = static_cast<double>(days_between(*approved_on, as_of)) / kDaysPerYear;

        GeomPtr polygon = from_wkb(ctx, batch.geometry);
        if (!polygon) continue;  // hygiene reported it
        out.approved_m2 = planar_area(ctx, polygon.get());
        check_recorded_area(batch, out.approved_m2, config.area_tolerance_pct, diag);

        std::vector<std::string> notes;
        GeomPtr supplied = supplied_part(ctx, polygon.get(), supply_view, counted, overlaps_a_batch, notes);
        out.supplied_m2 = std::min(planar_area(ctx, supplied.get()), out.approved_m2);
        out.unsupplied_m2 = out.approved_m2 - out.supplied_m2;
        out.supply_pct = percent(out.supplied_m2, out.approved_m2);
        // A boundary sliver of a neighbour's supply is not a use of this approval.
        const bool nothing_supplied = out.supplied_m2 <= 0.0 || out.supplied_m2 < min_overlap_m2;
        out.lapsed = approved_on && nothing_supplied && full_years_between(*approved_on, as_of) >= kLapseYears;

        std::string note;
        out.park_index = assign_park(ctx, polygon.get(), park_view, note).park_index;
        if (!note.empty()) notes.push_back(note);

        GeomPtr unsupplied = unsupplied_part(ctx, polygon.get(), supplied.get(), notes);
        for (GeomPtr& piece : polygons_of(ctx, unsupplied.get())) {
            UnsuppliedPiece p;
            p.batch_index = b;
            p.area_m2 = planar_area(ctx, piece.get());
            p.sliver = p.area_m2 < min_overlap_m2;
            std::string n;
            p.park_index = assign_park(ctx, piece.get(), park_view, n).park_index;
            if (!n.empty()) notes.push_back(n);
            p.geometry = to_wkb(ctx, piece.get());
            result.pieces.push_back(std::move(p));
        }

        add_to_parks(ctx, polygon.get(), supplied.get(), out.supplied_m2, unsupplied.get(), out.unsupplied_m2,
                     park_view, result.parks, notes);
        for (const std::string& n : notes)
            diag.add({"approved", "", batch.fid, batch.id, "overlay_fallback", DiagnosticAction::Reported, n});
    }

    for (ParkSupply& park : result.parks) park.supply_pct = percent(park.supplied_m2, park.approved_m2);

    for (std::size_t i = 0; i < supplies.size(); ++i) {
        if (!counted[i] || overlaps_a_batch[i]) continue;
        result.supplies_outside.push_back(i);
        diag.add({"supplied", "", supplies[i].fid, supplies[i].id, "supply_without_approval",
                  DiagnosticAction::Reported,
                  "supply dated " + supplies[i].supply_date + " lies outside every approved batch (供地未批)"});
    }
    return result;
}

}  // namespace landaudit
