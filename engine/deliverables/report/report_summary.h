// The report's tables that cover the whole audit: metadata and inputs, one row per park for
// compliance, 亩均, idle land, 批而未供 and candidates (with totals rows), and the data problems.
#pragma once

#include <string>
#include <vector>

#include "engine/deliverables/report/report_labels.h"
#include "engine/deliverables/report/report_style_colours.h"
#include "engine/deliverables/report/report_table.h"
#include "layers/audit_output.h"

namespace landaudit {

// What every part of the report reads: the output, the words and the classes with colours.
struct ReportContext {
    const AuditOutput& output;
    const ReportLabels& labels;
    std::vector<StyleClass> status;  // parcels.status
    std::vector<StyleClass> grade;   // parcels.grade
    std::vector<StyleClass> idle;    // idle.idle
    std::vector<StyleClass> bucket;  // unsupplied.bucket
    std::vector<StyleClass> kind;    // candidates.kind
    std::vector<std::string> park_ids;  // parks in file order

    const OutputTable* table(const std::string& name) const { return output.table(name); }
    // "no park" row key: rows whose park_id is null.
    static constexpr const char* kNoPark = "";
};

// A column of one field of `table`: its alias as header, its name as code.
ReportColumn field_column(const OutputTable& table, const std::string& field, ReportColumn::Format format);

std::string metadata_table(const ReportContext& ctx);
std::string inputs_table(const ReportContext& ctx);     // run_inputs except rule sets
std::string rule_sets_table(const ReportContext& ctx);  // run_inputs of role rule_set

std::string compliance_table(const ReportContext& ctx);
std::string intensity_table(const ReportContext& ctx);
std::string idle_table(const ReportContext& ctx);
std::string unsupplied_table(const ReportContext& ctx);
std::string candidates_summary_table(const ReportContext& ctx);

std::string diagnostics_summary_table(const ReportContext& ctx);  // counts by role, problem, action
std::string diagnostics_list_table(const ReportContext& ctx);     // the first rows, with details

}  // namespace landaudit
