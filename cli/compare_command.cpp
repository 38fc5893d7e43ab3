// Read both outputs and the targets, compare, write, summarise.
#include "cli/compare_command.h"

#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>

#include "cli/deliverables.h"
#include "engine/geometry/geos_context.h"
#include "engine/monitoring/audit_comparison.h"
#include "io/config/rule_set_loader.h"
#include "io/read/audit_reader.h"
#include "io/write/file_digest.h"
#include "io/write/gpkg_writer.h"
#include "io/write/run_provenance.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"
#include "layers/version.h"

namespace landaudit {

namespace {

[[noreturn]] void bad_targets(const std::string& path, const std::string& what) {
    throw AuditError(AuditError::Kind::Config, path + ": " + what,
                     "see rules/monitoring/targets.toml for the format");
}

// The targets file: [disposal] unsupplied_pct/idle_pct with their sources, [[growth]] entries.
MonitoringTargets load_targets(const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        bad_targets(path, std::string("not valid TOML: ") + std::string(e.description()));
    }
    MonitoringTargets t;
    t.source_file = path;
    const toml::node_view disposal = root["disposal"];
    t.unsupplied.pct = disposal["unsupplied_pct"].value<double>();
    t.unsupplied.source = disposal["unsupplied_source"].value_or(std::string());
    t.idle.pct = disposal["idle_pct"].value<double>();
    t.idle.source = disposal["idle_source"].value_or(std::string());
    if (const toml::array* growth = root["growth"].as_array()) {
        for (const toml::node& node : *growth) {
            const toml::table* g = node.as_table();
            if (!g) bad_targets(path, "[[growth]] entries must be tables");
            GrowthTarget target;
            target.name = (*g)["name"].value_or(std::string());
            target.field = (*g)["field"].value_or(std::string());
            const std::string kind = (*g)["kind"].value_or(std::string("growth"));
            if (kind != "growth" && kind != "value") bad_targets(path, "[[growth]] kind must be \"growth\" or \"value\"");
            target.kind = kind == "growth" ? GrowthTarget::Kind::Growth : GrowthTarget::Kind::Value;
            auto min_pct = (*g)["min_pct"].value<double>();
            if (!min_pct || target.field.empty()) bad_targets(path, "[[growth]] " + target.name + " needs field and min_pct");
            target.min_pct = *min_pct;
            target.source = (*g)["source"].value_or(std::string());
            if (const toml::array* layers = (*g)["layers"].as_array())
                for (const toml::node& l : *layers)
                    if (auto s = l.value<std::string>()) {
                        if (*s != "parks" && *s != "parcels") bad_targets(path, "[[growth]] layers are parks and/or parcels");
                        target.layers.push_back(*s);
                    }
            t.growth.push_back(std::move(target));
        }
    }
    return t;
}

std::string m2(double v) {
    char b[48];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

std::string ratio(double disposed, double stock) {
    if (stock <= 0) return "no stock";
    char b[48];
    std::snprintf(b, sizeof b, "%.2f %%", 100.0 * disposed / stock);
    return b;
}

// One compared file in the change's run_inputs: role earlier / later / targets, with its digest.
InputFileRecord compared_file(const std::string& role, const std::string& name, const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
    InputFileRecord r{role, name, absolute.string(), sha256_of_file(path), 0, -1, {}, {}};
    const auto bytes = std::filesystem::file_size(path, ec);
    r.bytes = ec ? -1 : static_cast<long long>(bytes);
    return r;
}

// The change's provenance: the two audits (their names, paths and digests), the targets file, when;
// as_of is the later audit's. The report checks the later digest
// against the audit it is written for, so a change file left from another run is not shown.
RunInfo change_run_info(const AuditOutput& earlier, const AuditOutput& later, const CompareCommand& command,
                        const std::string& targets_path, double min_overlap_m2, const std::string& started) {
    RunInfo info;
    info.engine_version = engine_version();
    info.audit_name = later.run_info.audit_name;
    info.working_crs = later.run_info.working_crs.empty() ? later.crs_authid : later.run_info.working_crs;
    info.working_crs_name = later.run_info.working_crs_name;
    info.area_method = "*_m2 and *_mu: planar areas in the working CRS; 1 亩 = 2000/3 m²";
    info.as_of = later.run_info.as_of;
    info.min_overlap_m2 = min_overlap_m2;
    info.started = started;
    info.inputs = {compared_file("earlier", earlier.run_info.audit_name, command.earlier),
                   compared_file("later", later.run_info.audit_name, command.later),
                   compared_file("targets", "", targets_path)};
    return info;
}

}  // namespace

int run_compare(const CompareCommand& command, std::ostream& out) {
    const std::string targets_path = command.targets.empty()
                                         ? (std::filesystem::path(builtin_rules_dir()) / "monitoring" / "targets.toml").string()
                                         : command.targets;
    const std::string started = now_iso8601();
    CompareOptions options;
    options.targets = load_targets(targets_path);
    const AuditOutput earlier = read_audit_output(command.earlier);
    const AuditOutput later = read_audit_output(command.later);
    if (later.run_info.min_overlap_m2 > 0) options.min_overlap_m2 = later.run_info.min_overlap_m2;
    GeosContext ctx;
    const ComparisonResult result = compare_audits(ctx, earlier, later, options);
    const std::string crs = later.crs_authid.empty() ? later.crs_wkt : later.crs_authid;
    const std::vector<std::string> stale = remove_stale_temporaries(command.out);
    RunInfo info = change_run_info(earlier, later, command, targets_path, options.min_overlap_m2, started);
    info.finished = now_iso8601();
    write_geopackage(result.tables, command.out, crs, {command.earlier, command.later, targets_path},
                     GeopackageExtras{audit_layer_styles(result.tables), info}, ProgressFn{});
    if (command.quiet) return 0;

    for (const auto& file : stale) out << "Removed " << file << ", left by an interrupted run\n";
    const ComparisonCounts& c = result.counts;
    out << "Compared " << command.earlier << " (as of " << earlier.run_info.as_of << ") with " << command.later
        << " (as of " << later.run_info.as_of << "), " << result.years << " year(s)\n";
    out << "  parcels: " << c.by_id << " matched by id, " << c.by_geometry << " by geometry (ids changed), " << c.added
        << " new, " << c.gone << " gone\n";
    out << "  changes: " << c.status_changed << " status, " << c.grade_changed << " grade, " << c.idle_changed
        << " idle status; conflicts " << c.new_conflicts << " new, " << c.left_conflicts << " left\n";
    out << "  disposal of the earlier stock (处置率 = disposed ÷ stock), per park:\n";
    for (const ParkDisposal& p : result.parks) {
        out << "    " << p.park_id << " " << p.name << ": 批而未供 " << m2(p.unsupplied_disposed) << " of "
            << m2(p.unsupplied_stock) << " m² (" << ratio(p.unsupplied_disposed, p.unsupplied_stock) << "), idle "
            << m2(p.idle_disposed) << " of " << m2(p.idle_stock) << " m² ("
            << ratio(p.idle_disposed, p.idle_stock) << ")\n";
    }
    auto target = [](const DisposalTarget& t) { return t.pct ? m2(*t.pct) + " %" : std::string("not set [U]"); };
    out << "  targets (" << targets_path << "): 批而未供 " << target(options.targets.unsupplied) << ", idle "
        << target(options.targets.idle) << "\n";
    if (c.diagnostics > 0) out << "  " << c.diagnostics << " diagnostics (layer diagnostics)\n";
    out << "Written: " << command.out;
    for (const auto& t : result.tables) out << (&t == &result.tables.front() ? " (" : ", ") << t.name << " " << t.rows.size();
    out << ")\n";
    return 0;
}

}  // namespace landaudit
