// The intensity indicators of one parcel from its measures and its year's figures.
#pragma once

#include "engine/intensity/intensity_types.h"

namespace landaudit {

// Definitions (land-rules §6; codes from layers/indicators.h):
//   far         = floor area ÷ area
//   coverage    = (footprint + yard) ÷ area × 100   (yard counts 0 when not given but the footprint is)
//   admin_pct   = admin area ÷ area × 100
//   inv_mu, out_mu, rev_mu, tax_mu, va_mu = amount ÷ (land_m2 ÷ 2000/3), 万元/亩, land_m2 being the
//                 land the figures are measured on (ParcelFigures::land_m2)
//   va_energy   = value added ÷ energy (tce);  va_emission = value added ÷ emissions (t)
//   va_employee = value added ÷ employees;     rd_pct = R&D ÷ revenue × 100
// An indicator whose input is unknown, or whose divisor is 0, is absent, and `missing[code]` says
// why, naming the input: "tax: no economics row for 2024", "energy: empty in the row for 2024",
// "floor area: not in the parcel's attributes and no buildings layer gave it", "energy: 0, cannot
// divide by it".
IndicatorSet parcel_indicators(const ParcelMeasures& m, const ParcelFigures& f);

}  // namespace landaudit
