// Console tables: inputs, per-park compliance in m² and 亩, diagnostics counts.
#include "cli/console_summary.h"

#include "engine/redevelopment/supply_status.h"

#include <iomanip>

#include <cstdio>
#include <map>
#include <optional>

namespace landaudit {

namespace {

constexpr double kSquareMetresPerMu = 2000.0 / 3.0;

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string area(double m2) { return fmt("%.1f", m2) + " m² (" + fmt("%.2f", m2 / kSquareMetresPerMu) + " 亩)"; }

// 标准地: how many contract parcels stand where at as_of.
void print_standard_land(std::ostream& out, const AuditConfig& config, const ParcelTotals& totals) {
    std::map<std::string, std::size_t> statuses = totals.standard_land_statuses;
    if (statuses.empty()) return;
    std::size_t n = 0;
    for (const auto& [status, count] : statuses) n += count;
    out << "\n标准地 (standard land) at " << config.as_of.value_or("?") << ": " << n << " parcels with a contract: short "
        << statuses["short"] << " (STD_SHORT), met " << statuses["met"] << ", not yet due " << statuses["not_yet_due"]
        << ", unknown " << statuses["unknown"] << " (layer standard_land)\n";
}

// 星级园区: parks at each band against the band's target, then each park's rating and what stopped it.
void print_stars(std::ostream& out, const AuditInputs& in, const IntensityResult& m) {
    std::size_t set_index = 0;
    for (const RuleSet& rules : in.rule_sets) {
        if (rules.method != RuleSet::Method::Stars) continue;
        out << "\nStar-rated parks (" << rules.name << "):";
        for (const StarTally& t : tally_stars(rules, stars_of_parks(m, set_index))) {
            if (t.stars > 0) {
                out << " " << t.band << " " << t.parks;
                if (t.target) out << " of " << *t.target << (t.target_year ? " by " + std::to_string(*t.target_year) : "");
                out << ";";
            } else {
                out << " " << (t.stars == 0 ? "below every band" : "NA") << " " << t.parks << (t.stars == 0 ? ";" : "\n");
            }
        }
        for (std::size_t k = 0; k < in.parks.size() && k < m.parks.size(); ++k) {
            if (set_index >= m.parks[k].stars.size()) continue;
            const StarRating& r = m.parks[k].stars[set_index];
            out << "  " << in.parks[k].id << ": " << (r.stars ? std::to_string(*r.stars) + " stars" : std::string("NA"));
            for (const StarBandVerdict& b : r.bands) {
                if (b.result == "PASS") continue;
                std::string failed, unknown;
                for (const CheckVerdict& c : b.checks) {
                    if (c.passed) continue;
                    std::string& ids = c.value ? failed : unknown;
                    ids += (ids.empty() ? "" : ", ") + c.threshold_id;
                }
                out << " — " << b.band << " " << b.result << (failed.empty() ? "" : " (failed: " + failed + ")")
                    << (unknown.empty() ? "" : " (unknown: " + unknown + ")");
                break;  // the band that stopped the climb
            }
            out << "\n";
        }
        ++set_index;
    }
}

}  // namespace

void print_inputs(std::ostream& out, const AuditInputs& in) {
    out << "Working CRS: " << in.working_crs_name << " — areas are planar in it; area_e_m2 is ellipsoidal (CGCS2000)\n";
    out << "Inputs:\n";
    for (const auto& [role, p] : in.provenance) {
        out << "  " << role_label(role) << " (" << role_key(role) << "): " << p.label << "\n"
            << "      " << p.features_read << " features, " << p.source_crs;
        if (!p.encoding.empty()) out << ", encoding " << p.encoding;
        out << "\n";
    }
}

void print_diagnostic_counts(std::ostream& out, const Diagnostics& diagnostics) {
    out << "Data problems: " << diagnostics.count(DiagnosticAction::Repaired) << " repaired, "
        << diagnostics.count(DiagnosticAction::Skipped) << " skipped, "
        << diagnostics.count(DiagnosticAction::Reported) << " reported\n";
    for (const auto& [key, n] : diagnostics.counts_by_problem()) out << "  " << key << ": " << n << "\n";
}

void print_run_summary(std::ostream& out, const AuditConfig& config, const AuditInputs& in,
                       const AuditResult& result) {
    if (!config.name.empty()) out << "== " << config.name << " ==\n";
    print_inputs(out, in);
    // Which supply information idle land and 批而未供 were judged by (date field, flag or [supplied]).
    if (const std::string supply = describe_supply_basis(config); !supply.empty()) out << "Idle land: " << supply << "\n";
    out << "\nParks (red line = 生态保护红线, farmland = 永久基本农田; slivers < " << config.min_overlap_m2
        << " m² are not conflicts):\n";
    const auto& parks = result.compliance.parks;
    for (std::size_t k = 0; k < in.parks.size(); ++k) {
        const Park& p = in.parks[k];
        const ParkCompliance& c = parks[k];
        out << "  " << p.id << " " << p.name << (p.level.empty() ? "" : " [" + p.level + "]") << "\n"
            << "      area      " << area(c.area_m2) << ", ellipsoidal " << fmt("%.1f", c.area_e_m2) << " m²\n"
            << "      red line  " << area(c.red_m2) << " = " << fmt("%.3f", c.area_m2 > 0 ? 100 * c.red_m2 / c.area_m2 : 0) << " %\n"
            << "      farmland  " << area(c.farm_m2) << " = " << fmt("%.3f", c.area_m2 > 0 ? 100 * c.farm_m2 / c.area_m2 : 0) << " %\n"
            << "      parcels   " << c.n_parcels << ", of which " << c.n_conflict << " in conflict\n";
    }
    const IntensityResult& m = result.intensity;
    if (!in.rule_sets.empty()) {
        std::string names;
        for (const auto& rs : in.rule_sets) names += (names.empty() ? "" : ", ") + rs.name;
        out << "\nIntensity (亩均) " << m.year << ", rule sets: " << names << "\n";
        for (std::size_t k = 0; k < in.parks.size(); ++k) {
            const ParkIntensity& p = m.parks[k];
            auto value = [&](const char* code, const char* format) {
                auto v = p.indicators.get(code);
                return v ? fmt(format, *v) : std::string("—");
            };
            auto count = [&](const char* grade) {
                auto it = p.grade_counts.find(grade);
                return std::to_string(it == p.grade_counts.end() ? 0 : it->second);
            };
            out << "  " << in.parks[k].id << ": " << p.pass << "  inv " << value("inv_mu", "%.1f") << ", out "
                << value("out_mu", "%.1f") << ", tax " << value("tax_mu", "%.1f") << " 万元/亩; FAR "
                << value("far", "%.2f") << "; grades A " << count("A") << ", B " << count("B") << ", C " << count("C")
                << ", D " << count("D") << ", NA " << count("NA") << "\n";
        }
        out << "  " << result.totals.low_efficiency << " parcels LOW_EFFICIENCY, " << result.totals.exit_warning
            << " with EXIT_WARNING\n";
    }
    print_standard_land(out, config, result.totals);
    print_stars(out, in, m);
    const RedevelopmentResult& d = result.redevelopment;
    if (d.idle_evaluated || d.unsupplied_evaluated) {
        out << "\nLand for redevelopment at " << config.as_of.value_or("?") << ":\n";
        if (d.idle_evaluated) {
            std::map<std::string, std::size_t> statuses = result.totals.idle_statuses;
            out << "  idle land (闲置土地):";
            for (const char* s : {"idle_1y", "idle_2y", "gov_delay", "suspect", "not_supplied", "unknown"})
                out << " " << s << " " << statuses[s];
            out << "\n";
        }
        for (std::size_t k = 0; k < in.parks.size(); ++k) {
            const ParkRedevelopment& p = d.parks[k];
            out << "  " << in.parks[k].id << ":";
            if (p.approved_m2)
                out << " approved " << area(*p.approved_m2) << ", unsupplied (批而未供) " << area(p.unsupplied_m2.value_or(0))
                    << ", supply ratio " << fmt("%.1f", p.supply_pct.value_or(0)) << " %;";
            if (p.idle_m2) out << " idle " << area(*p.idle_m2) << ";";
            std::size_t n = 0;
            for (const auto& [kind, count] : p.candidates) n += count;
            out << " " << n << " candidates\n";
        }
    }
    const ParcelTotals& t = result.totals;
    out << "\nParcels: " << t.audited << " audited; " << t.red << " on red line, " << t.farm << " on farmland, "
        << t.outside << " not wholly inside a park (" << t.no_park << " in no park)\n";
    print_diagnostic_counts(out, in.diagnostics);
}

void print_written_files(std::ostream& out, const std::vector<OutputTable>& tables,
                         const std::vector<std::size_t>& row_counts, const WrittenFiles& files, double seconds) {
    out << "\nDone in " << std::fixed << std::setprecision(1) << seconds << " s. Written:\n";
    if (!files.geopackage.empty()) out << "  GeoPackage:   " << files.geopackage << "\n     ";
    if (!files.postgis.empty()) out << "  PostGIS:      " << files.postgis << "\n     ";
    for (std::size_t i = 0; i < tables.size(); ++i)
        out << " " << tables[i].name << " " << (i < row_counts.size() ? row_counts[i] : tables[i].rows.size());
    out << "\n";
    if (!files.project.empty()) out << "  QGIS project: " << files.project << "\n";
    if (!files.report.empty()) out << "  Report:       " << files.report << "\n";
}

}  // namespace landaudit
