// RunInfo ⇄ tables.
#include "layers/run_info_tables.h"

#include <cstdlib>
#include <map>

namespace landaudit {

namespace {

std::string format_number(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

FieldValue text(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }
FieldValue count(long long n) { return n < 0 ? FieldValue{} : FieldValue{n}; }

std::string text_at(const OutputRow& row, const OutputTable& t, const char* field) {
    auto i = t.field_index(field);
    return i && *i < row.values.size() ? value_as_text(row.values[*i]) : std::string();
}

long long count_at(const OutputRow& row, const OutputTable& t, const char* field) {
    auto i = t.field_index(field);
    if (!i || *i >= row.values.size()) return -1;
    const FieldValue& v = row.values[*i];
    if (std::holds_alternative<long long>(v)) return std::get<long long>(v);
    if (std::holds_alternative<double>(v)) return static_cast<long long>(std::get<double>(v));
    return -1;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> run_info_items(const RunInfo& i) {
    return {{"engine_version", i.engine_version},
            {"audit_name", i.audit_name},
            {"config_path", i.config_path},
            {"working_crs", i.working_crs},
            {"working_crs_name", i.working_crs_name},
            {"area_method", i.area_method},
            {"as_of", i.as_of},
            {"min_overlap_m2", format_number(i.min_overlap_m2)},
            {"started", i.started},
            {"finished", i.finished},
            {"config_text", i.config_text}};
}

std::vector<OutputTable> run_info_tables(const RunInfo& info) {
    OutputTable items{"run_info", "运行信息", OutputGeometry::None, {}, {}};
    items.add_field("key", FieldType::String, "项目");
    items.add_field("value", FieldType::String, "内容");
    for (const auto& [key, value] : run_info_items(info)) items.rows.push_back({{}, {key, text(value)}});

    OutputTable inputs{"run_inputs", "输入数据", OutputGeometry::None, {}, {}};
    inputs.add_field("role", FieldType::String, "数据角色");
    inputs.add_field("name", FieldType::String, "图层或规则集");
    inputs.add_field("path", FieldType::String, "路径");
    inputs.add_field("sha256", FieldType::String, "SHA-256");
    inputs.add_field("bytes", FieldType::Integer, "字节数");
    inputs.add_field("features", FieldType::Integer, "要素数");
    inputs.add_field("crs", FieldType::String, "原坐标系");
    inputs.add_field("encoding", FieldType::String, "属性编码");
    for (const auto& f : info.inputs)
        inputs.rows.push_back({{}, {f.role, text(f.name), f.path, text(f.sha256), count(f.bytes), count(f.features),
                                    text(f.crs), text(f.encoding)}});
    return {std::move(items), std::move(inputs)};
}

RunInfo run_info_from_tables(const OutputTable& run_info, const OutputTable* run_inputs) {
    std::map<std::string, std::string> kv;
    for (const auto& row : run_info.rows) kv[text_at(row, run_info, "key")] = text_at(row, run_info, "value");
    RunInfo i;
    i.engine_version = kv["engine_version"];
    i.audit_name = kv["audit_name"];
    i.config_path = kv["config_path"];
    i.config_text = kv["config_text"];
    i.working_crs = kv["working_crs"];
    i.working_crs_name = kv["working_crs_name"];
    i.area_method = kv["area_method"];
    i.as_of = kv["as_of"];
    i.min_overlap_m2 = std::strtod(kv["min_overlap_m2"].c_str(), nullptr);
    i.started = kv["started"];
    i.finished = kv["finished"];
    if (run_inputs)
        for (const auto& row : run_inputs->rows)
            i.inputs.push_back({text_at(row, *run_inputs, "role"), text_at(row, *run_inputs, "name"),
                                text_at(row, *run_inputs, "path"), text_at(row, *run_inputs, "sha256"),
                                count_at(row, *run_inputs, "bytes"), count_at(row, *run_inputs, "features"),
                                text_at(row, *run_inputs, "crs"), text_at(row, *run_inputs, "encoding")});
    return i;
}

}  // namespace landaudit
