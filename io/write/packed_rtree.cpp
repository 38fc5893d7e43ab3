// Sort-Tile-Recursive packing of a GeoPackage rtree, written straight into the tables of SQLite's
// rtree module: "<rtree>_node" (node blobs as rtree.c lays them out: big-endian, a 4-byte header
// holding the tree depth in the root and the cell count, then cells of a 64-bit id and four
// 32-bit floats), "<rtree>_rowid" (each row's leaf) and "<rtree>_parent" (each node's parent).
#include "io/write/packed_rtree.h"

#include <ogr_geometry.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "io/write/sql_literal.h"
#include "layers/error.h"

namespace landaudit {

namespace {

struct Cell {
    std::int64_t id = 0;          // the fid in a leaf, the child's node number above
    float box[4] = {0, 0, 0, 0};  // minx, maxx, miny, maxy
};

constexpr std::size_t kCellBytes = 8 + 4 * 4;

// SQLite's rtreeValueDown / rtreeValueUp: a double to a float on the outer side of it, so that the
// single-precision box still covers the geometry (the same floats the rtree module stores).
constexpr double kTowardsZero = 1.0 - 1.0 / 8388608.0, kAwayFromZero = 1.0 + 1.0 / 8388608.0;
float round_down(double d) {
    float f = static_cast<float>(d);
    if (f > d) f = static_cast<float>(d * (d < 0 ? kAwayFromZero : kTowardsZero));
    return f;
}
float round_up(double d) {
    float f = static_cast<float>(d);
    if (f < d) f = static_cast<float>(d * (d < 0 ? kTowardsZero : kAwayFromZero));
    return f;
}

class Database {
public:
    Database(const std::string& path, std::string label) : m_label(std::move(label)) {
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            fail("cannot open the GeoPackage to build its spatial indexes");
    }
    ~Database() { sqlite3_close(m_db); }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    sqlite3* handle() const { return m_db; }
    void exec(const std::string& sql, const std::string& doing) {
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(doing);
    }
    [[noreturn]] void fail(const std::string& doing) const {
        throw AuditError(AuditError::Kind::Output,
                         m_label + ": " + doing + " (" + (m_db ? sqlite3_errmsg(m_db) : "out of memory") + ")",
                         "check that the output folder is writable and the disk is not full");
    }

private:
    std::string m_label;
    sqlite3* m_db = nullptr;
};

class Statement {
public:
    Statement(Database& db, const std::string& sql, const std::string& doing) : m_db(db), m_doing(doing) {
        if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK) db.fail(doing);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return m_stmt; }
    bool step() {  // true: a row is ready
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) m_db.fail(m_doing);
        return false;
    }
    void run_and_reset() {
        step();
        sqlite3_reset(m_stmt);
    }

private:
    Database& m_db;
    std::string m_doing;
    sqlite3_stmt* m_stmt = nullptr;
};

double read_double(const unsigned char* p, bool little_endian) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t(p[little_endian ? i : 7 - i]) << (8 * i);
    double d;
    std::memcpy(&d, &v, sizeof d);
    return d;
}

enum class Envelope { Found, NotIndexed, Unreadable };

// The envelope of a GeoPackage geometry blob: from its header when it carries one (GDAL writes
// it for every non-point geometry), else from the WKB; empty geometries are not indexed.
Envelope envelope_of(const unsigned char* blob, std::size_t size, double out[4]) {
    if (size < 8 || blob[0] != 'G' || blob[1] != 'P') return Envelope::Unreadable;
    const unsigned char flags = blob[3];
    if (flags & 0x10) return Envelope::NotIndexed;  // the empty flag
    const bool little_endian = flags & 0x01;
    static constexpr std::size_t kEnvelopeBytes[] = {0, 32, 48, 48, 64};
    const int kind = (flags >> 1) & 0x07;
    if (kind > 4) return Envelope::Unreadable;
    const std::size_t header = 8 + kEnvelopeBytes[kind];
    if (size < header) return Envelope::Unreadable;
    if (kind > 0) {
        for (int i = 0; i < 4; ++i) out[i] = read_double(blob + 8 + 8 * i, little_endian);
        return Envelope::Found;
    }
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(blob + header, nullptr, &g, size - header) != OGRERR_NONE || !g)
        return Envelope::Unreadable;
    std::unique_ptr<OGRGeometry> owned(g);
    if (owned->IsEmpty()) return Envelope::NotIndexed;
    OGREnvelope e;
    owned->getEnvelope(&e);
    out[0] = e.MinX, out[1] = e.MaxX, out[2] = e.MinY, out[3] = e.MaxY;
    return Envelope::Found;
}

// Orders `cells` Sort-Tile-Recursive: vertical slices by the x of the box centres, each sorted by
// y, cut into runs of `fanout`. Returns where each node's run starts, and the end. Ties go by id,
// so the tree is the same on every run.
std::vector<std::size_t> str_order(std::vector<Cell>& cells, std::size_t fanout) {
    const std::size_t n = cells.size();
    const std::size_t nodes = (n + fanout - 1) / fanout;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = ((n + slices - 1) / slices + fanout - 1) / fanout * fanout;
    auto by = [](int lo) {
        return [lo](const Cell& a, const Cell& b) {
            const double ca = double(a.box[lo]) + a.box[lo + 1], cb = double(b.box[lo]) + b.box[lo + 1];
            return ca != cb ? ca < cb : a.id < b.id;
        };
    };
    std::sort(cells.begin(), cells.end(), by(0));
    std::vector<std::size_t> starts;
    for (std::size_t s = 0; s < n; s += per_slice) {
        const std::size_t e = std::min(n, s + per_slice);
        std::sort(cells.begin() + static_cast<std::ptrdiff_t>(s), cells.begin() + static_cast<std::ptrdiff_t>(e), by(2));
        for (std::size_t k = s; k < e; k += fanout) starts.push_back(k);
    }
    starts.push_back(n);
    return starts;
}

void put_u16(unsigned char* p, unsigned v) {
    p[0] = static_cast<unsigned char>(v >> 8);
    p[1] = static_cast<unsigned char>(v);
}
void put_u32(unsigned char* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (24 - 8 * i));
}
void put_i64(unsigned char* p, std::int64_t v) {
    const auto u = static_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(u >> (56 - 8 * i));
}

void pack_one(Database& db, const RtreeToPack& layer) {
    const std::string rtree = "rtree_" + layer.table + "_" + layer.geometry_column;
    const std::string where = "the spatial index of layer " + layer.table;
    // SQLite sizes the nodes from the page size when it makes the table and reads that size back
    // from the root on every open: the packed nodes keep it.
    std::size_t node_bytes = 0;
    {
        Statement root(db, "SELECT length(data) FROM " + sql_identifier(rtree + "_node") + " WHERE nodeno = 1",
                       "cannot read " + where);
        if (root.step()) node_bytes = static_cast<std::size_t>(sqlite3_column_int64(root.get(), 0));
        Statement used(db, "SELECT EXISTS (SELECT 1 FROM " + sql_identifier(rtree + "_rowid") + ")", "cannot read " + where);
        if (used.step() && sqlite3_column_int(used.get(), 0) != 0) return;  // maintained by GDAL itself
    }
    const std::size_t fanout = node_bytes >= 4 ? (node_bytes - 4) / kCellBytes : 0;
    if (fanout < 2) db.fail(where + " has no usable root node");

    std::vector<Cell> level;
    {
        Statement rows(db,
                       "SELECT " + sql_identifier(layer.fid_column) + ", " + sql_identifier(layer.geometry_column) + " FROM " +
                           sql_identifier(layer.table) + " WHERE " + sql_identifier(layer.geometry_column) + " IS NOT NULL",
                       "cannot read the geometries of layer " + layer.table);
        while (rows.step()) {
            const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(rows.get(), 1));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(rows.get(), 1));
            double e[4];
            const Envelope found = envelope_of(blob, size, e);
            if (found == Envelope::NotIndexed) continue;
            if (found == Envelope::Unreadable)
                db.fail("layer " + layer.table + ", fid " + std::to_string(sqlite3_column_int64(rows.get(), 0)) +
                        ": unreadable geometry blob while building its spatial index");
            level.push_back({sqlite3_column_int64(rows.get(), 0), {round_down(e[0]), round_up(e[1]), round_down(e[2]), round_up(e[3])}});
        }
    }
    if (level.empty()) return;  // the empty root GDAL made is the right tree

    Statement node(db, "INSERT OR REPLACE INTO " + sql_identifier(rtree + "_node") + " (nodeno, data) VALUES (?, ?)",
                   "cannot write " + where);
    Statement parent(db, "INSERT INTO " + sql_identifier(rtree + "_parent") + " (nodeno, parentnode) VALUES (?, ?)",
                     "cannot write " + where);
    std::vector<std::pair<std::int64_t, std::int64_t>> leaf_of;  // (fid, leaf node)
    leaf_of.reserve(level.size());
    std::vector<unsigned char> blob(node_bytes);
    std::int64_t next_node = 2;  // 1 is the root
    for (unsigned depth = 0;; ++depth) {
        const std::vector<std::size_t> starts = str_order(level, fanout);
        const std::size_t count = starts.size() - 1;
        const bool root = count == 1;
        std::vector<Cell> above;
        above.reserve(count);
        for (std::size_t k = 0; k < count; ++k) {
            const std::int64_t number = root ? 1 : next_node++;
            std::fill(blob.begin(), blob.end(), 0);
            put_u16(blob.data(), root ? depth : 0);
            put_u16(blob.data() + 2, static_cast<unsigned>(starts[k + 1] - starts[k]));
            Cell box{number, {level[starts[k]].box[0], level[starts[k]].box[1], level[starts[k]].box[2], level[starts[k]].box[3]}};
            unsigned char* p = blob.data() + 4;
            for (std::size_t i = starts[k]; i < starts[k + 1]; ++i, p += kCellBytes) {
                const Cell& c = level[i];
                put_i64(p, c.id);
                for (int j = 0; j < 4; ++j) {
                    std::uint32_t bits;
                    std::memcpy(&bits, &c.box[j], sizeof bits);
                    put_u32(p + 8 + 4 * j, bits);
                }
                box.box[0] = std::min(box.box[0], c.box[0]), box.box[1] = std::max(box.box[1], c.box[1]);
                box.box[2] = std::min(box.box[2], c.box[2]), box.box[3] = std::max(box.box[3], c.box[3]);
                if (depth == 0) {
                    leaf_of.emplace_back(c.id, number);
                } else {
                    sqlite3_bind_int64(parent.get(), 1, c.id);
                    sqlite3_bind_int64(parent.get(), 2, number);
                    parent.run_and_reset();
                }
            }
            sqlite3_bind_int64(node.get(), 1, number);
            sqlite3_bind_blob(node.get(), 2, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
            node.run_and_reset();
            above.push_back(box);
        }
        if (root) break;
        level = std::move(above);
    }
    level = {};
    // Leaves were written in tree order; the rowid table is filled in fid order, appending to its B-tree.
    std::sort(leaf_of.begin(), leaf_of.end());
    Statement rowid(db, "INSERT INTO " + sql_identifier(rtree + "_rowid") + " (rowid, nodeno) VALUES (?, ?)",
                    "cannot write " + where);
    for (std::size_t i = 0; i < leaf_of.size(); ++i) {
        sqlite3_bind_int64(rowid.get(), 1, leaf_of[i].first);
        sqlite3_bind_int64(rowid.get(), 2, leaf_of[i].second);
        rowid.run_and_reset();
    }
}

}  // namespace

void pack_rtrees(const std::string& gpkg_path, const std::vector<RtreeToPack>& layers, const std::string& label) {
    if (layers.empty()) return;
    Database db(gpkg_path, label);
    db.exec("PRAGMA cache_size = -65536", "cannot set the page cache");  // 64 MiB while the trees are written
    db.exec("BEGIN", "cannot start a transaction");
    for (const RtreeToPack& layer : layers) {
        pack_one(db, layer);
        if (!layer.insert_trigger_sql.empty())
            db.exec(layer.insert_trigger_sql, "cannot restore the spatial index trigger of layer " + layer.table);
    }
    db.exec("COMMIT", "cannot commit the spatial indexes");
}

}  // namespace landaudit
