// Tests for the packed GeoPackage R-tree: written by the GeopackageStream, it passes SQLite's own
// integrity check, holds exactly the boxes SQLite's rtree module stores for the same envelopes,
// answers window queries as those boxes do, and GDAL keeps it up when a feature is added later.
#include "io/write/packed_rtree.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "io/gdal_session.h"
#include "io/write/geopackage_stream.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

struct Box {
    double minx, maxx, miny, maxy;
};

// Rectangles scattered over 20 km in zone 34 (eastings near 34.5 million m, where a float's step is
// 4 m, so the rounding of the R-tree's single-precision boxes matters), sizes 1 m to 300 m.
std::vector<Box> scattered_boxes(int n) {
    std::vector<Box> boxes;
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    };
    for (int i = 0; i < n; ++i) {
        const double x = 34500000 + 20000 * next() + 0.123, y = 2760000 + 20000 * next() + 0.456;
        boxes.push_back({x, x + 1 + 299 * next(), y, y + 1 + 299 * next()});
    }
    return boxes;
}

WkbGeometry rectangle(const Box& b) {
    OGRLinearRing ring;
    ring.addPoint(b.minx, b.miny);
    ring.addPoint(b.maxx, b.miny);
    ring.addPoint(b.maxx, b.maxy);
    ring.addPoint(b.minx, b.maxy);
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing(&ring);
    WkbGeometry out;
    out.bytes.resize(polygon.WkbSize());
    polygon.exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
    return out;
}

OutputTable boxes_schema(const std::string& name) {
    OutputTable t{name, "", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("n", FieldType::Integer, "");
    return t;
}

class Sqlite {
public:
    explicit Sqlite(const std::string& path) { EXPECT_EQ(sqlite3_open(path.c_str(), &m_db), SQLITE_OK); }
    ~Sqlite() { sqlite3_close(m_db); }
    void exec(const std::string& sql) { ASSERT_EQ(sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(m_db) << "\n" << sql; }
    // Every row of a query, each value as text.
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        std::vector<std::vector<std::string>> out;
        sqlite3_stmt* s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(m_db) << "\n" << sql;
        while (s && sqlite3_step(s) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(s); ++i) {
                const auto* text = sqlite3_column_text(s, i);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
            }
            out.push_back(row);
        }
        sqlite3_finalize(s);
        return out;
    }
    std::string one(const std::string& sql) {
        const auto r = rows(sql);
        return r.empty() || r[0].empty() ? "(no row)" : r[0][0];
    }

private:
    sqlite3* m_db = nullptr;
};

class PackedRtreeTest : public ::testing::Test {
protected:
    void SetUp() override {
        ensure_gdal();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-rtree-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Writes `counts[i]` scattered rectangles to layer "boxes<i>", a row without geometry after the
    // first of them, and returns the path.
    std::string write(const std::vector<int>& counts) {
        const std::string path = (m_dir / "out.gpkg").string();
        GeopackageStream stream(path, "EPSG:4522", {});
        for (std::size_t l = 0; l < counts.size(); ++l) {
            const std::size_t layer = stream.add_layer(boxes_schema("boxes" + std::to_string(l)));
            const std::vector<Box> boxes = scattered_boxes(counts[l]);
            std::vector<OutputRow> rows;
            for (std::size_t i = 0; i < boxes.size(); ++i) {
                rows.push_back({rectangle(boxes[i]), {static_cast<long long>(i)}});
                if (i == 0) rows.push_back({WkbGeometry{}, {-1LL}});  // no geometry: not indexed
                if (rows.size() == 700) stream.append(layer, std::exchange(rows, {}));  // several batches
            }
            stream.append(layer, std::move(rows));
        }
        stream.finish({}, nullptr);
        return path;
    }

    fs::path m_dir;
};

TEST_F(PackedRtreeTest, HoldsTheBoxesSqliteWouldAndPassesItsIntegrityCheck) {
    const std::string path = write({3000});  // 3000 > 51 × 51: a tree of three levels
    Sqlite db(path);
    EXPECT_EQ(db.one("SELECT rtreecheck('rtree_boxes0_geom')"), "ok");
    EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes0_geom"), "3000") << "every row with a geometry, not the one without";
    EXPECT_EQ(db.one("SELECT hex(substr(data, 1, 2)) FROM rtree_boxes0_geom_node WHERE nodeno = 1"), "0002") << "depth 2";

    // The reference: SQLite's rtree module given the same envelopes row by row (as GDAL's trigger
    // does), in the same file so that it has the same node size.
    db.exec("CREATE VIRTUAL TABLE reference USING rtree(id, minx, maxx, miny, maxy)");
    const std::vector<Box> boxes = scattered_boxes(3000);
    db.exec("BEGIN");
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        char sql[256];
        // fid 1 is the first box, 2 the row without geometry, then the others.
        std::snprintf(sql, sizeof sql, "INSERT INTO reference VALUES (%zu, %.17g, %.17g, %.17g, %.17g)", i == 0 ? 1 : i + 2,
                      boxes[i].minx, boxes[i].maxx, boxes[i].miny, boxes[i].maxy);
        db.exec(sql);
    }
    db.exec("COMMIT");
    EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes0_geom p JOIN reference r ON r.id = p.id AND r.minx = p.minx "
                     "AND r.maxx = p.maxx AND r.miny = p.miny AND r.maxy = p.maxy"),
              "3000")
        << "the same single-precision boxes, bit for bit";

    // Window queries: the packed tree finds exactly the rows the reference does.
    for (const auto& [x, y, size] : std::vector<std::array<double, 3>>{
             {34500000, 2760000, 500}, {34510000, 2770000, 3000}, {34519000, 2779000, 2000}, {34500000, 2760000, 30000}}) {
        char where[256];
        std::snprintf(where, sizeof where, "WHERE maxx >= %.3f AND minx <= %.3f AND maxy >= %.3f AND miny <= %.3f ORDER BY id",
                      x, x + size, y, y + size);
        const auto found = db.rows(std::string("SELECT id FROM rtree_boxes0_geom ") + where);
        EXPECT_EQ(found, db.rows(std::string("SELECT id FROM reference ") + where)) << where;
        EXPECT_FALSE(found.empty()) << where;
    }
}

TEST_F(PackedRtreeTest, SmallAndEmptyLayersAndTheTriggersGdalKeepsTheTreeUpWith) {
    const std::string path = write({0, 20});
    {
        Sqlite db(path);
        EXPECT_EQ(db.one("SELECT rtreecheck('rtree_boxes0_geom')"), "ok");
        EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes0_geom"), "0");
        EXPECT_EQ(db.one("SELECT rtreecheck('rtree_boxes1_geom')"), "ok");
        EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes1_geom"), "20");
        EXPECT_EQ(db.one("SELECT hex(substr(data, 1, 4)) FROM rtree_boxes1_geom_node WHERE nodeno = 1"), "00000014")
            << "one leaf as root: depth 0, 20 cells";
        for (const char* layer : {"boxes0", "boxes1"}) {
            EXPECT_EQ(db.one(std::string("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_") +
                             layer + "_geom_%'"),
                      "6")
                << layer << ": GDAL's six triggers, the insert trigger put back";
            EXPECT_EQ(db.one(std::string("SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = '") + layer +
                             "' AND extension_name = 'gpkg_rtree_index'"),
                      "1");
        }
    }
    // A feature added later (as in QGIS) goes into the tree through GDAL's trigger.
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* layer = ds->GetLayerByName("boxes1");
        ASSERT_TRUE(layer);
        OGRFeature f(layer->GetLayerDefn());
        OGRGeometry* g = nullptr;
        const WkbGeometry wkb = rectangle({34600000, 34600010, 2800000, 2800010});
        ASSERT_EQ(OGRGeometryFactory::createFromWkb(wkb.bytes.data(), nullptr, &g, wkb.bytes.size()), OGRERR_NONE);
        f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
    Sqlite db(path);
    EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes1_geom"), "21");
    EXPECT_EQ(db.one("SELECT COUNT(*) FROM rtree_boxes1_geom WHERE minx >= 34599990"), "1");
    EXPECT_EQ(db.one("SELECT rtreecheck('rtree_boxes1_geom')"), "ok");
}

}  // namespace
}  // namespace landaudit
