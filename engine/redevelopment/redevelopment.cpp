// Redevelopment step, top to bottom: idle land → 批而未供 → candidates → park totals.
#include "engine/redevelopment/redevelopment.h"

#include <algorithm>

#include "layers/civil_date.h"
#include "layers/memory_candidate_store.h"
#include "layers/units.h"

namespace landaudit {

namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
    return s;
}

void report_unreadable(const Parcel& p, const IdleVerdict& v, Diagnostics& diag) {
    for (const auto& [field, text] : v.unreadable)
        diag.add({"parcels", "", p.fid, p.id, "unreadable_date", DiagnosticAction::Reported,
                  "field " + field + " holds '" + text + "', not a date; idle status unknown"});
}

bool failed_indicator(const ParcelIntensity& p, const char* code) {
    for (const GradeVerdict& v : p.verdicts)
        for (const CheckVerdict& c : v.checks)
            if (c.indicator == code && c.value && !c.passed) return true;
    return false;
}

}  // namespace

void report_unreadable_parcel_dates(const std::vector<Parcel>& parcels, const AuditConfig& config, Diagnostics& diag) {
    const std::optional<CivilDate> as_of = config.as_of ? parse_civil_date(*config.as_of) : std::nullopt;
    if (!as_of) return;
    for (const Parcel& p : parcels)
        if (p.idle.mapped) report_unreadable(p, evaluate_idle(p.idle, *as_of, config.idle), diag);
}

void report_unreadable_batch_dates(const AuditInputs& in, const AuditConfig& config, Diagnostics& diag) {
    if (!config.as_of || !parse_civil_date(*config.as_of) || !config.layer(LayerRole::Approved)) return;
    for (const ApprovalBatch& b : in.approved) approval_date(b, diag);
    for (const SupplyRecord& s : in.supplied) supply_date(s, diag);
}


bool is_determined_idle(IdleStatus s) {
    return s == IdleStatus::Idle1y || s == IdleStatus::Idle2y || s == IdleStatus::GovDelay;
}

struct RedevelopmentPass::State {
    State(const AuditInputs& in, const AuditConfig& config)
        : in(in), config(config),
          candidates(in.make_candidate_store ? in.make_candidate_store() : std::make_shared<MemoryCandidateStore>()),
          park_candidates(in.parks.size()) {}
    const AuditInputs& in;
    const AuditConfig& config;
    std::optional<CivilDate> as_of;
    std::optional<bool> idle_evaluated;  // known at the first chunk: every parcel maps the same fields
    std::shared_ptr<CandidateStore> candidates;
    std::vector<std::map<std::string, std::size_t>> park_candidates;  // per park: kind → count
    std::vector<double> idle_m2, supplied_m2;                         // per park
    Diagnostics diagnostics;

    // Priced and counted here; ranked when the store is read. Candidates of different kinds never
    // tie in rank order, so the order kinds are added in does not matter.
    void add(CandidateInput input) {
        Candidate c;
        static_cast<CandidateInput&>(c) = std::move(input);
        c.priority = candidate_priority(c, config.candidates);
        if (c.park_index >= 0) ++park_candidates[static_cast<std::size_t>(c.park_index)][c.kind];
        candidates->add(std::move(c));
    }
};

RedevelopmentPass::RedevelopmentPass(const AuditInputs& in, const AuditConfig& config)
    : m_state(std::make_unique<State>(in, config)) {
    m_state->as_of = config.as_of ? parse_civil_date(*config.as_of) : std::nullopt;
    m_state->idle_m2.assign(in.parks.size(), 0.0);
    m_state->supplied_m2.assign(in.parks.size(), 0.0);
}

RedevelopmentPass::~RedevelopmentPass() = default;

bool RedevelopmentPass::idle_evaluated() const { return m_state->idle_evaluated.value_or(false); }

std::vector<IdleVerdict> RedevelopmentPass::assess(const std::vector<Parcel>& parcels,
                                                   const std::vector<ParcelCompliance>& compliance,
                                                   const std::vector<ParcelIntensity>& intensity) {
    State& st = *m_state;
    const std::size_t n = parcels.size();
    std::vector<IdleVerdict> idle;
    if (!st.idle_evaluated && n > 0) st.idle_evaluated = st.as_of && parcels.front().idle.mapped;

    // 1. Idle land per parcel (闲置土地处置办法 2012).
    if (idle_evaluated()) {
        idle.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            const Parcel& p = parcels[i];
            IdleVerdict v = evaluate_idle(p.idle, *st.as_of, st.config.idle);
            report_unreadable(p, v, st.diagnostics);
            if (is_determined_idle(v.status) || v.status == IdleStatus::Suspect) {
                CandidateInput c;
                c.kind = "idle";
                c.source_id = p.id;
                c.park_index = compliance[i].park_index;
                c.area_m2 = compliance[i].area_m2;
                c.years = v.idle_years.value_or(0);
                c.geometry = p.geometry;
                c.detail = std::string(idle_status_key(v.status)) + ": " + join(v.reasons, "; ");
                st.add(std::move(c));
            }
            // 闲置土地率 = idle ÷ supplied land (开发区土地集约利用评价): a parcel whose idle status is
            // unknown has a supply date, so it is supplied land and counts.
            if (const long k = compliance[i].park_index; k >= 0) {
                if (v.status != IdleStatus::NotSupplied) st.supplied_m2[static_cast<std::size_t>(k)] += compliance[i].area_m2;
                if (is_determined_idle(v.status)) st.idle_m2[static_cast<std::size_t>(k)] += compliance[i].area_m2;
            }
            idle.push_back(std::move(v));
        }
    }

    // 3. The other kinds, from the intensity results (用而未尽, 建而未投, 投而未达标).
    const bool has_economics = st.config.layer(LayerRole::Economics) != nullptr;
    for (std::size_t i = 0; i < n; ++i) {
        const Parcel& p = parcels[i];
        const ParcelIntensity& m = intensity[i];
        auto add = [&](const char* kind, std::string detail) {
            CandidateInput c;
            c.kind = kind;
            c.source_id = p.id;
            c.park_index = compliance[i].park_index;
            c.area_m2 = compliance[i].area_m2;
            c.geometry = p.geometry;
            c.detail = std::move(detail);
            st.add(std::move(c));
        };
        if (failed_indicator(m, "far") || failed_indicator(m, "coverage"))
            add("underused", "FAR or building coverage below the rule set's minimum (用而未尽)");
        const bool built = m.measures.footprint_m2.value_or(0) > 0 || m.measures.floor_area_m2.value_or(0) > 0;
        const bool operating = m.figures.has_row && (m.figures.revenue.value_or(0) > 0 || m.figures.output.value_or(0) > 0);
        if (has_economics && built && !operating)
            add("not_operating", m.figures.has_row ? "buildings present, no revenue or output reported (建而未投)"
                                                   : "buildings present, no economics row for the year (建而未投)");
        if (m.grade == "C" || m.grade == "D") add("low_efficiency", "graded " + m.grade + " (投而未达标)");
    }
    return idle;
}

RedevelopmentResult RedevelopmentPass::finish() {
    State& st = *m_state;
    const AuditInputs& in = st.in;
    RedevelopmentResult r;
    r.parks.resize(in.parks.size());
    r.idle_evaluated = idle_evaluated();
    r.diagnostics = std::move(st.diagnostics);

    // 2. Approved but not supplied, per batch.
    r.unsupplied_evaluated = st.as_of && st.config.layer(LayerRole::Approved) != nullptr;
    if (r.unsupplied_evaluated) {
        GeosContext ctx;
        r.unsupplied = compute_unsupplied(ctx, in.approved, in.supplied, in.parks, *st.as_of, st.config.unsupplied,
                                          st.config.min_overlap_m2, r.diagnostics);
        for (const UnsuppliedPiece& piece : r.unsupplied.pieces) {
            if (piece.sliver) continue;
            const ApprovalBatch& batch = in.approved[piece.batch_index];
            const BatchSupply& stats = r.unsupplied.batches[piece.batch_index];
            CandidateInput c;
            c.kind = "unsupplied";
            c.source_id = batch.id;
            c.park_index = piece.park_index;
            c.area_m2 = piece.area_m2;
            c.years = stats.age_years.value_or(0);
            c.geometry = piece.geometry;
            c.detail = "批而未供: " + batch.approval_no + " approved " + batch.approval_date + ", bucket " + stats.bucket +
                       (stats.lapsed ? ", unused ≥ 2 years (增存挂钩: lapses)" : "");
            st.add(std::move(c));
        }
    }
    r.candidates = st.candidates;

    // 4. Park totals.
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        ParkRedevelopment& park = r.parks[k];
        if (r.unsupplied_evaluated) {
            const ParkSupply& s = r.unsupplied.parks[k];
            park.approved_m2 = s.approved_m2;
            park.supplied_m2 = s.supplied_m2;
            park.unsupplied_m2 = s.unsupplied_m2;
            park.supply_pct = s.supply_pct;
        }
        if (r.idle_evaluated) {
            park.idle_m2 = st.idle_m2[k];
            if (st.supplied_m2[k] > 0) park.idle_pct = 100.0 * st.idle_m2[k] / st.supplied_m2[k];
        }
    }
    for (std::size_t k = 0; k < in.parks.size(); ++k) r.parks[k].candidates = std::move(st.park_candidates[k]);
    return r;
}

RedevelopmentResult run_redevelopment(const AuditInputs& in, const ComplianceResult& compliance,
                                      const IntensityResult& intensity, const AuditConfig& config,
                                      const ProgressFn& progress) {
    RedevelopmentPass pass(in, config);
    std::vector<IdleVerdict> idle = pass.assess(in.parcels, compliance.parcels, intensity.parcels);
    if (progress) progress(0.5, "idle land");
    RedevelopmentResult r = pass.finish();
    r.idle = std::move(idle);
    if (progress) progress(1.0, "redevelopment done");
    return r;
}

}  // namespace landaudit
