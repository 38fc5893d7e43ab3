// Where a parcel's supply status (供地) comes from: its supply date field, its supplied flag, or —
// when the parcels carry no supply fields — the [supplied] records lying on it. The idle-land
// analysis then reads IdleFacts::supply_date and IdleFacts::supplied_flag as usual.
#pragma once

#include <string>

#include "layers/audit_config.h"
#include "layers/audit_inputs.h"

namespace landaudit {

enum class SupplyBasis {
    None,       // the parcels map no idle fields: no idle-land analysis
    DateField,  // [parcels.fields] supply_date (with supplied as a fallback where the date is empty)
    FlagField,  // [parcels.fields] supplied, dates from [supplied] where a record covers the parcel
    Spatial,    // [supplied] alone: covered parcels are supplied on the earliest covering date
};

SupplyBasis supply_basis(const AuditConfig& config);

// One line for the console summary and `check`, e.g. "supply status: from [parcels.fields]
// supply_date (GYRQ)". Empty for SupplyBasis::None.
std::string describe_supply_basis(const AuditConfig& config);

// For FlagField and Spatial with [audit] as_of: sets each parcel's supply_date to the earliest
// date of the [supplied] records (dated, readable) covering it by more than min_overlap_m2 in
// total, as YYYY-MM-DD; parcels whose flag says not supplied are left alone. A parcel covered
// only by records whose date cannot be read gets that text, so its idle status is unknown and
// listed. Needs clean geometries (after clean_held_layers). Does nothing for the other bases.
void resolve_supply_status(AuditInputs& inputs, const AuditConfig& config);
// The same for a chunk of parcels against the [supplied] records.
void resolve_supply_status(std::vector<Parcel>& parcels, const std::vector<SupplyRecord>& supplied,
                           const AuditConfig& config);

}  // namespace landaudit
