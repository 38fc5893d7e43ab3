// The audit's domain objects: parks, parcels and constraint features, with a source id each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layers/attribute.h"
#include "layers/geometry_blob.h"

namespace landaudit {

// 园区: an approved park boundary (园区四至/核准范围).
struct Park {
    long long fid = -1;
    std::string id;
    std::string name;
    std::string level;  // as written in the data, e.g. 国家级, 省级
    std::vector<std::string> lead_industries;  // GB/T 4754 code prefixes of the declared leading industries
    WkbGeometry geometry;
};

// 标准地: the control indicators written into the parcel's supply contract, checked at the
// acceptance check after completion (达产复核), from mapped parcel fields (std_*). Each is a
// minimum, in the units of the 亩均 indicator it is compared with (docs/indicators.md).
struct StandardLandContract {
    std::optional<double> investment_mu;  // 亩均投资 万元/亩 → inv_mu
    std::optional<double> far;            // 容积率 → far
    std::optional<double> tax_mu;         // 亩均税收 万元/亩 → tax_mu
    std::optional<double> output_mu;      // 亩均产出 万元/亩 → out_mu
    std::optional<double> energy;         // 单位能耗增加值 万元/吨标准煤 → va_energy
    std::string due_date;                 // 达产复核 date as written; empty = none recorded

    // A parcel is 标准地 when any contracted value or the due date is recorded.
    bool any() const { return investment_mu || far || tax_mu || output_mu || energy || !due_date.empty(); }
};

// What a parcel is used for, how it is built on and what its 标准地 contract requires, from mapped
// attributes (all optional).
struct ParcelUse {
    std::string land_use;    // GB/T 21010 / 用地用海 code, e.g. 0601, 1001
    std::string industry;    // GB/T 4754 code, e.g. 39 or C39
    std::string enterprise;  // enterprise id, for joining economics by enterprise
    std::optional<double> floor_area_m2;  // total floor area (计容建筑面积)
    std::optional<double> footprint_m2;   // building + structure footprint
    std::optional<double> yard_m2;        // storage-yard area
    std::optional<double> admin_m2;       // admin and living-service area
    StandardLandContract contract;        // 标准地 control indicators; empty when not supplied as one
};

// 闲置土地 facts of a supplied parcel (闲置土地处置办法, 2012; land-rules §4), from mapped parcel
// fields. Dates stay as written; the idle-land analysis parses them and reports what it cannot read.
struct IdleFacts {
    std::string supply_date;      // 供地日期 (contract / allocation decision); empty = not supplied
    std::string agreed_start;     // 约定动工日期, after any extension
    std::string actual_start;     // 实际动工日期; empty = not started
    std::string suspended_since;  // 停工日期; empty = not suspended
    std::optional<double> due_area_m2;        // 应动工开发建设面积
    std::optional<double> developed_area_m2;  // 已动工开发建设面积
    std::optional<double> total_investment;   // 总投资, 万元, excluding the land price
    std::optional<double> invested;           // 已投资额, 万元
    std::optional<double> land_price;         // 出让/划拨价款, 万元
    std::string idle_cause;                   // 闲置原因 as written
    // 供地标志 read with [parcels] supplied_yes: true/false; nullopt when not mapped or empty.
    std::optional<bool> supplied_flag;
    bool mapped = false;  // true when any idle field is mapped in the config
};


// 宗地: a land parcel; keeps its source attributes for the output layer.
struct Parcel {
    long long fid = -1;
    std::string id;
    WkbGeometry geometry;
    std::vector<FieldValue> source_values;  // parallel to the parcels SourceLayer::fields
    ParcelUse use;
    IdleFacts idle;
};

// 批次: an approved batch of construction land (农转用/征收 approval).
struct ApprovalBatch {
    long long fid = -1;
    std::string id;           // 批次编号 / 批次名称
    std::string approval_no;  // 批准文号 (PZWH)
    std::string approval_date;  // 批准日期 as written
    std::optional<double> recorded_area_m2;  // 批准面积 as recorded (PZMJ), m²
    WkbGeometry geometry;
};

// 供地: a supply record (出让 contract, 划拨 decision, lease) with its polygon.
struct SupplyRecord {
    long long fid = -1;
    std::string id;           // 电子监管号 / 合同编号
    std::string supply_date;  // as written
    std::string method;       // 供地方式 (出让/划拨/租赁)
    std::optional<double> price;  // 成交价款, 万元
    WkbGeometry geometry;
};

// 建筑物: a footprint with its floors and height, when the data has them.
struct Building {
    long long fid = -1;
    std::string id;
    std::optional<double> floors;
    std::optional<double> height_m;
    std::string kind;  // e.g. 标准厂房; compared with [buildings] standard_factory
    WkbGeometry geometry;
};

// One row of the economics table: one parcel or enterprise in one year, amounts in 万元.
struct EconomicRecord {
    long long fid = -1;  // row number in the source
    std::string key;     // parcel id or enterprise id, per [economics] key
    int year = 0;
    std::optional<double> investment;     // 固定资产投资, 万元
    std::optional<double> output;         // 产值, 万元
    std::optional<double> revenue;        // 营业收入, 万元
    std::optional<double> tax;            // 税收, 万元
    std::optional<double> value_added;    // 增加值, 万元
    std::optional<double> energy_tce;     // 综合能耗, 吨标准煤
    std::optional<double> emissions_t;    // 主要污染物排放, 吨
    std::optional<double> employees;      // 从业人员, 人
    std::optional<double> rd;             // 研发经费, 万元
    std::optional<double> hitech_revenue; // 高新技术产业营业收入, 万元
    std::optional<double> leased_floor_m2;  // floor area the enterprise uses, for share = "floor_area"
    std::string industry;  // GB/T 4754 code of the enterprise, when the table has it
};

// A feature of a constraint layer (生态保护红线 or 永久基本农田).
struct ConstraintFeature {
    long long fid = -1;
    std::string id;  // mapped id field, or "fid:N" when the layer maps none
    std::string name;
    std::string category;
    WkbGeometry geometry;
};

}  // namespace landaudit
