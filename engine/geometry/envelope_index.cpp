// Packed R-tree construction and queries.
#include "engine/geometry/envelope_index.h"

#include <algorithm>
#include <iterator>

namespace landaudit {

EnvelopeIndex::EnvelopeIndex(const std::vector<Envelope>& boxes) {
    std::vector<Value> values;
    values.reserve(boxes.size());
    for (std::size_t i = 0; i < boxes.size(); ++i)
        values.emplace_back(Box(Point(boxes[i].minx, boxes[i].miny), Point(boxes[i].maxx, boxes[i].maxy)), i);
    // The range constructor uses the packing algorithm: a better tree than one-by-one inserts.
    m_tree = decltype(m_tree)(values.begin(), values.end());
}

std::vector<std::size_t> EnvelopeIndex::query(const Envelope& box) const {
    std::vector<Value> hits;
    Box q(Point(box.minx, box.miny), Point(box.maxx, box.maxy));
    m_tree.query(boost::geometry::index::intersects(q), std::back_inserter(hits));
    std::vector<std::size_t> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.push_back(h.second);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace landaudit
