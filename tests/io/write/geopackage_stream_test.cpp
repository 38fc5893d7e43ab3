// Tests for the streamed GeoPackage writer: batches of several layers interleaved arrive complete
// and in order, with spatial indexes and aliases; an unfinished or failed stream leaves nothing.
#include "io/write/geopackage_stream.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "io/gdal_session.h"
#include "layers/error.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

// A 100 m × 100 m square in zone 34 whose lower-left corner is x metres east: 10 000 m² (15 亩).
WkbGeometry square_at(double x) {
    OGRLinearRing ring;
    ring.addPoint(34500000 + x, 2760000);
    ring.addPoint(34500100 + x, 2760000);
    ring.addPoint(34500100 + x, 2760100);
    ring.addPoint(34500000 + x, 2760100);
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing(&ring);
    WkbGeometry out;
    out.bytes.resize(polygon.WkbSize());
    polygon.exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
    return out;
}

OutputTable parcels_schema() {
    OutputTable t{"parcels", "宗地", OutputGeometry::MultiPolygon, {}, {}};
    t.add_field("parcel_id", FieldType::String, "宗地代码");
    t.add_field("area_mu", FieldType::Real, "面积(亩)");
    return t;
}

OutputTable notes_schema() {
    OutputTable t{"notes", "", OutputGeometry::None, {}, {}};
    t.add_field("n", FieldType::Integer, "");
    return t;
}

std::vector<OutputRow> parcel_rows(int from, int count) {
    std::vector<OutputRow> rows;
    for (int i = from; i < from + count; ++i)
        rows.push_back({square_at(200.0 * i), {std::string("P") + std::to_string(i), 15.0}});
    return rows;
}

class GeopackageStreamTest : public ::testing::Test {
protected:
    void SetUp() override {
        ensure_gdal();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("landaudit-stream-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::vector<std::string> files() const {
        std::vector<std::string> found;
        for (const auto& e : fs::directory_iterator(m_dir)) found.push_back(e.path().filename().string());
        return found;
    }

    fs::path m_dir;
};

TEST_F(GeopackageStreamTest, InterleavedBatchesArriveInOrderWithIndexAndAliases) {
    const fs::path out = m_dir / "audit.gpkg";
    {
        GeopackageStream stream(out.string(), "EPSG:4522", {});
        const std::size_t parcels = stream.add_layer(parcels_schema());
        const std::size_t notes = stream.add_layer(notes_schema());
        // More batches than the writer's queue holds, alternating between the two layers.
        for (int batch = 0; batch < 10; ++batch) {
            stream.append(parcels, parcel_rows(batch * 7, 7));
            stream.append(notes, {{{}, {static_cast<long long>(batch)}}});
        }
        stream.append(notes, {});  // an empty batch is nothing
        EXPECT_FALSE(fs::exists(out)) << "nothing at the target before finish()";
        stream.finish({}, nullptr);
    }
    EXPECT_EQ(files(), std::vector<std::string>{"audit.gpkg"}) << "no temporary left";

    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetLayerCount(), 2);
    EXPECT_STREQ(ds->GetLayer(0)->GetName(), "parcels");
    EXPECT_STREQ(ds->GetLayer(1)->GetName(), "notes");
    OGRLayer* parcels = ds->GetLayerByName("parcels");
    ASSERT_EQ(parcels->GetFeatureCount(), 70);
    int i = 0;
    double area = 0;
    for (auto& f : *parcels) {
        EXPECT_EQ(std::string(f->GetFieldAsString("parcel_id")), "P" + std::to_string(i)) << "rows keep their order";
        area += f->GetGeometryRef()->toMultiPolygon()->get_Area();
        ++i;
    }
    EXPECT_NEAR(area, 70 * 10000.0, 1e-6);
    long long sum = 0;
    for (auto& f : *ds->GetLayerByName("notes")) sum += f->GetFieldAsInteger64("n");
    EXPECT_EQ(sum, 45);  // 0 + 1 + … + 9

    auto count = [&](const std::string& sql) {
        OGRLayer* r = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!r) return -1LL;
        OGRFeatureUniquePtr f(r->GetNextFeature());
        const long long n = f ? f->GetFieldAsInteger64(0) : -1;
        ds->ReleaseResultSet(r);
        return n;
    };
    // The R-tree is complete: one entry per parcel.
    EXPECT_EQ(count("SELECT COUNT(*) FROM rtree_parcels_geom"), 70);
    EXPECT_EQ(count("SELECT COUNT(*) FROM gpkg_data_columns WHERE table_name = 'parcels'"), 2);
}

TEST_F(GeopackageStreamTest, UnfinishedStreamLeavesNothingAndKeepsThePreviousFile) {
    const fs::path out = m_dir / "audit.gpkg";
    {
        GeopackageStream stream(out.string(), "EPSG:4522", {});
        stream.finish({}, nullptr);  // an empty but complete previous output
    }
    const auto before = fs::file_size(out);
    {
        GeopackageStream stream(out.string(), "EPSG:4522", {});
        const std::size_t parcels = stream.add_layer(parcels_schema());
        for (int batch = 0; batch < 5; ++batch) stream.append(parcels, parcel_rows(batch * 100, 100));
        // destroyed without finish(): an error elsewhere in the run
    }
    EXPECT_EQ(files(), std::vector<std::string>{"audit.gpkg"});
    EXPECT_EQ(fs::file_size(out), before);
}

TEST_F(GeopackageStreamTest, AFailureOnTheWriterThreadIsThrownToTheCaller) {
    const fs::path out = m_dir / "audit.gpkg";
    GeopackageStream stream(out.string(), "EPSG:4522", {});
    const std::size_t parcels = stream.add_layer(parcels_schema());
    WkbGeometry broken;
    broken.bytes = {0x01, 0x03, 0x00};  // a WKB header cut short
    stream.append(parcels, {{broken, {std::string("P0"), 15.0}}});
    try {
        for (int batch = 0; batch < 20; ++batch) stream.append(parcels, parcel_rows(batch, 1));
        stream.finish({}, nullptr);
        FAIL() << "the broken geometry must fail the stream";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find(out.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("unreadable geometry"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(out));
}

TEST_F(GeopackageStreamTest, OutputOverAnInputIsRefusedBeforeAnythingIsWritten) {
    const fs::path input = m_dir / "parcels.shp";
    std::ofstream(input.string()) << "x";
    try {
        GeopackageStream stream((m_dir / "PARCELS.dbf").string(), "EPSG:4522", {input.string()});
        FAIL() << "the .dbf of an input shapefile must not be overwritten";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find("would overwrite the input"), std::string::npos) << e.what();
    }
    EXPECT_EQ(files(), std::vector<std::string>{"parcels.shp"});
}

}  // namespace
}  // namespace landaudit
