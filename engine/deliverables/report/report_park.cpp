// A park's section: figures, map, charts and candidates, all read from the output's layers.
#include "engine/deliverables/report/report_park.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/deliverables/report/report_charts.h"
#include "engine/deliverables/report/report_checks.h"
#include "engine/deliverables/report/report_format.h"
#include "engine/deliverables/report/report_table.h"
#include "engine/deliverables/report/svg_map.h"
#include "layers/units.h"

namespace landaudit {

namespace {

using Format = ReportColumn::Format;

Envelope merge(Envelope a, const Envelope& b) {
    return {std::min(a.minx, b.minx), std::min(a.miny, b.miny), std::max(a.maxx, b.maxx), std::max(a.maxy, b.maxy)};
}

// fill: a CSS colour, or "url(#id)" of a pattern on the page.
std::string swatch(const std::string& fill, const std::string& stroke, double opacity = 1) {
    return "<svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"20\" height=\"12\" fill=\"" +
           html_escape(fill) + "\" fill-opacity=\"" + exact_number(opacity) + "\" stroke=\"" + html_escape(stroke) +
           "\" stroke-width=\"1.5\"/></svg>";
}

std::string legend_item(const std::string& swatch_svg, const std::string& label, const std::string& code,
                        const std::string& count) {
    return "<li>" + swatch_svg + "<span>" + html_escape(label) + " <span class=\"code\">" + html_escape(code) +
           "</span>" + (count.empty() ? "" : " (" + html_escape(count) + ")") + "</span></li>";
}

// A hatch over a background: QGIS's line-pattern fill, `angle` anticlockwise from east.
std::string hatch_pattern(const std::string& id, const std::string& background, double background_opacity,
                          const std::string& line, double angle) {
    return "<pattern id=\"" + id + "\" patternUnits=\"userSpaceOnUse\" width=\"7\" height=\"7\" "
           "patternTransform=\"rotate(" + format_number(-angle, 0) + ")\"><rect width=\"7\" height=\"7\" fill=\"" +
           html_escape(background) + "\" fill-opacity=\"" + exact_number(background_opacity) +
           "\"/><line x1=\"0\" y1=\"3.5\" x2=\"7\" y2=\"3.5\" stroke=\"" + html_escape(line) +
           "\" stroke-width=\"1.6\"/></pattern>";
}

std::string empty_note(const ReportLabels& L, const char* key) {
    return "<p class=\"empty\">" + html_escape(L.label("text", key)) + "</p>";
}

bool in_park(const OutputTable& t, const OutputRow& row, const std::string& park_id) {
    return field_text(t, row, "park_id") == park_id;
}

std::string grade_chart(const ReportContext& ctx, const OutputTable& parks, const OutputRow& park, const std::string& id) {
    BarChart chart;
    ChartSeries series{ctx.labels.label("text", "grade_axis"), {}, {}};
    for (const auto& g : ctx.grade) {
        std::string field = "n_" + g.value;
        std::transform(field.begin(), field.end(), field.begin(), [](unsigned char c) { return std::tolower(c); });
        if (!parks.field_index(field)) continue;
        chart.categories.push_back(g.label == g.value ? g.value : g.label + " " + g.value);
        series.data.push_back(field_number(parks, park, field));
        series.colours.push_back(g.colour);
    }
    if (chart.categories.empty()) return empty_note(ctx.labels, "none");
    chart.series.push_back(series);
    chart.legend = false;
    chart.y_title = ctx.labels.label("text", "grade_axis");
    return chart_element(id, chart, "grades");
}

std::string idle_chart(const ReportContext& ctx, const std::string& park_id, const std::string& id) {
    const OutputTable* idle = ctx.table("idle");
    std::map<std::pair<std::string, long long>, double> mu;
    std::set<long long> years;
    std::vector<std::string> statuses;
    if (idle)
        for (const auto& row : idle->rows) {
            if (!in_park(*idle, row, park_id)) continue;
            const std::string status = field_text(*idle, row, "idle");
            const long long y = static_cast<long long>(field_number(*idle, row, "idle_years").value_or(-1));
            mu[{status, y}] += field_number(*idle, row, "area_m2").value_or(0) / kSquareMetresPerMu;
            years.insert(y);
            if (std::find(statuses.begin(), statuses.end(), status) == statuses.end()) statuses.push_back(status);
        }
    if (mu.empty()) return empty_note(ctx.labels, "no_idle");
    std::vector<std::string> ordered;
    for (const auto& c : ctx.idle)
        if (std::find(statuses.begin(), statuses.end(), c.value) != statuses.end()) ordered.push_back(c.value);
    for (const auto& s : statuses)
        if (std::find(ordered.begin(), ordered.end(), s) == ordered.end()) ordered.push_back(s);
    BarChart chart;
    for (long long y : years) chart.categories.push_back(y < 0 ? "—" : std::to_string(y));
    for (const auto& s : ordered) {
        const StyleClass c = class_of(ctx.idle, s);
        ChartSeries series{c.label + " " + s, {}, {c.colour}};
        for (long long y : years) {
            auto it = mu.find({s, y});
            series.data.push_back(it == mu.end() ? std::nullopt : std::optional<double>(it->second));
        }
        chart.series.push_back(series);
    }
    chart.stacked = true;
    chart.x_title = ctx.labels.label("text", "years_axis");
    chart.y_title = ctx.labels.label("text", "mu_axis");
    return chart_element(id, chart, "idle land by status and years");
}

std::string unsupplied_chart(const ReportContext& ctx, const std::string& park_id, const std::string& id) {
    const OutputTable* unsupplied = ctx.table("unsupplied");
    std::map<std::string, double> mu;
    if (unsupplied)
        for (const auto& row : unsupplied->rows)
            if (in_park(*unsupplied, row, park_id))
                mu[field_text(*unsupplied, row, "bucket")] += field_number(*unsupplied, row, "area_m2").value_or(0) / kSquareMetresPerMu;
    if (mu.empty()) return empty_note(ctx.labels, "no_unsupplied");
    BarChart chart;
    ChartSeries series{ctx.labels.label("text", "mu_axis"), {}, {}};
    std::vector<std::string> order;
    for (const auto& c : ctx.bucket) order.push_back(c.value);
    for (const auto& [b, v] : mu)
        if (std::find(order.begin(), order.end(), b) == order.end()) order.push_back(b);
    for (const auto& b : order) {
        auto it = mu.find(b);
        if (it == mu.end()) continue;
        const StyleClass c = class_of(ctx.bucket, b);
        chart.categories.push_back(c.label + " " + b);
        series.data.push_back(it->second);
        series.colours.push_back(c.colour);
    }
    chart.series.push_back(series);
    chart.legend = false;
    chart.x_title = ctx.labels.label("text", "bucket_axis");
    chart.y_title = ctx.labels.label("text", "mu_axis");
    return chart_element(id, chart, "unsupplied land by age bucket");
}

// One small chart per per-mu indicator: the park's value and each threshold it was checked against.
std::pair<std::string, std::string> indicator_charts(const ReportContext& ctx, const OutputTable& parks,
                                                     const OutputRow& park, const std::string& id) {
    const ReportLabels& L = ctx.labels;
    const std::vector<CheckedThreshold> checks = parse_checks(field_text(parks, park, "checks"));
    std::string charts;
    std::vector<std::string> without;
    for (const auto& ind : L.group("indicator")) {
        if (!parks.field_index(ind.key)) continue;
        const auto value = field_number(parks, park, ind.key);
        BarChart chart;
        ChartSeries series{ind.label, {}, {}};
        chart.categories.push_back(L.label("chart", "value"));
        series.data.push_back(value);
        series.colours.push_back(L.colour("chart", "value"));
        std::set<std::string> seen;
        for (const auto& c : checks) {
            if (c.indicator != ind.key || !seen.insert(c.rule_set + "/" + exact_number(c.threshold)).second) continue;
            chart.categories.push_back(c.rule_set + " " + (c.minimum ? "≥ " : "≤ ") + format_number(c.threshold, 0));
            series.data.push_back(c.threshold);
            series.colours.push_back(L.colour("chart", "threshold" + std::to_string(std::min<std::size_t>(seen.size(), 3))));
        }
        if (seen.empty()) without.push_back(ind.label + " " + ind.key);
        chart.series.push_back(series);
        chart.legend = false;
        chart.y_title = L.label("text", "indicator_axis");
        charts += "<div><p class=\"chart-title\">" + html_escape(ind.label) + " <span class=\"code\">" + html_escape(ind.key) +
                  "</span></p>" + chart_element(id + "-" + ind.key, chart, ind.label) + "</div>";
    }
    std::string note;
    if (!without.empty()) {
        std::string list;
        for (const auto& w : without) list += (list.empty() ? "" : "、") + w;
        note = "<p class=\"note\">" + html_escape(list + ": " + L.label("text", "no_threshold")) + "</p>";
    }
    return {charts, note};
}

std::string candidates_table(const ReportContext& ctx, const std::string& park_id) {
    const OutputTable* t = ctx.table("candidates");
    const ReportLabels& L = ctx.labels;
    std::vector<const OutputRow*> rows;
    if (t)
        for (const auto& row : t->rows)
            if (in_park(*t, row, park_id)) rows.push_back(&row);
    if (rows.empty()) return empty_note(L, "no_candidates");
    std::stable_sort(rows.begin(), rows.end(), [&](const OutputRow* a, const OutputRow* b) {
        return field_number(*t, *a, "rank").value_or(1e300) < field_number(*t, *b, "rank").value_or(1e300);
    });
    const std::size_t limit = static_cast<std::size_t>(std::max(1, L.setting("candidates_per_park", 25)));
    ReportTable table({field_column(*t, "rank", Format::Integer),
                       field_column(*t, "kind", Format::Text),
                       field_column(*t, "source_id", Format::Code),
                       field_column(*t, "area_mu", Format::Decimal2),
                       field_column(*t, "years", Format::Decimal2),
                       field_column(*t, "priority", Format::Decimal2),
                       field_column(*t, "detail", Format::Text)},
                      "data candidates");
    for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
        const OutputRow& r = *rows[i];
        const std::string kind = field_text(*t, r, "kind");
        table.add_row({{"", field_number(*t, r, "rank")},
                       {class_of(ctx.kind, kind).label + " " + kind},
                       {field_text(*t, r, "source_id")},
                       {"", field_number(*t, r, "area_mu")},
                       {"", field_number(*t, r, "years")},
                       {"", field_number(*t, r, "priority")},
                       {field_text(*t, r, "detail"), std::nullopt, "detail"}});
    }
    std::string out = table.html();
    if (rows.size() > limit)
        out += "<p class=\"note\">" + html_escape(shown_of_total(L.label("text", "candidates_shown"), limit, rows.size())) + "</p>";
    return out;
}

std::string figure(const std::string& label, const std::string& value) {
    return "<div><dt>" + html_escape(label) + "</dt><dd>" + html_escape(value) + "</dd></div>";
}

std::string park_figures(const ReportContext& ctx, const OutputTable& parks, const OutputRow& park) {
    auto num = [&](const char* f, double scale, int decimals) {
        auto v = field_number(parks, park, f);
        return v ? format_number(*v / scale, decimals) : std::string("—");
    };
    const ReportLabels& L = ctx.labels;
    return "<dl class=\"figures\">" + figure(L.label("header", "area_mu"), num("area_m2", kSquareMetresPerMu, 2)) +
           figure(field_alias(parks, "n_parcels", "n_parcels"), num("n_parcels", 1, 0)) +
           figure(field_alias(parks, "n_conflict", "n_conflict"), num("n_conflict", 1, 0)) +
           figure(L.label("header", "idle_mu"), num("idle_m2", kSquareMetresPerMu, 2)) +
           figure(L.label("header", "unsup_mu"), num("unsup_m2", kSquareMetresPerMu, 2)) +
           figure(field_alias(parks, "supply_pct", "supply_pct"), num("supply_pct", 1, 2)) +
           figure(field_alias(parks, "park_pass", "park_pass"),
                  L.label("pass", field_text(parks, park, "park_pass")) + " " + field_text(parks, park, "park_pass")) + "</dl>";
}

}  // namespace

RowEnvelopes row_envelopes(GeosContext& ctx, const OutputTable* table) {
    RowEnvelopes out;
    if (!table) return out;
    for (const auto& row : table->rows) {
        GeomPtr g = from_wkb(ctx, row.geometry);
        const bool ok = g && GEOSisEmpty_r(ctx.handle(), g.get()) == 0;
        if (!g) ctx.take_error();
        out.present.push_back(ok);
        out.envelopes.push_back(ok ? envelope_of(ctx, g.get()) : Envelope{});
    }
    return out;
}

ParkMap draw_park_map(GeosContext& geos, const ReportContext& ctx, const ReportGeometry& geometry,
                      std::size_t park_index, const std::string& anchor) {
    const OutputTable& parks = *ctx.table("parks");
    const OutputRow& park = parks.rows.at(park_index);
    const std::string park_id = field_text(parks, park, "park_id");
    const OutputTable* parcels = ctx.table("parcels");
    const OutputTable* conflicts = ctx.table("conflicts");
    const OutputTable* unsupplied = ctx.table("unsupplied");
    const ReportLabels& L = ctx.labels;

    GeomPtr outline = from_wkb(geos, park.geometry);
    if (!outline) geos.take_error();
    bool have_extent = outline && GEOSisEmpty_r(geos.handle(), outline.get()) == 0;
    Envelope extent = have_extent ? envelope_of(geos, outline.get()) : Envelope{};
    // The park, its parcels and its unsupplied pieces all in view.
    for (const auto& [table, envelopes] : {std::pair{parcels, &geometry.parcels}, std::pair{unsupplied, &geometry.unsupplied}}) {
        if (!table) continue;
        for (std::size_t i = 0; i < table->rows.size(); ++i)
            if (envelopes->present[i] && in_park(*table, table->rows[i], park_id)) {
                extent = have_extent ? merge(extent, envelopes->envelopes[i]) : envelopes->envelopes[i];
                have_extent = true;
            }
    }
    if (!have_extent) return {empty_note(L, "none"), ""};

    const SvgMapFrame frame(extent, L.setting("map_width", 1000), L.setting("map_min_height", 360),
                            L.setting("map_max_height", 800));
    auto visible = [&](const RowEnvelopes& envelopes, std::size_t i) {
        return envelopes.present[i] && frame.intersects(envelopes.envelopes[i]);
    };

    std::string body, legend, defs;
    // Parcels, one path per main status, in legend order.
    std::map<std::string, std::vector<const WkbGeometry*>> by_status;
    if (parcels)
        for (std::size_t i = 0; i < parcels->rows.size(); ++i)
            if (visible(geometry.parcels, i))
                by_status[field_text(*parcels, parcels->rows[i], "status")].push_back(&parcels->rows[i].geometry);
    std::vector<StyleClass> classes = ctx.status;
    for (const auto& [status, geoms] : by_status)
        if (std::none_of(classes.begin(), classes.end(), [&status = status](const StyleClass& c) { return c.value == status; }))
            classes.push_back(class_of(ctx.status, status));
    for (const auto& c : classes) {
        auto it = by_status.find(c.value);
        if (it == by_status.end()) continue;
        // The style's paint: fill, outline, and its hatch where it has one (greyscale-safe).
        std::string fill = c.colour.empty() ? "none" : c.colour;
        if (!c.hatch.empty()) {
            const std::string id = "fill-" + anchor + "-" + std::to_string(&c - classes.data());
            defs += hatch_pattern(id, fill, 1, c.hatch, c.hatch_angle);
            fill = "url(#" + id + ")";
        }
        const std::string outline = c.outline.empty() ? "#ffffff" : c.outline;
        body += "<path class=\"parcels status-" + html_escape(c.value) + "\" fill=\"" + html_escape(fill) + "\" stroke=\"" +
                html_escape(outline) + "\" stroke-width=\"0.6\" d=\"" + frame.path_data(geos, it->second) + "\"/>";
        legend += legend_item(swatch(fill, outline), c.label, c.value,
                              std::to_string(it->second.size()) + " " + L.label("text", "parcels_in_map"));
    }

    // 批而未供 pieces, then conflict pieces (not slivers), hatched over the parcels.
    if (unsupplied) {
        std::vector<const WkbGeometry*> pieces;
        for (std::size_t i = 0; i < unsupplied->rows.size(); ++i)
            if (visible(geometry.unsupplied, i) && in_park(*unsupplied, unsupplied->rows[i], park_id))
                pieces.push_back(&unsupplied->rows[i].geometry);
        if (!pieces.empty()) {
            const std::string colour = L.colour("map", "unsupplied");
            constexpr double kOpacity = 0.28;  // the parcels and holes beneath stay visible
            body += "<path class=\"unsupplied\" fill=\"" + html_escape(colour) + "\" fill-opacity=\"" + exact_number(kOpacity) + "\" stroke=\"" +
                    html_escape(colour) + "\" stroke-width=\"2\" stroke-dasharray=\"6 3\" d=\"" +
                    frame.path_data(geos, pieces) + "\"/>";
            legend += legend_item(swatch(colour, colour, kOpacity), L.label("map", "unsupplied"), "unsupplied",
                                  std::to_string(pieces.size()));
        }
    }
    if (conflicts) {
        for (const char* layer : {"redline", "farmland"}) {
            std::vector<const WkbGeometry*> pieces;
            for (std::size_t i = 0; i < conflicts->rows.size(); ++i) {
                const OutputRow& r = conflicts->rows[i];
                if (!visible(geometry.conflicts, i) || field_text(*conflicts, r, "layer") != layer ||
                    field_number(*conflicts, r, "sliver").value_or(0) != 0)
                    continue;
                const bool of_park = field_text(*conflicts, r, "subject") == "park"
                                         ? field_text(*conflicts, r, "subject_id") == park_id
                                         : in_park(*conflicts, r, park_id);
                if (of_park) pieces.push_back(&r.geometry);
            }
            if (pieces.empty()) continue;
            const std::string colour = L.colour("map", layer), id = "hatch-" + anchor + "-" + layer;
            defs += hatch_pattern(id, colour, 0.18, colour, 45);
            body += "<path class=\"conflicts " + std::string(layer) + "\" fill=\"url(#" + id + ")\" stroke=\"" +
                    html_escape(colour) + "\" stroke-width=\"1.5\" d=\"" + frame.path_data(geos, pieces) + "\"/>";
            legend += legend_item(swatch("url(#" + id + ")", colour), L.label("map", layer), std::string("conflicts ") + layer, "");
        }
    }
    if (outline) {
        const std::string colour = L.colour("map", "park");
        body += "<path class=\"park-outline\" fill=\"none\" stroke=\"" + html_escape(colour) +
                "\" stroke-width=\"3\" stroke-linejoin=\"round\" d=\"" + frame.path_data(geos, {&park.geometry}) + "\"/>";
        legend += legend_item(swatch("none", colour), L.label("map", "park"), "parks", "");
    }
    body += frame.scale_bar() + frame.north_arrow("N " + L.label("text", "grid_north"));
    const std::string svg = "<svg viewBox=\"0 0 " + std::to_string(frame.width()) + " " + std::to_string(frame.height()) +
                            "\" role=\"img\" aria-label=\"" + html_escape(field_text(parks, park, "name")) + "\">" +
                            (defs.empty() ? "" : "<defs>" + defs + "</defs>") + body + "</svg>";
    return {svg, "<ul class=\"legend\">" + legend + "</ul>"};
}

std::map<std::string, std::string> park_section_values(GeosContext& geos, const ReportContext& ctx,
                                                       const ReportGeometry& geometry, std::size_t park_index) {
    const OutputTable& parks = *ctx.table("parks");
    const OutputRow& park = parks.rows.at(park_index);
    const std::string park_id = field_text(parks, park, "park_id");
    const std::string anchor = "p" + std::to_string(park_index + 1);
    ParkMap map = draw_park_map(geos, ctx, geometry, park_index, anchor);
    auto [charts, note] = indicator_charts(ctx, parks, park, "chart-" + anchor + "-mu");
    return {{"park_anchor", anchor},
            {"park_id", html_escape(park_id)},
            {"park_name", html_escape(field_text(parks, park, "name"))},
            {"park_level", html_escape(field_text(parks, park, "level"))},
            {"park_figures", park_figures(ctx, parks, park)},
            {"map", map.svg},
            {"legend", map.legend},
            {"grade_chart", grade_chart(ctx, parks, park, "chart-" + anchor + "-grade")},
            {"idle_chart", idle_chart(ctx, park_id, "chart-" + anchor + "-idle")},
            {"unsupplied_chart", unsupplied_chart(ctx, park_id, "chart-" + anchor + "-unsupplied")},
            {"indicator_charts", charts},
            {"indicator_note", note},
            {"candidates_table", candidates_table(ctx, park_id)}};
}

}  // namespace landaudit
