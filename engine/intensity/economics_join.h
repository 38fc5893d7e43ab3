// The economics table joined to parcels: one year's figures attributed to each parcel.
//
// Rules:
// - Key "parcel": a row belongs to the parcel(s) whose id equals its key. Key "enterprise": a row
//   belongs to an enterprise; a parcel lists its enterprises in its enterprise field, one id or
//   several separated by , ; 、 / or spaces. A key is matched exactly.
// - Each enterprise E has a weight w(E,P) on each parcel P listing it:
//     share "merge":      w = area(P) (the enterprises on a parcel are merged into one unit);
//     share "floor_area": w = area(P) × leased(E) ÷ Σ leased of P's enterprises, leased being the
//       row's leased_floor. When some enterprise on P has no leased floor (no row for the year, or
//       the field empty), or they sum to 0, P's enterprises share it equally (w = area(P) ÷ n)
//       with a diagnostic "missing_leased_floor". A parcel with one enterprise needs no leased floor.
//   Keyed by parcel, each parcel holds one unit and w = area(P) whatever the share.
// - E's amounts are spread over its parcels in proportion to w: F(E,P) = F(E) × w(E,P) ÷ Σ_P' w(E,P')
//   (equally when all its weights are 0). A parcel's figure is the sum over its enterprises of
//   F(E,P). Its land, on which per-mu figures are measured, is area(P) under merge (and keyed by
//   parcel) and Σ w(E,P) over the enterprises with a row under floor_area (their leased share).
//   So an enterprise on several parcels is measured on their summed area, and co-located
//   enterprises share the parcel.
// - An amount is unknown (nullopt, never 0) on a parcel when any row reaching it lacks it. Under
//   merge, an enterprise on P without a row for the year makes all of P's amounts unknown (the
//   merged unit is incomplete) with a diagnostic "missing_enterprise_row"; under floor_area it
//   only leaves its share of P out of P's land.
// - Diagnostics (role "economics") concern the rows of `year` only, so call once per year:
//   a row repeating the key and year of an earlier row is skipped ("duplicate_row", naming both
//   row numbers); a key matching no parcel is reported once ("unmatched_key"). A parcel that no
//   row reaches is not a diagnostic: its figures have has_row = false and land_m2 = 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/intensity/intensity_types.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"
#include "layers/economics_store.h"

namespace landaudit {

struct EconomicsJoinOptions {
    std::string key = "parcel";  // "parcel" or "enterprise"
    std::string share = "merge";  // "merge" or "floor_area"
};

// One year of the table joined to parcels a chunk at a time, with the same results as
// join_economics: every parcel is first count()ed (pass 1: each unit's total weight over all its
// parcels, kept in the store), then any parcel's figures() can be had in any order (pass 2). Holds
// neither the rows nor the parcels: it looks up the store, which must outlive it and be sealed.
// The joins of several years may share one store.
class EconomicsJoin {
public:
    // Throws AuditError (Internal) for an unknown key or share; reports duplicate rows of `year`.
    EconomicsJoin(EconomicsStore& store, int year, const EconomicsJoinOptions& options, Diagnostics& diag);
    void count(const Parcel& parcel, double area_m2);
    // After every count(): the year's keys that matched no parcel.
    void report_unmatched(Diagnostics& diag) const;
    // A parcel whose enterprises share it equally for want of leased floor areas (floor_area share)
    // is noted in `shared_equally`; the rows' own problems go to `diag`.
    ParcelFigures figures(const Parcel& parcel, double area_m2, Diagnostics& shared_equally, Diagnostics& diag) const;
    ParcelFigures figures(const Parcel& parcel, double area_m2, Diagnostics& diag) const;  // both to diag

private:
    using Rows = std::vector<std::optional<EconomicRecord>>;  // each unit's first row of the year
    struct Weights {
        std::vector<std::string> units;  // the units the parcel holds
        std::vector<double> weight;      // parallel to units
        std::string lacking;             // why a floor_area share fell back to equal shares
    };
    std::vector<std::string> units_of(const Parcel& parcel) const;
    Rows rows_of(const std::vector<std::string>& units) const;
    // `rows` parallel to `units`; needed only under floor_area with two units or more.
    Weights weights_of(std::vector<std::string> units, const Rows& rows, double area_m2) const;
    bool needs_rows_to_weigh(std::size_t units) const { return m_by_floor && units >= 2; }

    EconomicsStore* m_store;  // looked up from const methods too
    int m_year = 0;
    bool m_by_enterprise = false, m_by_floor = false;
};

// One ParcelFigures per parcel for `year`; `areas_m2` is parallel to `parcels`. `enterprises`
// lists the ids joined to each parcel (empty when no row reaches it): the parcel id keyed by
// parcel; keyed by enterprise, every enterprise the parcel lists under merge, those with a row
// under floor_area. Throws AuditError
// (Internal) for an unknown key or share or when the sizes differ.
std::vector<ParcelFigures> join_economics(const std::vector<Parcel>& parcels, const std::vector<double>& areas_m2,
                                          const std::vector<EconomicRecord>& rows, int year,
                                          const EconomicsJoinOptions& options, Diagnostics& diag);

}  // namespace landaudit
