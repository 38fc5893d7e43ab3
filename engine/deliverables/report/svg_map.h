// A map drawn as inline SVG: a frame from world metres to whole pixels, and paths that group
// many polygons into one <path> each, simplified to half a pixel for display only (the figures
// are never computed from these shapes), so tens of thousands of parcels stay a small file.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geometry_ops.h"
#include "layers/geometry_blob.h"

namespace landaudit {

class SvgMapFrame {
public:
    // extent: the world rectangle to show (metres, y north), grown by `margin` (a fraction) and
    // then to the frame's aspect: width_px wide, between min_height_px and max_height_px high.
    SvgMapFrame(Envelope extent, int width_px, int min_height_px, int max_height_px, double margin = 0.03);

    int width() const { return m_width; }
    int height() const { return m_height; }
    double metres_per_pixel() const { return m_mpp; }
    const Envelope& extent() const { return m_extent; }
    bool intersects(const Envelope& e) const;

    // Path data ("M…l…z") of every polygon of the geometries: topology-preserving simplified with
    // a tolerance of half a pixel, rounded to whole pixels, exterior rings and holes wound
    // opposite ways (fill-rule nonzero keeps holes open); polygons smaller than a pixel become
    // one-pixel squares, each pixel once. Null or unreadable geometries are skipped.
    std::string path_data(GeosContext& ctx, const std::vector<const WkbGeometry*>& geometries) const;

    // A scale bar of a round length (1, 2 or 5 × 10ⁿ m) about a fifth of the width, bottom left.
    std::string scale_bar(const std::string& css_class = "scale-bar") const;
    // A north arrow, top right; the frame's y axis is grid north of the working CRS.
    std::string north_arrow(const std::string& label, const std::string& css_class = "north-arrow") const;

private:
    Envelope m_extent;
    int m_width = 0, m_height = 0;
    double m_mpp = 1;
};

}  // namespace landaudit
