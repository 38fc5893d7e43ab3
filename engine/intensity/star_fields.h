// The star-rating fields of the parks layer (stars, star_why), beside the park's other figures.
#pragma once

#include "engine/intensity/intensity.h"
#include "layers/output_table.h"

namespace landaudit {

// stars: the first stars rule set's rating (null when the park cannot be rated, or no stars set is
// configured); star_why: every stars set's bands and checks, or why there is no rating.
void add_star_fields(OutputTable& parks);
void push_star_values(OutputRow& row, const ParkIntensity& park);

}  // namespace landaudit
