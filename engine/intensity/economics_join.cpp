// Join of the economics table to parcels, by parcel or by enterprise (rules in the header).
#include "engine/intensity/economics_join.h"

#include <algorithm>
#include <map>
#include <utility>

#include "layers/error.h"
#include "layers/field_mapping.h"

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

// The units a parcel holds: its own id keyed by parcel, its listed enterprises (each once) keyed
// by enterprise.
std::vector<std::string> units_of(const Parcel& parcel, bool by_enterprise) {
    if (!by_enterprise) return parcel.id.empty() ? std::vector<std::string>{} : std::vector<std::string>{parcel.id};
    std::vector<std::string> out;
    for (auto& e : split_code_list(parcel.use.enterprise))
        if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(std::move(e));
    return out;
}

}  // namespace

std::vector<ParcelFigures> join_economics(const std::vector<Parcel>& parcels, const std::vector<double>& areas_m2,
                                          const std::vector<EconomicRecord>& rows, int year,
                                          const EconomicsJoinOptions& options, Diagnostics& diag) {
    if (options.key != "parcel" && options.key != "enterprise")
        throw AuditError(AuditError::Kind::Internal,
                         "economics join: key '" + options.key + "' is neither 'parcel' nor 'enterprise'");
    if (options.share != "merge" && options.share != "floor_area")
        throw AuditError(AuditError::Kind::Internal,
                         "economics join: share '" + options.share + "' is neither 'merge' nor 'floor_area'");
    if (areas_m2.size() != parcels.size())
        throw AuditError(AuditError::Kind::Internal, "economics join: " + std::to_string(areas_m2.size()) +
                                                         " areas for " + std::to_string(parcels.size()) + " parcels");
    const bool by_enterprise = options.key == "enterprise";
    const bool by_floor = by_enterprise && options.share == "floor_area";
    const std::string year_text = std::to_string(year);

    // The year's rows, the first of each key; later repeats are skipped.
    std::map<std::string, std::size_t> row_of;
    std::vector<std::size_t> first_rows;  // in table order
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].year != year) continue;
        auto [it, inserted] = row_of.emplace(rows[i].key, i);
        if (inserted) {
            first_rows.push_back(i);
            continue;
        }
        diag.add({"economics", "", rows[i].fid, rows[i].key, "duplicate_row", DiagnosticAction::Skipped,
                  "row " + std::to_string(rows[i].fid) + " repeats key '" + rows[i].key + "' for " + year_text +
                      " of row " + std::to_string(rows[it->second].fid) + "; the later row is skipped"});
    }

    std::vector<std::vector<std::string>> units(parcels.size());
    std::map<std::string, std::vector<std::size_t>> parcels_of;
    for (std::size_t p = 0; p < parcels.size(); ++p) {
        units[p] = units_of(parcels[p], by_enterprise);
        for (const auto& u : units[p]) parcels_of[u].push_back(p);
    }
    for (std::size_t i : first_rows)
        if (!parcels_of.count(rows[i].key))
            diag.add({"economics", "", rows[i].fid, rows[i].key, "unmatched_key", DiagnosticAction::Reported,
                      "key '" + rows[i].key + "' (" + year_text + ") matches no parcel " +
                          (by_enterprise ? "enterprise" : "id") + "; its figures are not used"});

    // Weight of each unit on each parcel, parallel to units[p].
    std::vector<std::vector<double>> weight(parcels.size());
    for (std::size_t p = 0; p < parcels.size(); ++p) {
        const std::size_t n = units[p].size();
        weight[p].assign(n, areas_m2[p]);
        if (!by_floor || n < 2) continue;
        std::vector<double> leased(n, 0.0);
        double sum = 0.0;
        std::string lacking;
        for (std::size_t k = 0; k < n && lacking.empty(); ++k) {
            auto it = row_of.find(units[p][k]);
            if (it == row_of.end()) {
                lacking = "enterprise " + units[p][k] + " has no row for " + year_text;
            } else if (const auto& lf = rows[it->second].leased_floor_m2; !lf || *lf < 0.0) {
                lacking = "enterprise " + units[p][k] + " has no leased floor area in row " +
                          std::to_string(rows[it->second].fid);
            } else {
                leased[k] = *lf;
                sum += *lf;
            }
        }
        if (lacking.empty() && sum <= 0.0) lacking = "the leased floor areas of its enterprises sum to 0";
        if (lacking.empty()) {
            for (std::size_t k = 0; k < n; ++k) weight[p][k] = areas_m2[p] * leased[k] / sum;
        } else {
            for (std::size_t k = 0; k < n; ++k) weight[p][k] = areas_m2[p] / static_cast<double>(n);
            diag.add({"economics", "", -1, parcels[p].id, "missing_leased_floor", DiagnosticAction::Reported,
                      "parcel " + parcels[p].id + ": " + lacking + "; its " + std::to_string(n) +
                          " enterprises (" + join_ids(units[p]) + ") share it equally"});
        }
    }

    // Each unit's total weight over its parcels.
    std::map<std::string, double> total_weight;
    for (std::size_t p = 0; p < parcels.size(); ++p)
        for (std::size_t k = 0; k < units[p].size(); ++k) total_weight[units[p][k]] += weight[p][k];

    std::vector<ParcelFigures> out(parcels.size());
    for (std::size_t p = 0; p < parcels.size(); ++p) {
        ParcelFigures& f = out[p];
        f.year = year;
        std::vector<std::string> without_row;
        bool any_row = false;
        for (const auto& u : units[p]) {
            if (row_of.count(u)) any_row = true;
            else without_row.push_back(u);
        }
        if (!any_row) continue;
        f.has_row = true;

        double sums[kAmountCount] = {};
        bool known[kAmountCount];
        std::fill(std::begin(known), std::end(known), true);
        for (std::size_t k = 0; k < units[p].size(); ++k) {
            const std::string& u = units[p][k];
            auto it = row_of.find(u);
            if (it == row_of.end()) continue;
            const EconomicRecord& row = rows[it->second];
            const double total = total_weight[u];
            const double share = total > 0.0 ? weight[p][k] / total
                                              : 1.0 / static_cast<double>(parcels_of[u].size());
            for (std::size_t a = 0; a < kAmountCount; ++a) {
                const std::optional<double>& v = row.*kAmounts[a].first;
                if (v) sums[a] += *v * share;
                else known[a] = false;
            }
            if (by_floor) {
                f.land_m2 += weight[p][k];
                f.enterprises.push_back(u);
            }
        }
        if (!by_floor) {
            f.land_m2 = areas_m2[p];
            f.enterprises = units[p];
        }
        if (!by_floor && !without_row.empty()) {
            // Merged with an enterprise that reported nothing: the unit's totals are not known.
            diag.add({"economics", "", -1, parcels[p].id, "missing_enterprise_row", DiagnosticAction::Reported,
                      "parcel " + parcels[p].id + ": enterprise(s) " + join_ids(without_row) + " have no row for " +
                          year_text + " while " + std::to_string(units[p].size() - without_row.size()) +
                          " other(s) on the parcel do; its amounts are unknown (share = \"floor_area\" would "
                          "measure the others on their share)"});
            continue;
        }
        for (std::size_t a = 0; a < kAmountCount; ++a)
            if (known[a]) f.*kAmounts[a].second = sums[a];
    }
    return out;
}

std::vector<int> years_in(const std::vector<EconomicRecord>& rows) {
    std::vector<int> years;
    for (const auto& r : rows) years.push_back(r.year);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

}  // namespace landaudit
