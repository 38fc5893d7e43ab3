// standard_land layer: per 标准地 parcel and contracted indicator, contracted | actual | shortfall.
#include "engine/intensity/standard_land_table.h"

#include <algorithm>

#include "layers/indicators.h"

namespace landaudit {

namespace {

FieldValue number_or_null(const std::optional<double>& v) { return v ? FieldValue{*v} : FieldValue{}; }

std::string unit_suffix(const std::string& code) {
    const IndicatorInfo* info = find_indicator(code);
    return info && !info->unit.empty() ? "(" + info->unit + ")" : "";
}

}  // namespace

OutputTable standard_land_schema() {
    OutputTable t{"standard_land", "标准地达产复核", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("park_id", FieldType::String, "所属园区");
    t.add_field("status", FieldType::String, "复核结论");
    t.add_field("due_date", FieldType::String, "达产复核日期");
    t.add_field("year", FieldType::Integer, "实际值数据年度");
    t.add_field("n_short", FieldType::Integer, "未达约定指标数");
    for (const ContractTerm& term : contract_terms()) {
        const IndicatorInfo* info = find_indicator(term.indicator);
        const std::string label = info ? info->label : term.indicator;
        const std::string stem = term.stem;
        t.add_field("std_" + stem, FieldType::Real, "约定" + label + unit_suffix(term.indicator));
        t.add_field("act_" + stem, FieldType::Real, "实际" + label + unit_suffix(term.indicator));
        t.add_field("short_" + stem, FieldType::Real, label + "差距(%)");
    }
    t.add_field("reasons", FieldType::String, "复核依据");
    return t;
}

std::vector<OutputRow> standard_land_rows(const ParcelChunkResults& chunk, const std::vector<Park>& parks) {
    std::vector<OutputRow> rows;
    for (std::size_t i = 0; i < chunk.parcels.size() && i < chunk.intensity.size(); ++i) {
        const ParcelIntensity& m = chunk.intensity[i];
        if (!m.standard_land) continue;
        const StandardLandVerdict& v = *m.standard_land;
        const Parcel& p = chunk.parcels[i];
        const long park = chunk.compliance[i].park_index;
        OutputRow row{p.geometry, {}};
        row.values = {p.id,
                      park < 0 ? FieldValue{} : FieldValue{parks[static_cast<std::size_t>(park)].id},
                      std::string(contract_status_key(v.status)),
                      v.due ? FieldValue{v.due->iso()} : FieldValue{},
                      m.figures.has_row ? FieldValue{static_cast<long long>(m.figures.year)} : FieldValue{},
                      static_cast<long long>(std::count_if(v.checks.begin(), v.checks.end(), [](const ContractCheck& c) {
                          return c.status == ContractStatus::Short;
                      }))};
        for (const ContractTerm& term : contract_terms()) {
            auto check = std::find_if(v.checks.begin(), v.checks.end(),
                                      [&](const ContractCheck& c) { return c.indicator == term.indicator; });
            row.values.push_back(number_or_null(p.use.contract.*term.contracted));
            // The measured value is shown before the due date too: how far the parcel is from its contract.
            row.values.push_back(number_or_null(m.indicators.get(term.indicator)));
            row.values.push_back(check == v.checks.end() ? FieldValue{} : number_or_null(check->shortfall_pct));
        }
        row.values.push_back(v.text);
        rows.push_back(std::move(row));
    }
    return rows;
}

OutputTable standard_land_table(const AuditInputs& in, const ComplianceResult& r, const IntensityResult& intensity) {
    OutputTable t = standard_land_schema();
    t.rows = standard_land_rows({in.parcels, r.parcels, intensity.parcels, nullptr}, in.parks);
    return t;
}

}  // namespace landaudit
