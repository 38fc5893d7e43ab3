// The intensity indicators of a park as a whole, from its parcels' measures and figures.
//
// Definitions (land-rules §6–7; codes from layers/indicators.h). Sums run over the park's parcels
// that know every input of the sum, so an unknown is never counted as 0:
//   inv_mu, out_mu, rev_mu, tax_mu, va_mu  Σ amount ÷ Σ land (亩) of the parcels with the amount,
//                                          land = ParcelFigures::land_m2; 万元/亩
//   inv_ha, tax_ha   the same over industrial and storage parcels only, in 万元/公顷; industrial and
//                    storage = land-use code starting 0601 工业, 0604 仓储, 0508 三调物流仓储,
//                    1001 工业 or 1101 物流仓储
//   far (综合容积率)   Σ floor area ÷ Σ area of the parcels with a known floor area
//   density (建筑密度) Σ footprint ÷ Σ area of the parcels with a known footprint × 100
//   ind_pct (工业用地率) area of industrial and storage parcels ÷ area of parcels with a land-use code × 100
//   lead_pct   revenue of the parcels whose industry is a leading one ÷ revenue of the parcels with
//              a known industry × 100; output instead of revenue when no parcel of the park has
//              revenue. Absent when the park declares no leading industries. Industry codes match
//              by prefix after dropping a leading GB/T 4754 section letter (A–T): "39" and "C39"
//              both match "39", "391" and "C3911"
//   hitech_pct Σ high-tech revenue ÷ Σ revenue × 100;  rd_pct  Σ R&D ÷ Σ revenue × 100 (parcels
//              with both)
//   energy_chg (e_prev − e_cur) ÷ e_prev × 100, e = Σ energy ÷ Σ value added (parcels with both) of
//              the year before and of the graded year
//   rev_growth (rev_mu_cur − rev_mu_prev) ÷ rev_mu_prev × 100
//   multi_pct  footprint of standard factories with ≥ 2 floors ÷ footprint of standard factories
//              with known floors × 100 (FactoryFootprint)
// An absent indicator has its reason in `missing`, naming the input.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/intensity/building_measures.h"
#include "engine/intensity/intensity_types.h"

namespace landaudit {

struct ParkInputs {
    // All parcels of the audit, parallel spans indexed by parcel index, shared by every park
    // (views: the caller keeps the vectors alive while calling park_indicators).
    std::span<const ParcelMeasures> measures;
    std::span<const ParcelFigures> figures;           // graded year
    std::span<const ParcelFigures> previous_figures;  // the year before; empty when the table has none
    std::span<const std::string> land_use;            // land-use code per parcel, "" unknown
    std::span<const std::string> industry;            // GB/T 4754 code per parcel, "" unknown

    // This park.
    std::vector<std::size_t> parcels;         // indices of the parcels assigned to it (largest share)
    std::vector<std::string> leading;         // leading-industry code prefixes; empty: not declared
    std::optional<FactoryFootprint> factories;  // nullopt: no buildings layer or no standard_factory kinds
    int year = 0;                               // graded year, for the reasons
};

IndicatorSet park_indicators(const ParkInputs& in);

// The same figures summed parcel by parcel as a streamed audit meets them, holding no parcel:
// add() each parcel of the park (in parcel order, so the sums are the same to the last bit), then
// indicators(). `previous` is the parcel's figures of the year before, null when the table has none.
class ParkAccumulator {
public:
    explicit ParkAccumulator(std::vector<std::string> leading);  // leading-industry prefixes
    ~ParkAccumulator();
    ParkAccumulator(ParkAccumulator&&) noexcept;
    ParkAccumulator& operator=(ParkAccumulator&&) noexcept;
    void add(const ParcelMeasures& measures, const ParcelFigures& figures, const ParcelFigures* previous,
             const std::string& land_use, const std::string& industry);
    IndicatorSet indicators(int year, bool has_previous_year, const std::optional<FactoryFootprint>& factories) const;

private:
    struct YearSums;
    void add_year(YearSums& y, const ParcelFigures& f, const std::string& land_use, const std::string& industry) const;
    std::vector<std::string> m_leading;
    std::size_t m_parcels = 0;
    double m_floor = 0, m_floor_base = 0, m_foot = 0, m_foot_base = 0, m_industrial = 0, m_coded = 0;
    bool m_any_floor = false, m_any_foot = false, m_any_code = false, m_any_industrial = false;
    std::unique_ptr<YearSums> m_current, m_previous;
};

// Land-use code of industrial or storage land (prefixes 0601, 0604, 0508, 1001, 1101).
bool is_industrial_land_use(const std::string& code);

// True when `code` falls under the industry `prefix`, both compared without a leading section
// letter A–T (an empty prefix after that matches nothing).
bool industry_matches(const std::string& code, const std::string& prefix);

}  // namespace landaudit
