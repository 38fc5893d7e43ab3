// The buildings and an R*Tree of their boxes in a temporary SQLite file.
#include "io/spill/building_spill.h"

#include <algorithm>
#include <cmath>

#include "layers/error.h"

namespace landaudit {

namespace {

constexpr std::size_t kRowsPerTransaction = 200000;

#define LANDAUDIT_BUILDING_COLUMNS "seq, fid, id, floors, height_m, kind, geometry"

Building read_building(const SpillStatement& s) {
    Building b;
    b.fid = s.integer(1);
    b.id = s.text(2);
    b.floors = s.optional_real(3);
    b.height_m = s.optional_real(4);
    b.kind = s.text(5);
    b.geometry.bytes = s.blob(6);
    return b;
}

}  // namespace

BuildingSpill::BuildingSpill(const std::string& output_path) : m_db(output_path, "buildings layer") {
    // seq is the layer order. SQLite's R*Tree keeps coordinates as 32-bit floats, rounding each box
    // outwards: a query may return a building that only nearly meets, never miss one.
    m_db.exec("CREATE TABLE buildings(seq INTEGER PRIMARY KEY, fid INTEGER NOT NULL, id TEXT NOT NULL, "
              "floors REAL, height_m REAL, kind TEXT NOT NULL, geometry BLOB);"
              "CREATE VIRTUAL TABLE building_boxes USING rtree(seq, minx, maxx, miny, maxy);",
              "cannot create its tables");
    m_insert = std::make_unique<SpillStatement>(
        m_db, "INSERT INTO buildings(" LANDAUDIT_BUILDING_COLUMNS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    m_insert_box = std::make_unique<SpillStatement>(
        m_db, "INSERT INTO building_boxes(seq, minx, maxx, miny, maxy) VALUES(?1, ?2, ?3, ?4, ?5)");
}

BuildingSpill::~BuildingSpill() = default;

void BuildingSpill::add(const Building& b, const BoundingBox& box) {
    if (m_sealed) throw AuditError(AuditError::Kind::Internal, "buildings: one added after the store was sealed");
    if (!std::isfinite(box.minx) || !std::isfinite(box.miny) || !std::isfinite(box.maxx) || !std::isfinite(box.maxy))
        throw AuditError(AuditError::Kind::Internal, "building " + b.id + " has a non-finite bounding box");
    const auto seq = static_cast<long long>(m_size);
    SpillStatement& s = *m_insert;
    s.bind(1, seq);
    s.bind(2, b.fid);
    s.bind(3, b.id);
    s.bind(4, b.floors);
    s.bind(5, b.height_m);
    s.bind(6, b.kind);
    s.bind(7, b.geometry.bytes);
    s.run();
    SpillStatement& r = *m_insert_box;
    r.bind(1, seq);
    r.bind(2, box.minx);
    r.bind(3, box.maxx);
    r.bind(4, box.miny);
    r.bind(5, box.maxy);
    r.run();
    ++m_size;
    if (++m_pending == kRowsPerTransaction) {
        m_db.commit("cannot write to it");
        m_pending = 0;
    }
}

void BuildingSpill::seal() {
    if (m_sealed) return;
    m_db.commit("cannot write to it");
    m_insert.reset();
    m_insert_box.reset();
    m_near = std::make_unique<SpillStatement>(
        m_db, "SELECT seq FROM building_boxes WHERE minx <= ?3 AND maxx >= ?1 AND miny <= ?4 AND maxy >= ?2");
    m_by_seq = std::make_unique<SpillStatement>(
        m_db, "SELECT " LANDAUDIT_BUILDING_COLUMNS " FROM buildings WHERE seq = ?1");
    m_sealed = true;
}

void BuildingSpill::require_sealed(const char* doing) const {
    if (!m_sealed) throw AuditError(AuditError::Kind::Internal, std::string("buildings: ") + doing + " before the store was sealed");
}

void BuildingSpill::for_each_near(const std::vector<BoundingBox>& boxes, const BuildingFn& fn) {
    require_sealed("read");
    std::vector<long long> seqs;
    for (const BoundingBox& box : boxes) {
        SpillStatement& s = *m_near;
        s.bind(1, box.minx);
        s.bind(2, box.miny);
        s.bind(3, box.maxx);
        s.bind(4, box.maxy);
        while (s.step()) seqs.push_back(s.integer(0));
        s.reset();
    }
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    // In seq order: the table's B-tree is read front to back.
    SpillStatement& s = *m_by_seq;
    for (long long seq : seqs) {
        s.bind(1, seq);
        if (s.step()) fn(static_cast<std::size_t>(seq), read_building(s));
        s.reset();
    }
}

void BuildingSpill::for_each(const BuildingFn& fn) {
    require_sealed("read");
    SpillStatement all(m_db, "SELECT " LANDAUDIT_BUILDING_COLUMNS " FROM buildings ORDER BY seq");
    while (all.step()) fn(static_cast<std::size_t>(all.integer(0)), read_building(all));
}

}  // namespace landaudit
