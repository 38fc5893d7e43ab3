// Tests for the parcel chunks read one ahead: the same chunks, kept count and diagnostics, in the
// same order, with and without the reader thread; a reading failure arrives after the chunks
// before it; an audit that stops mid-pass leaves no thread behind.
#include "engine/parcel_chunks.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/engine/wkt_fixture.h"

namespace landaudit {
namespace {

// 100 parcels; every 7th a bowtie (repaired, or skipped under Skip), every 11th without geometry
// (skipped), and 20–29 all bowties, so that under Skip a chunk of 10 loses every parcel.
std::vector<Parcel> mixed_parcels() {
    std::vector<Parcel> parcels;
    for (int i = 0; i < 100; ++i) {
        Parcel p;
        p.fid = i;
        p.id = "P" + std::to_string(i);
        if (i % 11 == 0) {
        } else if (i % 7 == 0 || (i >= 20 && i < 30)) {
            p.geometry = testing::wkb("POLYGON((" + std::to_string(i) + " 0," + std::to_string(i + 10) + " 10," +
                             std::to_string(i + 10) + " 0," + std::to_string(i) + " 10," + std::to_string(i) + " 0))");
        } else {
            p.geometry = testing::wkb(testing::square(100.0 * i, 0, 100));
        }
        parcels.push_back(p);
    }
    return parcels;
}

struct Pass {
    std::vector<std::vector<std::string>> chunks;  // ids
    std::size_t kept = 0;
    std::vector<std::string> diagnostics;  // fid, problem, action
};

Pass read_pass(ParcelSource& source, std::size_t chunk, InvalidGeometryPolicy policy, bool ahead) {
    Pass out;
    Diagnostics reading, hygiene;
    CleanParcelChunks chunks(source, chunk, policy, ahead, reading, hygiene);
    for (std::vector<Parcel> c; !(c = chunks.next()).empty();) {
        out.chunks.emplace_back();
        for (const Parcel& p : c) out.chunks.back().push_back(p.id);
    }
    EXPECT_TRUE(chunks.next().empty()) << "the end stays the end";
    out.kept = chunks.kept();
    for (const Diagnostic& d : hygiene.items())
        out.diagnostics.push_back(std::to_string(d.fid) + " " + d.problem + " " + std::string(action_key(d.action)));
    return out;
}

TEST(CleanParcelChunks, ReadingAheadGivesTheSameChunksAndDiagnosticsInTheSameOrder) {
    const std::vector<Parcel> parcels = mixed_parcels();
    for (const InvalidGeometryPolicy policy : {InvalidGeometryPolicy::Repair, InvalidGeometryPolicy::Skip}) {
        for (const std::size_t chunk : {1u, 10u, 33u, 1000u}) {
            VectorParcelSource source(parcels, {});
            const Pass serial = read_pass(source, chunk, policy, false);
            const Pass ahead = read_pass(source, chunk, policy, true);  // the same source, read again
            EXPECT_EQ(ahead.chunks, serial.chunks) << chunk;
            EXPECT_EQ(ahead.kept, serial.kept);
            EXPECT_EQ(ahead.diagnostics, serial.diagnostics);
            for (const auto& c : serial.chunks) EXPECT_FALSE(c.empty()) << "no empty chunk before the end";
        }
    }
    VectorParcelSource source(parcels, {});
    // Hand-counted: the 10 without geometry (0, 11, …, 99) are skipped; under Skip also the 20
    // bowties: the 13 multiples of 7 that are not of 11 (0 to 98, less 0 and 77), and 20–29 less
    // 22 (no geometry), 21 and 28 (multiples of 7): 7 more.
    EXPECT_EQ(read_pass(source, 10, InvalidGeometryPolicy::Repair, true).kept, 90u);
    EXPECT_EQ(read_pass(source, 10, InvalidGeometryPolicy::Skip, true).kept, 70u);
    const Pass skip = read_pass(source, 10, InvalidGeometryPolicy::Skip, true);
    EXPECT_EQ(skip.chunks.size(), 9u) << "the chunk of 20–29 lost every parcel and is not handed over";
}

// Fails on its third chunk.
class FailingSource final : public ParcelSource {
public:
    explicit FailingSource(const std::vector<Parcel>& parcels) : m_inner(parcels, {}) {}
    void rewind() override {
        m_inner.rewind();
        m_calls = 0;
    }
    std::vector<Parcel> next(std::size_t max, Diagnostics& d) override {
        if (++m_calls == 3) throw std::runtime_error("disk gone");
        return m_inner.next(max, d);
    }
    const std::vector<FieldDef>& fields() const override { return m_inner.fields(); }
    std::string label() const override { return "failing"; }
    std::size_t features_read() const override { return 0; }
    std::size_t expected_count() const override { return 0; }

private:
    VectorParcelSource m_inner;
    int m_calls = 0;
};

TEST(CleanParcelChunks, AReadingFailureArrivesAfterTheChunksBeforeIt) {
    const std::vector<Parcel> parcels = mixed_parcels();
    for (const bool ahead : {false, true}) {
        FailingSource source(parcels);
        Diagnostics reading, hygiene;
        CleanParcelChunks chunks(source, 5, InvalidGeometryPolicy::Repair, ahead, reading, hygiene);
        EXPECT_FALSE(chunks.next().empty());
        EXPECT_FALSE(chunks.next().empty());
        EXPECT_THROW(chunks.next(), std::runtime_error);
        EXPECT_TRUE(chunks.next().empty());
    }
}

TEST(CleanParcelChunks, StoppingMidPassLeavesNoThreadBehind) {
    const std::vector<Parcel> parcels = mixed_parcels();
    VectorParcelSource source(parcels, {});
    for (int i = 0; i < 50; ++i) {
        Diagnostics reading, hygiene;
        CleanParcelChunks chunks(source, 3, InvalidGeometryPolicy::Repair, true, reading, hygiene);
        if (i % 2) EXPECT_FALSE(chunks.next().empty());
    }  // destroyed with the reader blocked on a full slot, or still reading: it joins
}

}  // namespace
}  // namespace landaudit
