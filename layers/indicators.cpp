// The indicator catalogue (land-rules §6–7; seeds 000–004).
#include "layers/indicators.h"

namespace landaudit {

const std::vector<IndicatorInfo>& indicator_catalogue() {
    using S = IndicatorScope;
    static const std::vector<IndicatorInfo> all = {
        {"far", "容积率", "", S::Both, "total floor area ÷ land area (storeys higher than 8 m count double)"},
        {"coverage", "建筑系数", "%", S::Parcel,
         "(building + structure footprint + storage yard) ÷ parcel area × 100"},
        {"admin_pct", "行政办公及生活服务设施用地所占比重", "%", S::Parcel, "admin/living area ÷ parcel area × 100"},
        {"inv_mu", "亩均投资", "万元/亩", S::Both, "fixed-asset investment ÷ area in 亩"},
        {"out_mu", "亩均产出", "万元/亩", S::Both, "output value ÷ area in 亩"},
        {"rev_mu", "亩均营业收入", "万元/亩", S::Both, "revenue ÷ area in 亩"},
        {"tax_mu", "亩均税收", "万元/亩", S::Both, "tax ÷ area in 亩"},
        {"va_mu", "亩均增加值", "万元/亩", S::Both, "value added ÷ area in 亩"},
        {"va_energy", "单位能耗增加值", "万元/吨标准煤", S::Both, "value added ÷ energy use"},
        {"va_emission", "单位排放增加值", "万元/吨", S::Both, "value added ÷ pollutant emissions"},
        {"va_employee", "全员劳动生产率", "万元/人", S::Both, "value added ÷ employees"},
        {"rd_pct", "研发经费占营业收入比重", "%", S::Both, "R&D spending ÷ revenue × 100"},
        {"inv_ha", "工业用地固定资产投入强度", "万元/公顷", S::Park, "investment ÷ area in 公顷"},
        {"tax_ha", "工业用地地均税收", "万元/公顷", S::Park, "tax ÷ area in 公顷"},
        {"density", "建筑密度", "%", S::Park, "building footprint ÷ built land × 100"},
        {"ind_pct", "工业用地率", "%", S::Park, "industrial and storage land ÷ built land × 100"},
        {"lead_pct", "主导产业占比", "%", S::Park, "revenue (else output) of the leading industries ÷ park total × 100"},
        {"hitech_pct", "高新技术产业营收占比", "%", S::Park, "high-tech revenue ÷ park revenue × 100"},
        {"energy_chg", "单位增加值能耗降低率", "%", S::Park,
         "(energy per value added last year − this year) ÷ last year × 100"},
        {"rev_growth", "亩均营业收入增长率", "%", S::Park, "(rev_mu this year − last year) ÷ last year × 100"},
        {"multi_pct", "多层标准厂房占比", "%", S::Park,
         "footprint of standard factories with ≥ 2 floors ÷ footprint of all standard factories × 100"},
        // Measured by the redevelopment step, after the intensity checks: star rule sets only.
        {"unsup_pct", "批而未供土地占比", "%", S::Park, "approved but unsupplied land ÷ approved land × 100 (批而未供)"},
        {"idle_pct", "闲置土地率", "%", S::Park, "idle land ÷ supplied parcel land × 100 (闲置土地)"},
    };
    return all;
}

bool is_redevelopment_indicator(std::string_view code) { return code == "unsup_pct" || code == "idle_pct"; }

const IndicatorInfo* find_indicator(std::string_view code) {
    for (const auto& i : indicator_catalogue())
        if (i.code == code) return &i;
    return nullptr;
}

}  // namespace landaudit
