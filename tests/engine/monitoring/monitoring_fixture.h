// Hand-built audit layers for the monitoring tests: rectangles with round areas (a 100 m × 100 m
// square is 10 000 m² = 15 亩), fields named as in docs/outputs.md.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "engine/wkt_fixture.h"
#include "layers/output_table.h"

namespace landaudit::testing {

struct Box {
    double x0, y0, x1, y1;
    double area() const { return (x1 - x0) * (y1 - y0); }
};

// A layer with text fields `names` and one geometry per row; values given as text ("" = null), or
// as numbers for the fields listed in `numeric`.
inline OutputTable layer(const std::string& name, const std::vector<std::string>& names,
                         const std::vector<std::string>& numeric,
                         const std::vector<std::pair<Box, std::vector<std::string>>>& rows) {
    OutputTable t{name, "", OutputGeometry::MultiPolygon, {}, {}};
    for (const auto& n : names) {
        bool is_number = false;
        for (const auto& k : numeric) is_number = is_number || k == n;
        t.add_field(n, is_number ? FieldType::Real : FieldType::String, "");
    }
    for (const auto& [box, values] : rows) {
        OutputRow row{wkb(rect(box.x0, box.y0, box.x1, box.y1)), {}};
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i].empty()) row.values.emplace_back();
            else if (t.fields[i].type == FieldType::Real) row.values.emplace_back(std::stod(values[i]));
            else row.values.emplace_back(values[i]);
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace landaudit::testing
