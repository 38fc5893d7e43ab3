// landaudit command line: parse, call, report, exit code. No GIS logic lives here.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "cli/compare_command.h"
#include "cli/console_summary.h"
#include "cli/deliverables.h"
#include "cli/progress_bar.h"
#include "cli/rules_command.h"
#include "engine/audit.h"
#include "engine/input_check.h"
#include "engine/io_floor.h"
#include "engine/redevelopment/supply_status.h"
#include "io/read/audit_reader.h"
#include "io/config/compare_config.h"
#include "io/config/config_loader.h"
#include "io/write/atomic_file.h"
#include "io/write/geopackage_stream.h"
#include "io/write/gpkg_writer.h"
#include "io/write/postgis_output.h"
#include "io/read/input_loader.h"
#include "io/write/run_provenance.h"
#include "io/export/table_export.h"
#include "io/write/temporary_files.h"
#include "layers/error.h"

using namespace landaudit;

namespace {

// Exit codes (docs/cli.md).
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;   // config or input data problem
constexpr int kExitUsage = 2;      // command-line usage
constexpr int kExitOutput = 3;     // output could not be written
constexpr int kExitInternal = 4;

int report(const AuditError& e) {
    std::cerr << "landaudit: error: " << e.what() << "\n";
    if (!e.hint().empty()) std::cerr << "  hint: " << e.hint() << "\n";
    switch (e.kind()) {
        case AuditError::Kind::Config:
        case AuditError::Kind::Input: return kExitBadInput;
        case AuditError::Kind::Output: return kExitOutput;
        case AuditError::Kind::Internal: return kExitInternal;
    }
    return kExitInternal;
}

std::vector<std::string> input_paths(const AuditConfig& config) {
    std::vector<std::string> paths{config.config_path};
    for (const auto& [role, src] : config.layers) paths.push_back(src.path);
    return paths;
}

struct RunOptions {
    std::string out_override;
    int threads = 0;
    std::size_t chunk_parcels = 0;  // 0: the config's default
    bool progress = true;
    bool quiet = false;       // errors only
    bool deliverables = true; // project and report beside the GeoPackage
    bool analysis = true;     // false: the I/O floor, parcels read and written back (bench)
};

// `run --no-analysis`: the lower bound the bench measures the audit against (issue 8).
int io_floor_command(const AuditConfig& config, const RunOptions& options) {
    if (is_postgis_target(config.output_path))
        throw AuditError(AuditError::Kind::Config, config.output_path.substr(0, 3) + "…: --no-analysis writes a GeoPackage only",
                         "pass --out FILE.gpkg with --no-analysis");
    const AuditConfig floor = io_floor_config(config);
    ProgressBar bar(options.progress && !options.quiet && isatty(STDERR_FILENO));
    AuditInputs inputs = load_inputs(floor, bar.stage("read"), ParcelLoading::Streamed);
    GeopackageStream out(floor.output_path, inputs.working_crs, input_paths(floor));
    const std::size_t written = write_passthrough_parcels(inputs, floor.chunk_parcels, out, bar.stage("write"));
    out.finish(GeopackageExtras{}, bar.stage("write"));
    bar.finish();
    if (!options.quiet)
        std::cout << "No analysis: " << written << " parcels read and written to " << floor.output_path << "\n";
    return kExitOk;
}

int run_command(const std::string& config_path, const RunOptions& options) {
    AuditConfig config = load_config(config_path);
    if (!options.out_override.empty()) config.output_path = options.out_override;
    if (options.threads > 0) config.threads = options.threads;
    if (options.chunk_parcels > 0) config.chunk_parcels = options.chunk_parcels;
    if (config.output_path.empty())
        throw AuditError(AuditError::Kind::Config, config_path + ": no output path",
                         "set [output] path in the config or pass --out FILE.gpkg");
    if (!is_postgis_target(config.output_path)) check_output_target(config.output_path);
    if (!options.analysis) return io_floor_command(config, options);
    // [compare] earlier: last year's output, compared with this run's once it is written.
    const std::string change_path = compare_change_path(config);
    auto started = std::chrono::steady_clock::now();
    const std::string started_at = now_iso8601();
    ProgressBar bar(options.progress && !options.quiet && isatty(STDERR_FILENO));
    // A PostGIS output is staged as a GeoPackage in the temp folder, then published in one transaction.
    std::optional<PostgisTarget> postgis;
    if (is_postgis_target(config.output_path)) postgis = parse_postgis_target(config.output_path);
    std::optional<TemporaryFile> staged;
    if (postgis) staged.emplace(postgis_staging_path(*postgis));
    const std::string gpkg_path = staged ? staged->path() : config.output_path;
    std::vector<std::string> stale = staged ? std::vector<std::string>{} : remove_stale_temporaries(gpkg_path);
    AuditInputs inputs = load_inputs(config, bar.stage("read"), ParcelLoading::Streamed);
    // Rows are written as the audit makes them; nothing is at gpkg_path until finish().
    GeopackageStream out(gpkg_path, inputs.working_crs, input_paths(config));
    AuditResult result = run_audit(inputs, config, out, bar.stage("audit"));
    RunInfo run_info = collect_run_info(config, inputs);
    run_info.started = started_at;
    run_info.finished = now_iso8601();
    // Categories of the styles drawn from the data (the industry map) come from the rows written.
    const std::vector<LayerStyle> styles = audit_layer_styles(
        result.tables, [&](const OutputTable& t, const std::string& field) { return out.distinct_text(t.name, field); });
    out.finish(GeopackageExtras{styles, run_info}, bar.stage("write"));
    // The change first, so that the report and the project written next include it.
    std::ostringstream change_summary;
    if (!change_path.empty()) {
        if (auto progress = bar.stage("compare")) progress(0.0, "comparing with the earlier audit");
        run_compare({config.compare_earlier, gpkg_path, change_path, config.compare_targets, options.quiet}, change_summary);
    }
    DeliverablePaths paths;
    if (postgis) publish_to_postgis(gpkg_path, *postgis, styles, bar.stage("PostGIS"));
    else if (options.deliverables) paths = write_deliverables(gpkg_path, bar.stage("report"), change_path);
    bar.finish();
    if (options.quiet) return kExitOk;
    // A layer that lies away from the parks is most likely in the wrong CRS or the wrong file.
    for (const auto& d : inputs.diagnostics.items())
        if (d.problem == "layer_outside_parks")
            std::cerr << "landaudit: warning: [" << d.role << "] " << d.source << ": " << d.detail << "\n";
    for (const auto& file : stale) std::cout << "Removed " << file << ", left by an interrupted run\n";
    print_run_summary(std::cout, config, inputs, result);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_written_files(std::cout, result.tables, result.row_counts,
                        {postgis ? std::string() : gpkg_path, paths.project, paths.report,
                         postgis ? postgis->display : std::string()},
                        seconds);
    for (const auto& w : paths.warnings) std::cerr << "landaudit: warning: " << w << "\n";
    if (postgis && options.deliverables)
        std::cout << "  (a PostGIS output has no QGIS project or report: run `landaudit report` on a GeoPackage "
                     "output for those)\n";
    if (!change_path.empty()) std::cout << "  Change:       " << change_path << "\n\n" << change_summary.str();
    return kExitOk;
}

int report_command(const std::string& gpkg_path, bool quiet) {
    ProgressBar bar(!quiet && isatty(STDERR_FILENO));
    DeliverablePaths paths = write_deliverables(gpkg_path, bar.stage("report"));
    bar.finish();
    for (const auto& w : paths.warnings) std::cerr << "landaudit: warning: " << w << "\n";
    if (quiet) return kExitOk;
    std::cout << "QGIS project: " << paths.project << "\nReport:       " << paths.report << "\n";
    if (!paths.change.empty()) std::cout << "  (both include the change " << paths.change << ")\n";
    return kExitOk;
}

int export_command(const std::string& gpkg_path, const std::string& format, const std::string& dir,
                   const std::string& encoding, bool quiet) {
    static const std::map<std::string, ExportFormat> formats{
        {"xlsx", ExportFormat::Xlsx}, {"csv", ExportFormat::Csv}, {"shp", ExportFormat::Shapefile},
        {"geojson", ExportFormat::GeoJson}};
    ExportOptions options{formats.at(format), dir, encoding};
    ProgressBar bar(!quiet && isatty(STDERR_FILENO));
    AuditOutput output = read_audit_output(gpkg_path);
    ExportResult result = export_audit(output, audit_layer_styles(output.tables), options, bar.stage("export"));
    bar.finish();
    if (quiet) return kExitOk;
    for (const auto& path : result.paths) std::cout << path << "\n";
    // What the format could not hold (e.g. Shapefile text over 254 bytes): said, never silent.
    for (const auto& w : result.warnings) std::cerr << "landaudit: warning: " << w << "\n";
    return kExitOk;
}

int check_command(const std::string& config_path) {
    AuditConfig config = load_config(config_path);
    if (!config.output_path.empty() && !is_postgis_target(config.output_path)) check_output_target(config.output_path);
    const std::string change_path = compare_change_path(config);  // refused here exactly as `run` refuses it
    ProgressBar bar(isatty(STDERR_FILENO));
    AuditInputs inputs = load_inputs(config, bar.stage("check"), ParcelLoading::Streamed);
    check_inputs(inputs, config, bar.stage("check"));  // what a run would repair, skip or not read
    bar.finish();
    std::cout << "Config " << config.config_path << " is valid.\n";
    print_inputs(std::cout, inputs);
    if (const std::string supply = describe_supply_basis(config); !supply.empty())
        std::cout << "Idle land: " << supply << "\n";
    if (!change_path.empty())
        std::cout << "Compare: " << config.compare_earlier << " (earlier) with this run's " << config.output_path
                  << " (later), written to " << change_path << "\n";
    print_diagnostic_counts(std::cout, inputs.diagnostics);
    for (const auto& d : inputs.diagnostics.items()) {
        std::cout << "  - " << d.role << " " << d.source << (d.fid >= 0 ? " feature " + std::to_string(d.fid) : "")
                  << (d.feature_id.empty() ? "" : " (" + d.feature_id + ")") << ": " << d.problem << ", "
                  << action_key(d.action) << ": " << d.detail << "\n";
        // A layer that lies away from the parks is most likely in the wrong CRS or the wrong file.
        if (d.problem == "layer_outside_parks")
            std::cerr << "landaudit: warning: [" << d.role << "] " << d.source << ": " << d.detail << "\n";
    }
    return kExitOk;
}

// A command-line value that must be a whole number in [min, max]; `rule` says so in the error.
CLI::Validator whole_number(long long min, long long max, const std::string& rule) {
    return CLI::Validator(
        [=](std::string& value) -> std::string {
            try {
                std::size_t used = 0;
                const long long n = std::stoll(value, &used);
                if (used == value.size() && n >= min && n <= max) return {};
            } catch (const std::exception&) {
            }
            return rule + ", not '" + value + "'";
        },
        std::to_string(min) + ".." + std::to_string(max));
}

}  // namespace

int main(int argc, char** argv) {
    install_interrupt_cleanup();  // Ctrl-C or kill leaves no temporary output behind
    CLI::App app{"landaudit — land-use audit of industrial parks (开发区/产业园区土地审计)"};
    app.require_subcommand(1);
    std::string config_path, out_path;
    RunOptions run_options;
    bool no_progress = false, no_report = false, quiet = false;

    CLI::App* run = app.add_subcommand("run", "Run the audit and write the GeoPackage");
    run->add_option("config", config_path, "Audit config (TOML)")->required();
    run->add_option("--out,-o", out_path, "Output GeoPackage (overrides [output] path)");
    run->add_option("--threads,-j", run_options.threads, "Worker threads (default: all cores)")
        ->check(whole_number(1, 4096, "must be a whole number from 1 to 4096"));
    run->add_option("--chunk", run_options.chunk_parcels,
                    "Parcels analysed per chunk (default 20000); any value gives the same results")
        ->check(whole_number(1, 1'000'000'000, "must be a whole number of parcels from 1 to 1000000000"));
    run->add_flag("--no-progress", no_progress, "Do not draw the progress bar");
    run->add_flag("--no-report", no_report, "Write the GeoPackage only: no QGIS project, no report");
    run->add_flag("--quiet,-q", quiet, "Print errors only");
    bool no_analysis = false;
    run->add_flag("--no-analysis", no_analysis,
                  "Read the parcels and write them back with their fields and spatial index, nothing else "
                  "(the I/O floor the bench compares the audit with)");

    std::string gpkg_path;
    CLI::App* report_cmd = app.add_subcommand("report", "Write the QGIS project and report.html for an existing output");
    report_cmd->add_option("gpkg", gpkg_path, "Output GeoPackage of an earlier run")->required();
    report_cmd->add_flag("--quiet,-q", quiet, "Print errors only");

    std::string export_format = "xlsx", export_dir, export_encoding = "UTF-8";
    CLI::App* export_cmd = app.add_subcommand("export", "Export the output's tables for Excel and other tools");
    export_cmd->add_option("gpkg", gpkg_path, "Output GeoPackage of a run")->required();
    export_cmd->add_option("dir", export_dir, "Folder to write into (created when missing)")->required();
    export_cmd->add_option("--format,-f", export_format, "xlsx, csv, shp or geojson")
        ->check(CLI::IsMember({"xlsx", "csv", "shp", "geojson"}));
    export_cmd->add_option("--encoding", export_encoding, "Shapefile .dbf encoding: UTF-8 or GBK")
        ->check(CLI::IsMember({"UTF-8", "GBK"}));
    export_cmd->add_flag("--quiet,-q", quiet, "Print errors only");

    CompareCommand compare_options;
    CLI::App* compare = app.add_subcommand("compare", "Compare two audits: changes, disposal of 批而未供 and idle land");
    compare->add_option("earlier", compare_options.earlier, "Output GeoPackage of the earlier audit")->required();
    compare->add_option("later", compare_options.later, "Output GeoPackage of the later audit")->required();
    compare->add_option("--out,-o", compare_options.out, "Change GeoPackage to write")->required();
    compare->add_option("--targets", compare_options.targets, "Monitoring targets TOML (default: rules/monitoring/targets.toml)");
    compare->add_flag("--quiet,-q", compare_options.quiet, "Print errors only");

    CLI::App* check = app.add_subcommand("check", "Validate the config and every input without running the analysis");
    check->add_option("config", config_path, "Audit config (TOML)")->required();

    CLI::App* rules = app.add_subcommand("rules", "List or show the intensity rule sets and their sources");
    rules->require_subcommand(1);
    CLI::App* rules_list = rules->add_subcommand("list", "List the built-in rule sets");
    std::string rule_name;
    CLI::App* rules_show = rules->add_subcommand("show", "Show every threshold of a rule set with its source");
    rules_show->add_option("name", rule_name, "Built-in name (e.g. kunming-2021) or path of a rule-set TOML")->required();

    static const std::set<std::string> commands{"run", "check", "report", "export", "compare", "rules"};
    if (argc > 1 && argv[1][0] != '-' && !commands.count(argv[1])) {
        std::cerr << "landaudit: error: unknown command '" << argv[1]
                  << "'\n  hint: the commands are run, check, report, export, compare and rules; see landaudit --help\n";
        return kExitUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "landaudit: error: " << e.what() << "\n  hint: see landaudit --help\n";
        return kExitUsage;
    }
    try {
        if (*run) {
            run_options.out_override = out_path;
            run_options.progress = !no_progress;
            run_options.quiet = quiet;
            run_options.deliverables = !no_report;
            run_options.analysis = !no_analysis;
            return run_command(config_path, run_options);
        }
        if (*report_cmd) return report_command(gpkg_path, quiet);
        if (*export_cmd) return export_command(gpkg_path, export_format, export_dir, export_encoding, quiet);
        if (*compare) return run_compare(compare_options, std::cout);
        if (*check) return check_command(config_path);
        if (*rules_list) return print_rules_list(std::cout);
        if (*rules_show) return print_rule_set(rule_name, std::cout);
    } catch (const AuditError& e) {
        return report(e);
    } catch (const std::exception& e) {
        std::cerr << "landaudit: internal error: " << e.what() << "\n";
        return kExitInternal;
    }
    return kExitUsage;
}
