// A packed R-tree of bounding boxes (Boost.Geometry); values are indices into the caller's vector.
#pragma once

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstddef>
#include <utility>
#include <vector>

#include "engine/geometry/geometry_ops.h"

namespace landaudit {

// Built once, then only queried: concurrent queries from several threads are safe.
class EnvelopeIndex {
public:
    EnvelopeIndex() = default;
    explicit EnvelopeIndex(const std::vector<Envelope>& boxes);

    // Indices whose box intersects `box` (touching counts), in ascending order.
    std::vector<std::size_t> query(const Envelope& box) const;
    std::size_t size() const { return m_tree.size(); }

private:
    using Point = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
    using Box = boost::geometry::model::box<Point>;
    using Value = std::pair<Box, std::size_t>;
    boost::geometry::index::rtree<Value, boost::geometry::index::rstar<16>> m_tree;
};

}  // namespace landaudit
