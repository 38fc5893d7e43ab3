#include "engine/deliverables/project/layout_park.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "engine/deliverables/project/project_template.h"
#include "engine/deliverables/project/project_xml.h"
#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"
#include "layers/units.h"

namespace landaudit {

namespace {

constexpr double kMapMarginFraction = 0.06;
constexpr const char* kMapItemId = "park_map";  // the map item of park_layout.qpt

std::string with_thousands(const std::string& digits_and_fraction) {
    std::string sign, body = digits_and_fraction;
    if (!body.empty() && body[0] == '-') {
        sign = "-";
        body.erase(0, 1);
    }
    const auto dot = body.find('.');
    std::string whole = body.substr(0, dot), fraction = dot == std::string::npos ? "" : body.substr(dot);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
    return sign + whole + fraction;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return with_thousands(buf);
}

std::optional<double> number_of(const FieldValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

// A deterministic UUID per park and item, so the same audit gives the same project file.
std::string item_uuid(std::size_t park_index, const std::string& item) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : std::to_string(park_index) + ":" + item) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    std::uint64_t g = h * 6364136223846793005ull + 1442695040888963407ull;
    char buf[64];
    std::snprintf(buf, sizeof buf, "{%08x-%04x-4%03x-8%03x-%012llx}", static_cast<unsigned>(h >> 32),
                  static_cast<unsigned>((h >> 16) & 0xffff), static_cast<unsigned>(h & 0xfff),
                  static_cast<unsigned>((g >> 52) & 0xfff), static_cast<unsigned long long>(g & 0xffffffffffffull));
    return buf;
}

double size_component(const std::string& size, int index) {
    // QGIS writes sizes as "W,H,mm".
    const auto comma = size.find(',');
    try {
        return std::stod(index == 0 ? size.substr(0, comma) : size.substr(comma + 1));
    } catch (const std::exception&) {
        return 0;
    }
}

std::string field_text(const OutputTable& parks, const OutputRow& row, const std::string& field) {
    const auto i = parks.field_index(field);
    return i ? value_as_text(row.values[*i]) : std::string();
}

std::string figure_value(const OutputTable& parks, const OutputRow& row, const std::string& fields,
                         const std::string& format) {
    std::string out;
    std::size_t start = 0;
    while (start <= fields.size()) {
        const auto slash = fields.find('/', start);
        std::string field = fields.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        field.erase(0, field.find_first_not_of(' '));
        field.erase(field.find_last_not_of(' ') + 1);
        const auto i = parks.field_index(field);
        if (!out.empty()) out += " / ";
        out += format_figure(i ? row.values[*i] : FieldValue{}, format);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return out;
}

// Every park's envelope; a park without a readable geometry gets the envelope of all parks.
std::vector<std::optional<Envelope>> park_envelopes(const OutputTable& parks) {
    GeosContext ctx;
    std::vector<std::optional<Envelope>> boxes;
    for (const auto& row : parks.rows) {
        GeomPtr g = row.geometry.is_null() ? GeomPtr(nullptr, GeomDeleter{ctx.handle()}) : from_wkb(ctx, row.geometry);
        if (g && !GEOSisEmpty_r(ctx.handle(), g.get())) boxes.emplace_back(envelope_of(ctx, g.get()));
        else boxes.emplace_back(std::nullopt);
    }
    return boxes;
}

Envelope union_of(const std::vector<std::optional<Envelope>>& boxes) {
    std::optional<Envelope> all;
    for (const auto& b : boxes) {
        if (!b) continue;
        if (!all) all = *b;
        all->minx = std::min(all->minx, b->minx);
        all->miny = std::min(all->miny, b->miny);
        all->maxx = std::max(all->maxx, b->maxx);
        all->maxy = std::max(all->maxy, b->maxy);
    }
    return all ? *all : Envelope{0, 0, 1000, 1000};
}

std::string coordinate(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

struct MapLayerEntry {
    const ProjectLayer* layer;
    std::string legend_title;
};

std::vector<MapLayerEntry> park_map_layers(const std::vector<ProjectGroup>& groups, const std::string& spec) {
    std::vector<MapLayerEntry> entries;
    for (const auto& cells : read_line_table(spec, 1, "park_map_layers.txt")) {
        const ProjectLayer* layer = find_project_layer(groups, cells[0]);
        if (!layer || layer->table->geometry == OutputGeometry::None) continue;
        entries.push_back({layer, cells.size() > 1 && !cells[1].empty() ? cells[1] : layer->name});
    }
    return entries;
}

std::string map_layers_xml(const std::vector<MapLayerEntry>& entries) {
    std::string xml;
    for (const auto& e : entries)
        xml += "      <Layer source=\"" + xml_escape(e.layer->datasource) + "\" provider=\"ogr\" name=\"" +
               xml_escape(e.layer->name) + "\">" + xml_escape(e.layer->id) + "</Layer>\n";
    return xml;
}

std::string legend_layers_xml(const std::vector<MapLayerEntry>& entries) {
    std::string xml;
    for (const auto& e : entries)
        xml += "      <layer-tree-layer id=\"" + xml_escape(e.layer->id) + "\" name=\"" + xml_escape(e.layer->name) +
               "\" source=\"" + xml_escape(e.layer->datasource) +
               "\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\" legend_exp=\"\" patch_size=\"-1,-1\" "
               "legend_split_behavior=\"0\">\n        <customproperties>\n          <Option type=\"Map\">\n"
               "            <Option name=\"legend/title-label\" value=\"" +
               xml_escape(e.legend_title) +
               "\" type=\"QString\"/>\n          </Option>\n        </customproperties>\n      </layer-tree-layer>\n";
    return xml;
}

// change_row: the park's row of park_change (in `park_change`), or null.
std::string figure_rows_xml(const OutputTable& parks, const OutputRow& row, const std::string& spec,
                            const std::string& row_template, const OutputTable* park_change,
                            const OutputRow* change_row) {
    static const std::string kChange = "change:";
    std::string xml;
    for (const auto& cells : read_line_table(spec, 3, "park_figures.txt")) {
        const bool of_change = cells[1].rfind(kChange, 0) == 0;
        if (of_change && !change_row) continue;
        const std::string value = of_change ? figure_value(*park_change, *change_row, cells[1].substr(kChange.size()), cells[2])
                                            : figure_value(parks, row, cells[1], cells[2]);
        xml += fill_template(row_template, {{"label", xml_escape(cells[0])}, {"value", xml_escape(value)}},
                             "park_figure_row.xml");
    }
    return xml;
}

const OutputRow* row_of_park(const OutputTable* table, const std::string& park_id) {
    if (!table || park_id.empty()) return nullptr;
    for (const auto& row : table->rows)
        if (field_text(*table, row, "park_id") == park_id) return &row;
    return nullptr;
}

// File names of the layers' main files (the records that counted features), in run order.
std::string source_files(const RunInfo& info) {
    std::string out;
    std::set<std::string> seen;
    for (const auto& input : info.inputs) {
        if (input.features < 0) continue;
        const std::string name = std::filesystem::path(input.path).filename().string();
        if (name.empty() || !seen.insert(name).second) continue;
        out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? "—" : out;
}

std::string rule_sets(const RunInfo& info) {
    std::string out;
    for (const auto& input : info.inputs)
        if (input.role == "rule_set" && !input.name.empty()) out += (out.empty() ? "" : ", ") + input.name;
    return out.empty() ? "—" : out;
}

std::string readable_time(std::string iso) {
    if (iso.empty()) return "—";
    std::replace(iso.begin(), iso.end(), 'T', ' ');
    return iso;
}

// The smallest round scale denominator ≥ scale, as printed maps use.
double round_scale_at_least(double scale) {
    static constexpr double kSteps[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    const double decade = std::pow(10.0, std::floor(std::log10(scale)));
    for (double step : kSteps)
        if (step * decade >= scale * (1 - 1e-9)) return step * decade;
    return 10 * decade;
}

}  // namespace

Envelope fitted_map_extent(const Envelope& bbox, double item_width_mm, double item_height_mm,
                           double margin_fraction) {
    double w = std::max(bbox.maxx - bbox.minx, 1.0), h = std::max(bbox.maxy - bbox.miny, 1.0);
    const double margin = std::max(w, h) * margin_fraction;
    w += 2 * margin;
    h += 2 * margin;
    const double aspect = item_width_mm > 0 && item_height_mm > 0 ? item_width_mm / item_height_mm : w / h;
    if (w / h < aspect) w = h * aspect;
    else h = w / aspect;
    if (item_width_mm > 0) {
        const double scale = w / (item_width_mm / 1000.0);
        w = round_scale_at_least(scale) * item_width_mm / 1000.0;
        h = w / aspect;
    }
    const double cx = (bbox.minx + bbox.maxx) / 2, cy = (bbox.miny + bbox.maxy) / 2;
    return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

std::string format_figure(const FieldValue& value, const std::string& format) {
    const auto v = number_of(value);
    if (!v) {
        const auto* text = std::get_if<std::string>(&value);
        return text && !text->empty() ? *text : "—";
    }
    if (format == "mu") return fixed(*v / kSquareMetresPerMu, 2);
    if (format == "m2") return fixed(*v, 0);
    if (format == "pct") return fixed(*v, 2);
    if (format == "count") return fixed(std::round(*v), 0);
    throw AuditError(AuditError::Kind::Config,
                     "styles/project/park_figures.txt: unknown format \"" + format + "\"",
                     "use mu, m2, pct or count");
}

std::string compose_park_layouts(const AuditOutput& output, const std::vector<ProjectGroup>& groups,
                                 const std::map<std::string, std::string>& templates,
                                 const OutputTable* park_change) {
    const OutputTable* parks = output.table("parks");
    if (!parks) return {};
    const std::string layout = without_xml_comments(project_template(templates, "park_layout.qpt"));
    const std::string& row_template = project_template(templates, "park_figure_row.xml");
    const std::string& figures = project_template(templates, "park_figures.txt");
    const auto entries = park_map_layers(groups, project_template(templates, "park_map_layers.txt"));

    const auto size = attribute_of_element_with(layout, "id", kMapItemId, "size", "styles/project/park_layout.qpt");
    if (!size)
        throw AuditError(AuditError::Kind::Config,
                         "styles/project/park_layout.qpt has no map item with id=\"park_map\" and a size");
    const double map_w = size_component(*size, 0), map_h = size_component(*size, 1);

    const auto boxes = park_envelopes(*parks);
    const Envelope all = union_of(boxes);
    const RunInfo& info = output.run_info;

    std::map<std::string, std::string> common{
        {"as_of", xml_escape(info.as_of.empty() ? "—" : info.as_of)},
        {"engine_version", xml_escape(info.engine_version.empty() ? "—" : info.engine_version)},
        {"run_started", xml_escape(readable_time(info.started))},
        {"run_finished", xml_escape(readable_time(info.finished))},
        {"audit_name", xml_escape(info.audit_name)},
        {"working_crs", xml_escape(output.crs_authid.empty() ? info.working_crs_name : output.crs_authid)},
        {"sources", xml_escape(source_files(info))},
        {"rule_sets", xml_escape(rule_sets(info))},
        {"map_layers", map_layers_xml(entries)},
        {"legend_layers", legend_layers_xml(entries)},
    };
    const std::vector<std::string> placeholders = template_placeholders(layout);

    std::string xml;
    std::set<std::string> layout_names;
    for (std::size_t p = 0; p < parks->rows.size(); ++p) {
        const OutputRow& row = parks->rows[p];
        const std::string park_id = field_text(*parks, row, "park_id");
        std::string name = field_text(*parks, row, "name");
        std::string layout_name = name.empty() ? park_id : name;
        if (!layout_names.insert(layout_name).second) {
            layout_name += " (" + (park_id.empty() ? std::to_string(p + 1) : park_id) + ")";
            layout_names.insert(layout_name);
        }
        const Envelope extent = fitted_map_extent(boxes[p].value_or(all), map_w, map_h, kMapMarginFraction);

        auto values = common;
        values["layout_name"] = xml_escape(layout_name);
        values["park_id"] = xml_escape(park_id);
        values["park_name"] = xml_escape(name.empty() ? park_id : name);
        values["park_level"] = xml_escape(field_text(*parks, row, "level"));
        values["map_xmin"] = coordinate(extent.minx);
        values["map_ymin"] = coordinate(extent.miny);
        values["map_xmax"] = coordinate(extent.maxx);
        values["map_ymax"] = coordinate(extent.maxy);
        values["figure_rows"] =
            figure_rows_xml(*parks, row, figures, row_template, park_change, row_of_park(park_change, park_id));
        for (const auto& placeholder : placeholders)
            if (placeholder.rfind("uuid_", 0) == 0) values[placeholder] = item_uuid(p, placeholder);
        xml += fill_template(layout, values, "park_layout.qpt");
        xml += "\n";
    }
    return xml;
}

}  // namespace landaudit
