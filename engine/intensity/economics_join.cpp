// Join of the economics table to parcels, by parcel or by enterprise (rules in the header).
#include "engine/intensity/economics_join.h"

#include <algorithm>
#include <utility>

#include "layers/error.h"
#include "layers/field_mapping.h"
#include "layers/memory_economics_store.h"

namespace landaudit {

namespace {

using RowAmount = std::optional<double> EconomicRecord::*;
using ParcelAmount = std::optional<double> ParcelFigures::*;

// Every amount a row carries and where it goes on the parcel.
constexpr std::pair<RowAmount, ParcelAmount> kAmounts[] = {
    {&EconomicRecord::investment, &ParcelFigures::investment},
    {&EconomicRecord::output, &ParcelFigures::output},
    {&EconomicRecord::revenue, &ParcelFigures::revenue},
    {&EconomicRecord::tax, &ParcelFigures::tax},
    {&EconomicRecord::value_added, &ParcelFigures::value_added},
    {&EconomicRecord::energy_tce, &ParcelFigures::energy_tce},
    {&EconomicRecord::emissions_t, &ParcelFigures::emissions_t},
    {&EconomicRecord::employees, &ParcelFigures::employees},
    {&EconomicRecord::rd, &ParcelFigures::rd},
    {&EconomicRecord::hitech_revenue, &ParcelFigures::hitech_revenue},
};
constexpr std::size_t kAmountCount = sizeof kAmounts / sizeof kAmounts[0];

std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

}  // namespace

EconomicsJoin::EconomicsJoin(EconomicsStore& store, int year, const EconomicsJoinOptions& options, Diagnostics& diag)
    : m_store(&store), m_year(year) {
    if (options.key != "parcel" && options.key != "enterprise")
        throw AuditError(AuditError::Kind::Internal,
                         "economics join: key '" + options.key + "' is neither 'parcel' nor 'enterprise'");
    if (options.share != "merge" && options.share != "floor_area")
        throw AuditError(AuditError::Kind::Internal,
                         "economics join: share '" + options.share + "' is neither 'merge' nor 'floor_area'");
    m_by_enterprise = options.key == "enterprise";
    m_by_floor = m_by_enterprise && options.share == "floor_area";
    const std::string year_text = std::to_string(year);
    // The first row of each key counts; later repeats are skipped.
    store.for_each_repeat(year, [&](const EconomicRecord& row, long long first_fid) {
        diag.add({"economics", "", row.fid, row.key, "duplicate_row", DiagnosticAction::Skipped,
                  "row " + std::to_string(row.fid) + " repeats key '" + row.key + "' for " + year_text + " of row " +
                      std::to_string(first_fid) + "; the later row is skipped"});
    });
}

// The units a parcel holds: its own id keyed by parcel, its listed enterprises (each once) keyed
// by enterprise.
std::vector<std::string> EconomicsJoin::units_of(const Parcel& parcel) const {
    if (!m_by_enterprise) return parcel.id.empty() ? std::vector<std::string>{} : std::vector<std::string>{parcel.id};
    std::vector<std::string> out;
    for (auto& e : split_code_list(parcel.use.enterprise))
        if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(std::move(e));
    return out;
}

EconomicsJoin::Rows EconomicsJoin::rows_of(const std::vector<std::string>& units) const {
    Rows rows;
    rows.reserve(units.size());
    for (const auto& u : units) rows.push_back(m_store->first_row(m_year, u));
    return rows;
}

EconomicsJoin::Weights EconomicsJoin::weights_of(std::vector<std::string> units, const Rows& rows, double area_m2) const {
    Weights w;
    w.units = std::move(units);
    const std::size_t n = w.units.size();
    w.weight.assign(n, area_m2);
    if (!needs_rows_to_weigh(n)) return w;
    const std::string year_text = std::to_string(m_year);
    std::vector<double> leased(n, 0.0);
    double sum = 0.0;
    for (std::size_t k = 0; k < n && w.lacking.empty(); ++k) {
        if (!rows[k]) {
            w.lacking = "enterprise " + w.units[k] + " has no row for " + year_text;
        } else if (const auto& lf = rows[k]->leased_floor_m2; !lf || *lf < 0.0) {
            w.lacking = "enterprise " + w.units[k] + " has no leased floor area in row " + std::to_string(rows[k]->fid);
        } else {
            leased[k] = *lf;
            sum += *lf;
        }
    }
    if (w.lacking.empty() && sum <= 0.0) w.lacking = "the leased floor areas of its enterprises sum to 0";
    for (std::size_t k = 0; k < n; ++k)
        w.weight[k] = w.lacking.empty() ? area_m2 * leased[k] / sum : area_m2 / static_cast<double>(n);
    return w;
}

void EconomicsJoin::count(const Parcel& parcel, double area_m2) {
    std::vector<std::string> units = units_of(parcel);
    const Rows rows = needs_rows_to_weigh(units.size()) ? rows_of(units) : Rows{};
    const Weights w = weights_of(std::move(units), rows, area_m2);
    for (std::size_t k = 0; k < w.units.size(); ++k) m_store->add_weight(m_year, w.units[k], w.weight[k]);
}

void EconomicsJoin::report_unmatched(Diagnostics& diag) const {
    const std::string year_text = std::to_string(m_year);
    m_store->for_each_unmatched(m_year, [&](const EconomicRecord& row) {
        diag.add({"economics", "", row.fid, row.key, "unmatched_key", DiagnosticAction::Reported,
                  "key '" + row.key + "' (" + year_text + ") matches no parcel " +
                      (m_by_enterprise ? "enterprise" : "id") + "; its figures are not used"});
    });
}

ParcelFigures EconomicsJoin::figures(const Parcel& parcel, double area_m2, Diagnostics& diag) const {
    return figures(parcel, area_m2, diag, diag);
}

ParcelFigures EconomicsJoin::figures(const Parcel& parcel, double area_m2, Diagnostics& shared_equally,
                                     Diagnostics& diag) const {
    std::vector<std::string> units = units_of(parcel);
    const Rows rows = rows_of(units);  // each unit looked up once
    const Weights w = weights_of(std::move(units), rows, area_m2);
    if (!w.lacking.empty())
        shared_equally.add({"economics", "", -1, parcel.id, "missing_leased_floor", DiagnosticAction::Reported,
                            "parcel " + parcel.id + ": " + w.lacking + "; its " + std::to_string(w.units.size()) +
                                " enterprises (" + join_ids(w.units) + ") share it equally"});
    ParcelFigures f;
    f.year = m_year;
    std::vector<std::string> without_row;
    bool any_row = false;
    for (std::size_t k = 0; k < w.units.size(); ++k) {
        if (rows[k]) any_row = true;
        else without_row.push_back(w.units[k]);
    }
    if (!any_row) return f;
    f.has_row = true;

    double sums[kAmountCount] = {};
    bool known[kAmountCount];
    std::fill(std::begin(known), std::end(known), true);
    for (std::size_t k = 0; k < w.units.size(); ++k) {
        if (!rows[k]) continue;
        const std::string& u = w.units[k];
        const EconomicRecord& row = *rows[k];
        const std::optional<EconomicsStore::UnitTotal> total = m_store->total(m_year, u);
        if (!total)
            throw AuditError(AuditError::Kind::Internal, "economics join: parcel " + parcel.id + " was not counted");
        const double share = total->weight > 0.0 ? w.weight[k] / total->weight : 1.0 / static_cast<double>(total->parcels);
        for (std::size_t a = 0; a < kAmountCount; ++a) {
            const std::optional<double>& v = row.*kAmounts[a].first;
            if (v) sums[a] += *v * share;
            else known[a] = false;
        }
        if (m_by_floor) {
            f.land_m2 += w.weight[k];
            f.enterprises.push_back(u);
        }
    }
    if (!m_by_floor) {
        f.land_m2 = area_m2;
        f.enterprises = w.units;
    }
    if (!m_by_floor && !without_row.empty()) {
        // Merged with an enterprise that reported nothing: the unit's totals are not known.
        diag.add({"economics", "", -1, parcel.id, "missing_enterprise_row", DiagnosticAction::Reported,
                  "parcel " + parcel.id + ": enterprise(s) " + join_ids(without_row) + " have no row for " +
                      std::to_string(m_year) + " while " + std::to_string(w.units.size() - without_row.size()) +
                      " other(s) on the parcel do; its amounts are unknown (share = \"floor_area\" would "
                      "measure the others on their share)"});
        return f;
    }
    for (std::size_t a = 0; a < kAmountCount; ++a)
        if (known[a]) f.*kAmounts[a].second = sums[a];
    return f;
}

std::vector<ParcelFigures> join_economics(const std::vector<Parcel>& parcels, const std::vector<double>& areas_m2,
                                          const std::vector<EconomicRecord>& rows, int year,
                                          const EconomicsJoinOptions& options, Diagnostics& diag) {
    if (areas_m2.size() != parcels.size())
        throw AuditError(AuditError::Kind::Internal, "economics join: " + std::to_string(areas_m2.size()) +
                                                         " areas for " + std::to_string(parcels.size()) + " parcels");
    MemoryEconomicsStore store(rows);
    EconomicsJoin join(store, year, options, diag);
    for (std::size_t p = 0; p < parcels.size(); ++p) join.count(parcels[p], areas_m2[p]);
    join.report_unmatched(diag);
    // Every parcel shared equally first, then the rows' messages: the order the whole-table join had.
    Diagnostics row_notes;
    std::vector<ParcelFigures> out;
    out.reserve(parcels.size());
    for (std::size_t p = 0; p < parcels.size(); ++p) out.push_back(join.figures(parcels[p], areas_m2[p], diag, row_notes));
    diag.merge(std::move(row_notes));
    return out;
}

}  // namespace landaudit
