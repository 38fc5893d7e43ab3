// SVG path data from GEOS geometries in whole pixels.
#include "engine/deliverables/report/svg_map.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "engine/deliverables/report/report_format.h"

namespace landaudit {

namespace {

using Pixel = std::pair<long long, long long>;

void append_int(std::string& out, long long v, bool separate) {
    // Negative numbers need no separator in SVG path data: "l3 4-2 0".
    if (separate && v >= 0) out += ' ';
    out += std::to_string(v);
}

}  // namespace

SvgMapFrame::SvgMapFrame(Envelope e, int width_px, int min_height_px, int max_height_px, double margin) {
    double dx = std::max(e.maxx - e.minx, 1.0), dy = std::max(e.maxy - e.miny, 1.0);
    const double cx = (e.minx + e.maxx) / 2, cy = (e.miny + e.maxy) / 2;
    dx *= 1 + 2 * margin;
    dy *= 1 + 2 * margin;
    m_width = std::max(width_px, 10);
    m_mpp = dx / m_width;
    double h = dy / m_mpp;
    if (h > max_height_px) {  // too tall: fit the height, widen the world extent
        m_mpp = dy / max_height_px;
        h = max_height_px;
    }
    m_height = static_cast<int>(std::lround(std::max(h, static_cast<double>(min_height_px))));
    const double half_w = m_width * m_mpp / 2, half_h = m_height * m_mpp / 2;
    m_extent = {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

bool SvgMapFrame::intersects(const Envelope& e) const {
    return e.maxx >= m_extent.minx && e.minx <= m_extent.maxx && e.maxy >= m_extent.miny && e.miny <= m_extent.maxy;
}

std::string SvgMapFrame::path_data(GeosContext& ctx, const std::vector<const WkbGeometry*>& geometries) const {
    GEOSContextHandle_t h = ctx.handle();
    std::string d;
    std::set<Pixel> dots;
    std::vector<Pixel> ring;
    const double tolerance = m_mpp / 2;

    auto add_ring = [&](const GEOSGeometry* r, bool exterior) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, r);
        unsigned int n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) return;
        ring.clear();
        for (unsigned int i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
            Pixel p{std::llround((x - m_extent.minx) / m_mpp), std::llround((m_extent.maxy - y) / m_mpp)};
            if (ring.empty() || ring.back() != p) ring.push_back(p);
        }
        if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
        long long twice_area = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Pixel& a = ring[i];
            const Pixel& b = ring[(i + 1) % ring.size()];
            twice_area += a.first * b.second - b.first * a.second;
        }
        if (ring.size() < 3 || twice_area == 0) {
            if (exterior && !ring.empty()) dots.insert(ring.front());  // smaller than a pixel: still shown
            return;
        }
        // Exterior rings positive, holes negative, in pixel space.
        if ((twice_area > 0) != exterior) std::reverse(ring.begin(), ring.end());
        d += 'M' + std::to_string(ring[0].first) + ' ' + std::to_string(ring[0].second) + 'l';
        for (std::size_t i = 1; i < ring.size(); ++i) {
            append_int(d, ring[i].first - ring[i - 1].first, i > 1);
            append_int(d, ring[i].second - ring[i - 1].second, true);
        }
        d += 'z';
    };

    for (const WkbGeometry* wkb : geometries) {
        if (!wkb || wkb->is_null()) continue;
        GeomPtr g = from_wkb(ctx, *wkb);
        if (!g) {
            ctx.take_error();
            continue;
        }
        GeomPtr shown = own(ctx, GEOSTopologyPreserveSimplify_r(h, g.get(), tolerance));
        if (!shown) {
            ctx.take_error();
            shown = std::move(g);
        }
        for (const GeomPtr& poly : polygons_of(ctx, shown.get())) {
            if (GEOSisEmpty_r(h, poly.get()) == 1) continue;
            add_ring(GEOSGetExteriorRing_r(h, poly.get()), true);
            const int holes = GEOSGetNumInteriorRings_r(h, poly.get());
            for (int i = 0; i < holes; ++i) add_ring(GEOSGetInteriorRingN_r(h, poly.get(), i), false);
        }
    }
    for (const Pixel& p : dots) d += 'M' + std::to_string(p.first) + ' ' + std::to_string(p.second) + "h1v1h-1z";
    return d;
}

std::string SvgMapFrame::scale_bar(const std::string& css_class) const {
    const double target = m_width * m_mpp / 5;
    const double base = std::pow(10.0, std::floor(std::log10(target)));
    double length = base;
    for (double step : {2.0, 5.0})
        if (base * step <= target) length = base * step;
    const long long px = std::llround(length / m_mpp);
    // 1, 2 or 5 × 10ⁿ: whole kilometres from 1 km on.
    const std::string text = length >= 1000 ? format_number(length / 1000, 0) + " km" : format_number(length, 0) + " m";
    const int x = 20, y = m_height - 24;
    const long long half = px / 2;
    return "<g class=\"" + css_class + "\"><rect x=\"" + std::to_string(x - 6) + "\" y=\"" + std::to_string(y - 20) +
           "\" width=\"" + std::to_string(px + 12) + "\" height=\"34\" fill=\"#fff\" fill-opacity=\"0.8\"/>" +
           "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(half) +
           "\" height=\"6\" fill=\"#222\"/><rect x=\"" + std::to_string(x + half) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(px - half) + "\" height=\"6\" fill=\"#fff\" stroke=\"#222\"/>" +
           "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y - 5) + "\">0</text><text x=\"" +
           std::to_string(x + px) + "\" y=\"" + std::to_string(y - 5) + "\" text-anchor=\"end\">" + text +
           "</text></g>";
}

std::string SvgMapFrame::north_arrow(const std::string& label, const std::string& css_class) const {
    const int x = m_width - 36, y = 16;
    return "<g class=\"" + css_class + "\" transform=\"translate(" + std::to_string(x) + " " + std::to_string(y) +
           ")\"><path d=\"M0 0l12 34-12-8-12 8z\" fill=\"#222\"/><path d=\"M0 0v26l-12 8z\" fill=\"#fff\"/>" +
           "<path d=\"M0 0l12 34-12-8-12 8z\" fill=\"none\" stroke=\"#222\"/><text x=\"0\" y=\"50\" "
           "text-anchor=\"middle\">" + html_escape(label) + "</text></g>";
}

}  // namespace landaudit
