// Tests for shapefile .dbf encoding resolution: Chinese GBK data decodes as Chinese, Western data never as GB18030.
#include "io/read/shapefile_encoding.h"

#include <gdal.h>
#include <gdal_priv.h>
#include <iconv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "layers/error.h"
#include "test_config.h"

namespace landaudit {
namespace {

namespace fs = std::filesystem;

const std::string kKunmingZone = "昆明经济技术开发区";
const std::string kIndustrialLand = "工业用地";
// GBK (CP936) bytes of "工业用地".
const std::string kIndustrialLandGbk = "\xB9\xA4\xD2\xB5\xD3\xC3\xB5\xD8";
// "Café Münster" in CP1252 / ISO-8859-1: Western text, neither UTF-8 nor GBK-like.
const std::string kWesternLatin1 = "Caf\xE9 M\xFCnster";

struct DbfField {
    std::string name;
    unsigned char width;
};

// Writes a minimal dBase III table byte by byte, so tests control the LDID and the raw text bytes.
void write_dbf(const fs::path& path, unsigned char ldid, const std::vector<DbfField>& fields,
               const std::vector<std::vector<std::string>>& rows) {
    const std::uint16_t header_length = static_cast<std::uint16_t>(32 + 32 * fields.size() + 1);
    std::uint16_t record_length = 1;
    for (const auto& f : fields) record_length = static_cast<std::uint16_t>(record_length + f.width);

    std::string bytes(32, '\0');
    bytes[0] = 0x03;  // dBase III without memo
    bytes[1] = 124;   // last update 2024-01-01
    bytes[2] = 1;
    bytes[3] = 1;
    const auto count = static_cast<std::uint32_t>(rows.size());
    for (int i = 0; i < 4; ++i) bytes[4 + i] = static_cast<char>((count >> (8 * i)) & 0xFF);
    bytes[8] = static_cast<char>(header_length & 0xFF);
    bytes[9] = static_cast<char>(header_length >> 8);
    bytes[10] = static_cast<char>(record_length & 0xFF);
    bytes[11] = static_cast<char>(record_length >> 8);
    bytes[29] = static_cast<char>(ldid);
    for (const auto& f : fields) {
        std::string descriptor(32, '\0');
        descriptor.replace(0, std::min<std::size_t>(f.name.size(), 10), f.name.substr(0, 10));
        descriptor[11] = 'C';
        descriptor[16] = static_cast<char>(f.width);
        bytes += descriptor;
    }
    bytes += '\x0D';
    for (const auto& row : rows) {
        bytes += ' ';  // not deleted
        for (std::size_t i = 0; i < fields.size(); ++i) {
            std::string value = i < row.size() ? row[i] : std::string();
            value.resize(fields[i].width, ' ');
            bytes += value;
        }
    }
    bytes += '\x1A';
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

void set_ldid(const fs::path& dbf_path, unsigned char ldid) {
    std::fstream file(dbf_path, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(29);
    file.put(static_cast<char>(ldid));
}

unsigned char read_ldid(const fs::path& dbf_path) {
    std::ifstream file(dbf_path, std::ios::binary);
    file.seekg(29);
    return static_cast<unsigned char>(file.get());
}

struct DatasetCloser {
    void operator()(GDALDatasetH dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

// Opens a shapefile (or bare .dbf) with GDAL's ENCODING open option and returns one field of every feature.
std::vector<std::string> read_strings_with_gdal(const fs::path& path, const std::string& field,
                                                const std::string& encoding) {
    const std::string option = "ENCODING=" + encoding;
    const char* open_options[] = {option.c_str(), nullptr};
    DatasetPtr dataset(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
    if (!dataset) return {};
    OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
    std::vector<std::string> values;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        const int index = OGR_F_GetFieldIndex(feature, field.c_str());
        values.emplace_back(index >= 0 ? OGR_F_GetFieldAsString(feature, index) : "<no field>");
        OGR_F_Destroy(feature);
    }
    return values;
}

bool iconv_knows(const std::string& encoding) {
    iconv_t converter = iconv_open("UTF-8", encoding.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) return false;
    iconv_close(converter);
    return true;
}

class ShapefileEncodingTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { GDALAllRegister(); }

    void SetUp() override {
        std::random_device random;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("landaudit_shapefile_encoding_" + std::string(info->name()) + "_" + std::to_string(random()));
        fs::create_directories(m_dir);
    }

    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    fs::path path(const std::string& name) const { return m_dir / name; }

    // A point shapefile whose NAME/USE attributes GDAL writes in `creation_encoding`.
    fs::path create_shapefile_with_gdal(const std::string& stem, const std::string& creation_encoding,
                                        const std::vector<std::pair<std::string, std::string>>& rows) const {
        const fs::path shp = path(stem + ".shp");
        GDALDriverH driver = GDALGetDriverByName("ESRI Shapefile");
        EXPECT_NE(driver, nullptr);
        DatasetPtr dataset(GDALCreate(driver, shp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        EXPECT_NE(dataset.get(), nullptr);
        const std::string option = "ENCODING=" + creation_encoding;
        char* layer_options[] = {const_cast<char*>(option.c_str()), nullptr};
        OGRLayerH layer = GDALDatasetCreateLayer(dataset.get(), stem.c_str(), nullptr, wkbPoint, layer_options);
        EXPECT_NE(layer, nullptr);
        for (const char* name : {"NAME", "USE"}) {
            OGRFieldDefnH field = OGR_Fld_Create(name, OFTString);
            OGR_Fld_SetWidth(field, 60);
            EXPECT_EQ(OGR_L_CreateField(layer, field, TRUE), OGRERR_NONE);
            OGR_Fld_Destroy(field);
        }
        double x = 102.7;
        for (const auto& [name, use] : rows) {
            OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
            OGR_F_SetFieldString(feature, 0, name.c_str());
            OGR_F_SetFieldString(feature, 1, use.c_str());
            OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(point, 0, x, 25.0);
            x += 0.01;
            OGR_F_SetGeometryDirectly(feature, point);
            EXPECT_EQ(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
            OGR_F_Destroy(feature);
        }
        return shp;
    }

private:
    fs::path m_dir;
};

// --- resolve_shapefile_encoding ------------------------------------------------------------------

TEST_F(ShapefileEncodingTest, GbkWithoutCpgAndLdidZeroResolvesToGb18030AndGdalDecodesIt) {
    const fs::path shp = create_shapefile_with_gdal("kunming", "CP936",
                                                    {{kKunmingZone, kIndustrialLand}, {"呈贡信息产业园", "仓储用地"}});
    // Typical Chinese delivery: no .cpg, no code page in the header.
    fs::remove(path("kunming.cpg"));
    set_ldid(path("kunming.dbf"), 0x00);

    const EncodingDecision decision = resolve_shapefile_encoding(shp.string(), "");
    EXPECT_EQ(decision.encoding, "GB18030");
    EXPECT_EQ(decision.reason, "not UTF-8; bytes look like GBK Chinese");

    EXPECT_EQ(read_strings_with_gdal(shp, "NAME", decision.encoding),
              (std::vector<std::string>{kKunmingZone, "呈贡信息产业园"}));
    EXPECT_EQ(read_strings_with_gdal(shp, "USE", decision.encoding),
              (std::vector<std::string>{kIndustrialLand, "仓储用地"}));
}

TEST_F(ShapefileEncodingTest, GbkWithAnsiLdidIsStillChinese) {
    write_dbf(path("parcels.dbf"), 0x57, {{"NAME", 40}}, {{kIndustrialLandGbk}});
    EXPECT_EQ(resolve_shapefile_encoding(path("parcels.shp").string(), "").encoding, "GB18030");
}

TEST_F(ShapefileEncodingTest, GbkValueCutMidCharacterAtFieldWidthIsStillChinese) {
    // 9 bytes of width hold four hanzi and the lead byte of a fifth, as byte-counting writers leave it.
    write_dbf(path("cut.dbf"), 0x00, {{"NAME", 9}}, {{kIndustrialLandGbk + "\xB5"}, {kIndustrialLandGbk}});
    EXPECT_EQ(resolve_shapefile_encoding(path("cut.shp").string(), "").encoding, "GB18030");
}

TEST_F(ShapefileEncodingTest, GbkFieldNamesCountAsText) {
    // Field "用地" in GBK, ASCII values: GDAL decodes field names with the same encoding.
    write_dbf(path("names.dbf"), 0x00, {{"\xD3\xC3\xB5\xD8", 10}}, {{"A1"}, {"B2"}});
    EXPECT_EQ(resolve_shapefile_encoding(path("names.shp").string(), "").encoding, "GB18030");
}

TEST_F(ShapefileEncodingTest, Utf8WithoutCpgResolvesToUtf8) {
    const fs::path shp = create_shapefile_with_gdal("utf8", "UTF-8", {{kKunmingZone, kIndustrialLand}});
    fs::remove(path("utf8.cpg"));
    set_ldid(path("utf8.dbf"), 0x00);

    const EncodingDecision decision = resolve_shapefile_encoding(shp.string(), "");
    EXPECT_EQ(decision.encoding, "UTF-8");
    EXPECT_EQ(decision.reason, "valid UTF-8");
    EXPECT_EQ(read_strings_with_gdal(shp, "NAME", decision.encoding), (std::vector<std::string>{kKunmingZone}));
}

TEST_F(ShapefileEncodingTest, AsciiOnlyResolvesToUtf8) {
    write_dbf(path("ascii.dbf"), 0x57, {{"NAME", 20}, {"CODE", 5}}, {{"Zone A", "Z1"}, {"Zone B", "Z2"}});
    const EncodingDecision decision = resolve_shapefile_encoding(path("ascii.shp").string(), "");
    EXPECT_EQ(decision.encoding, "UTF-8");
    EXPECT_EQ(decision.reason, "ASCII only");
}

TEST_F(ShapefileEncodingTest, CpgVariantsAreNormalised) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"GBK", "CP936"}, {"936", "CP936"}, {"UTF-8", "UTF-8"}, {"utf8", "UTF-8"},
        {"\xEF\xBB\xBF" "ANSI 936\r\n", "CP936"}, {" 1252 \n", "CP1252"}, {"88591", "ISO-8859-1"}};
    // Data each .cpg fits (GBK bytes are not valid UTF-8): the .cpg must win over sniffing.
    for (const auto& [content, expected] : cases) {
        const bool western = expected == "CP1252" || expected == "ISO-8859-1";
        write_dbf(path("layer.dbf"), 0x00, {{"NAME", 20}},
                  {{expected == "UTF-8" ? kIndustrialLand : western ? kWesternLatin1 : kIndustrialLandGbk}});
        write_text(path("layer.cpg"), content);
        const EncodingDecision decision = resolve_shapefile_encoding(path("layer.shp").string(), "");
        EXPECT_EQ(decision.encoding, expected) << "cpg content: " << content;
        EXPECT_EQ(decision.reason, "from .cpg");
    }
}

// Issue 9: a .cpg saying UTF-8 over GBK bytes is contradicted by them; detection decides and the
// decision says so.
TEST_F(ShapefileEncodingTest, CpgContradictedByTheBytesIsNotBelieved) {
    write_dbf(path("lying.dbf"), 0x00, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("lying.cpg"), "UTF-8");
    const EncodingDecision d = resolve_shapefile_encoding(path("lying.shp").string(), "");
    EXPECT_EQ(d.encoding, "GB18030");
    EXPECT_NE(d.contradiction.find("the .cpg says UTF-8"), std::string::npos) << d.contradiction;
    EXPECT_NE(d.reason.find("bytes look like GBK"), std::string::npos) << d.reason;
    // And a Chinese LDID over valid UTF-8 text.
    write_dbf(path("ldid_utf8.dbf"), 0x4D, {{"NAME", 20}}, {{kIndustrialLand}});
    const EncodingDecision u = resolve_shapefile_encoding(path("ldid_utf8.shp").string(), "");
    EXPECT_EQ(u.encoding, "UTF-8") << u.reason;
    EXPECT_NE(u.contradiction.find("language driver id 0x4D"), std::string::npos) << u.contradiction;
}

// Issue 9: a .cpg naming a Western code page over GBK Chinese would give valid but meaningless
// text ("¹¤Òµ"); over UTF-8 it would double-encode. Both are contradicted.
TEST_F(ShapefileEncodingTest, WesternCpgOverChineseBytesIsNotBelieved) {
    write_dbf(path("gbk.dbf"), 0x00, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("gbk.cpg"), "1252");
    const EncodingDecision g = resolve_shapefile_encoding(path("gbk.shp").string(), "");
    EXPECT_EQ(g.encoding, "GB18030") << g.reason;
    EXPECT_NE(g.contradiction.find("the .cpg says CP1252"), std::string::npos) << g.contradiction;
    write_dbf(path("utf8.dbf"), 0x00, {{"NAME", 20}}, {{kIndustrialLand}});
    write_text(path("utf8.cpg"), "ISO-8859-1");
    const EncodingDecision u = resolve_shapefile_encoding(path("utf8.shp").string(), "");
    EXPECT_EQ(u.encoding, "UTF-8") << u.reason;
    EXPECT_NE(u.contradiction.find("the .cpg says ISO-8859-1"), std::string::npos) << u.contradiction;
}

// Issue 9: a .cpg naming something iconv does not know made GDAL copy the bytes through as they
// are; it is reported and detection decides.
TEST_F(ShapefileEncodingTest, CpgNamingAnUnknownEncodingIsNotBelieved) {
    write_dbf(path("odd.dbf"), 0x00, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("odd.cpg"), "FOO-9");
    const EncodingDecision d = resolve_shapefile_encoding(path("odd.shp").string(), "");
    EXPECT_EQ(d.encoding, "GB18030") << d.reason;
    EXPECT_NE(d.contradiction.find("\"FOO-9\", which is not an encoding iconv knows"), std::string::npos) << d.contradiction;
}

TEST_F(ShapefileEncodingTest, UppercaseSidecarExtensionsAreFound) {
    write_dbf(path("UPPER.DBF"), 0x00, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("UPPER.CPG"), "936");
    const EncodingDecision decision = resolve_shapefile_encoding(path("UPPER.SHP").string(), "");
    EXPECT_EQ(decision.encoding, "CP936");
    EXPECT_EQ(decision.reason, "from .cpg");
}

TEST_F(ShapefileEncodingTest, BlankCpgIsIgnored) {
    write_dbf(path("blank.dbf"), 0x00, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("blank.cpg"), " \r\n");
    EXPECT_EQ(resolve_shapefile_encoding(path("blank.shp").string(), "").encoding, "GB18030");
}

TEST_F(ShapefileEncodingTest, OverrideWinsOverCpg) {
    write_dbf(path("override.dbf"), 0x4D, {{"NAME", 20}}, {{kIndustrialLandGbk}});
    write_text(path("override.cpg"), "UTF-8");
    const EncodingDecision decision = resolve_shapefile_encoding(path("override.shp").string(), " gbk ");
    EXPECT_EQ(decision.encoding, "CP936");
    EXPECT_EQ(decision.reason, "config override");
}

TEST_F(ShapefileEncodingTest, LdidNamingGbkResolvesToCp936) {
    write_dbf(path("ldid.dbf"), 0x4D, {{"USE", 20}}, {{kIndustrialLandGbk}});
    const EncodingDecision decision = resolve_shapefile_encoding(path("ldid.shp").string(), "");
    EXPECT_EQ(decision.encoding, "CP936");
    EXPECT_EQ(decision.reason, "from DBF language driver id 0x4D");
    EXPECT_EQ(read_strings_with_gdal(path("ldid.dbf"), "USE", decision.encoding),
              (std::vector<std::string>{kIndustrialLand}));
}

TEST_F(ShapefileEncodingTest, DbfPathIsAcceptedToo) {
    write_dbf(path("direct.dbf"), 0x4D, {{"USE", 20}}, {{kIndustrialLandGbk}});
    EXPECT_EQ(resolve_shapefile_encoding(path("direct.dbf").string(), "").encoding, "CP936");
}

TEST_F(ShapefileEncodingTest, FrenchLatin1WithAnsiLdidResolvesToCp1252AndGdalDecodesIt) {
    write_dbf(path("pae.dbf"), 0x57, {{"INDICE_1", 50}, {"INDICE_2", 30}},
              {{"PAE \xCElot Saint Lazare", "DCM du 26/10/1995"},
               {"PAE Parc Marianne", "Am\xE9nagement d'ensemble"},
               {"PAE Les Gr\xE8zes", "Op\xE9ration termin\xE9" "e"}});
    const EncodingDecision decision = resolve_shapefile_encoding(path("pae.shp").string(), "");
    EXPECT_EQ(decision.encoding, "CP1252");
    EXPECT_NE(decision.reason.find("0x57"), std::string::npos) << decision.reason;

    EXPECT_EQ(read_strings_with_gdal(path("pae.dbf"), "INDICE_1", decision.encoding),
              (std::vector<std::string>{"PAE Îlot Saint Lazare", "PAE Parc Marianne", "PAE Les Grèzes"}));
    EXPECT_EQ(read_strings_with_gdal(path("pae.dbf"), "INDICE_2", decision.encoding)[1], "Aménagement d'ensemble");
}

TEST_F(ShapefileEncodingTest, Latin1WithoutAnyCodePageResolvesToIso88591) {
    write_dbf(path("latin1.dbf"), 0x00, {{"NOM", 30}}, {{"\xCElot Saint Lazare"}, {"For\xEAt"}});
    const EncodingDecision decision = resolve_shapefile_encoding(path("latin1.shp").string(), "");
    EXPECT_EQ(decision.encoding, "ISO-8859-1");
    EXPECT_EQ(read_strings_with_gdal(path("latin1.dbf"), "NOM", decision.encoding),
              (std::vector<std::string>{"Îlot Saint Lazare", "Forêt"}));
}

TEST_F(ShapefileEncodingTest, RealMontpellierShapefilesAreNotReadAsChinese) {
    const fs::path realdata = fs::path(LANDAUDIT_SHARED_DIR "/realdata/fr-montpellier");
    const fs::path pae = realdata / "VilleMTP_MTP_PAE/VilleMTP_MTP_PAE.shp";
    if (!fs::exists(pae)) GTEST_SKIP() << "real data not available: " << pae;

    const EncodingDecision decision = resolve_shapefile_encoding(pae.string(), "");
    EXPECT_TRUE(decision.encoding == "CP1252" || decision.encoding == "ISO-8859-1")
        << decision.encoding << " (" << decision.reason << ")";
    bool found_ilot = false;
    for (const auto& value : read_strings_with_gdal(pae, "INDICE_1", decision.encoding))
        found_ilot = found_ilot || value == "PAE Îlot Saint Lazare";
    EXPECT_TRUE(found_ilot);

    const fs::path woods = realdata / "VilleMTP_MTP_EspacesBois_2011/EBC.shp";
    if (fs::exists(woods)) {
        const std::string encoding = resolve_shapefile_encoding(woods.string(), "").encoding;
        EXPECT_NE(encoding, "GB18030");
        EXPECT_NE(encoding, "CP936");
    }
}

TEST_F(ShapefileEncodingTest, MissingDbfGivesEmptyDecision) {
    const EncodingDecision decision = resolve_shapefile_encoding(path("absent.shp").string(), "");
    EXPECT_EQ(decision.encoding, "");
    EXPECT_EQ(decision.reason, "no .dbf");
}

TEST_F(ShapefileEncodingTest, TruncatedDbfThrowsInputError) {
    write_text(path("broken.dbf"), std::string("\x03\x7C\x01\x01", 4));
    try {
        resolve_shapefile_encoding(path("broken.shp").string(), "");
        FAIL() << "expected AuditError";
    } catch (const AuditError& error) {
        EXPECT_EQ(error.kind(), AuditError::Kind::Input);
        EXPECT_NE(std::string(error.what()).find("broken.dbf"), std::string::npos) << error.what();
    }
}

TEST_F(ShapefileEncodingTest, GdalWritesCpgButNoLdidForCp936) {
    // Documents GDAL 3.6's own behaviour that makes the sniffing step necessary once a .cpg is lost.
    create_shapefile_with_gdal("gdal_cp936", "CP936", {{kKunmingZone, kIndustrialLand}});
    ASSERT_TRUE(fs::exists(path("gdal_cp936.cpg")));
    EXPECT_EQ(read_ldid(path("gdal_cp936.dbf")), 0x00);
    EXPECT_EQ(resolve_shapefile_encoding(path("gdal_cp936.shp").string(), "").reason, "from .cpg");
}

// --- building blocks -----------------------------------------------------------------------------

TEST(NormaliseEncodingName, MapsCommonSpellings) {
    EXPECT_EQ(normalise_encoding_name("UTF-8"), "UTF-8");
    EXPECT_EQ(normalise_encoding_name("utf8"), "UTF-8");
    EXPECT_EQ(normalise_encoding_name("65001"), "UTF-8");
    EXPECT_EQ(normalise_encoding_name("GBK"), "CP936");
    EXPECT_EQ(normalise_encoding_name("936"), "CP936");
    EXPECT_EQ(normalise_encoding_name("cp936"), "CP936");
    EXPECT_EQ(normalise_encoding_name("ANSI 936"), "CP936");
    EXPECT_EQ(normalise_encoding_name("GB2312"), "CP936");
    EXPECT_EQ(normalise_encoding_name("gb18030"), "GB18030");
    EXPECT_EQ(normalise_encoding_name("54936"), "GB18030");
    EXPECT_EQ(normalise_encoding_name("8859-1"), "ISO-8859-1");
    EXPECT_EQ(normalise_encoding_name("ISO-8859-1"), "ISO-8859-1");
    EXPECT_EQ(normalise_encoding_name("88591"), "ISO-8859-1");
    EXPECT_EQ(normalise_encoding_name("885915"), "ISO-8859-15");
    EXPECT_EQ(normalise_encoding_name("1252"), "CP1252");
    EXPECT_EQ(normalise_encoding_name("ANSI 1252"), "CP1252");
    EXPECT_EQ(normalise_encoding_name("cp1252"), "CP1252");
    EXPECT_EQ(normalise_encoding_name("950"), "CP950");
    EXPECT_EQ(normalise_encoding_name("  big5 \r\n"), "BIG5");
    EXPECT_EQ(normalise_encoding_name(" \t"), "");
}

TEST(EncodingFromLdid, MapsTheCodePageTable) {
    EXPECT_EQ(encoding_from_ldid(0x4D), "CP936");
    EXPECT_EQ(encoding_from_ldid(0x7A), "CP936");
    EXPECT_EQ(encoding_from_ldid(0x4E), "CP949");
    EXPECT_EQ(encoding_from_ldid(0x4F), "CP950");
    EXPECT_EQ(encoding_from_ldid(0x03), "CP1252");
    EXPECT_EQ(encoding_from_ldid(0x01), "CP437");
    EXPECT_EQ(encoding_from_ldid(0x02), "CP850");
    EXPECT_EQ(encoding_from_ldid(0x13), "CP932");
    EXPECT_EQ(encoding_from_ldid(0x7B), "CP932");
    EXPECT_EQ(encoding_from_ldid(0xC9), "CP1251");
    EXPECT_EQ(encoding_from_ldid(0x00), std::nullopt);
    EXPECT_EQ(encoding_from_ldid(0x57), std::nullopt);
    EXPECT_EQ(encoding_from_ldid(0xFF), std::nullopt);
}

TEST(EncodingFromLdid, EveryMappedNameIsKnownToIconv) {
    const unsigned char required[] = {0x01, 0x02, 0x03, 0x4D, 0x4E, 0x4F, 0x58, 0x59, 0x64, 0x65, 0x66, 0x67,
                                      0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0xC8, 0xC9, 0xCA, 0xCB};
    for (unsigned char ldid : required) EXPECT_TRUE(encoding_from_ldid(ldid).has_value()) << int(ldid);
    for (int ldid = 0; ldid < 256; ++ldid) {
        if (const auto name = encoding_from_ldid(static_cast<unsigned char>(ldid))) {
            EXPECT_TRUE(iconv_knows(*name)) << *name << " for LDID " << ldid;
        }
    }
}

TEST(IsStrictUtf8, AcceptsValidText) {
    EXPECT_TRUE(is_strict_utf8(""));
    EXPECT_TRUE(is_strict_utf8("plain ASCII"));
    EXPECT_TRUE(is_strict_utf8(kKunmingZone));
    EXPECT_TRUE(is_strict_utf8("Îlot Saint Lazare"));
    EXPECT_TRUE(is_strict_utf8("\xF0\x9F\x8C\xB3"));  // U+1F333, 4 bytes
    EXPECT_TRUE(is_strict_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
}

TEST(IsStrictUtf8, RejectsInvalidText) {
    EXPECT_FALSE(is_strict_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_strict_utf8("\xE0\x80\xAF"));      // overlong, 3 bytes
    EXPECT_FALSE(is_strict_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_strict_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_strict_utf8("\xE5\xB7"));          // truncated "工"
    EXPECT_FALSE(is_strict_utf8("abc\xC3"));           // truncated at the end
    EXPECT_FALSE(is_strict_utf8("\x80"));              // stray continuation byte
    EXPECT_FALSE(is_strict_utf8("\xCElot"));           // Latin-1
    EXPECT_FALSE(is_strict_utf8(kIndustrialLandGbk));  // GBK
}

TEST(LooksLikeGbk, AcceptsChineseGbkText) {
    EXPECT_TRUE(looks_like_gbk(kIndustrialLandGbk));
    EXPECT_TRUE(looks_like_gbk("A1-" + kIndustrialLandGbk + " (2019)"));
    EXPECT_TRUE(looks_like_gbk("\xC0\xA5\xC3\xF7\xBE\xAD\xBC\xC3"));  // "昆明经济"
}

TEST(LooksLikeGbk, RejectsWesternAndInvalidText) {
    EXPECT_FALSE(looks_like_gbk("\xCElot"));                // 0xCE 'l': valid pair, not GB2312 block
    EXPECT_FALSE(looks_like_gbk("PAE \xCElot Saint Lazare"));
    EXPECT_FALSE(looks_like_gbk("Am\xE9nagement"));
    EXPECT_FALSE(looks_like_gbk("caf\xE9 "));               // 0xE9 then space: not a trail byte
    EXPECT_FALSE(looks_like_gbk("\xB9\xA4\xD2"));           // truncated pair
    EXPECT_FALSE(looks_like_gbk("\x80\x41"));               // 0x80 cannot lead
    EXPECT_FALSE(looks_like_gbk("only ASCII"));
}

// The four-byte GB18030 form counts as GBK only where glibc's iconv, which GDAL decodes with,
// converts it: every lead, second, third and fourth byte tried against iconv itself (fuzz finding
// text_encoding/ef-run-looks-gbk-not-gb18030: EF 36 EF 31 has an unassigned lead).
TEST(LooksLikeGbk, AcceptsAFourByteSequenceExactlyWhenIconvDecodesIt) {
    const iconv_t cd = iconv_open("UTF-8", "GB18030");
    ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1));
    auto iconv_decodes = [&](std::string bytes) {
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        std::string out(64, '\0');
        char* in = bytes.data();
        std::size_t in_left = bytes.size();
        char* dst = out.data();
        std::size_t dst_left = out.size();
        return iconv(cd, &in, &in_left, &dst, &dst_left) != static_cast<std::size_t>(-1) && in_left == 0;
    };
    long accepted = 0;
    long disagreements = 0;
    for (int b1 = 0x81; b1 <= 0xFE; ++b1)
        for (int b2 = 0x30; b2 <= 0x39; ++b2)
            for (int b3 = 0x81; b3 <= 0xFE; ++b3)
                for (int b4 = 0x30; b4 <= 0x39; ++b4) {
                    const std::string sequence{static_cast<char>(b1), static_cast<char>(b2), static_cast<char>(b3),
                                               static_cast<char>(b4)};
                    const bool gbk = looks_like_gbk(kIndustrialLandGbk + sequence);
                    accepted += gbk;
                    if (gbk != iconv_decodes(sequence) && ++disagreements <= 5)
                        ADD_FAILURE() << std::hex << "4-byte sequence " << b1 << " " << b2 << " " << b3 << " " << b4
                                      << ": looks_like_gbk " << gbk;
                }
    iconv_close(cd);
    EXPECT_EQ(disagreements, 0);
    // U+0080..U+FFFF less the 18 codes glibc leaves unmapped, and U+10000..U+10FFFF.
    EXPECT_EQ(accepted, (39420 - 18) + 0x100000);
    EXPECT_FALSE(looks_like_gbk("\xEF\xEF\xEF\xEF\xEF\x36\xEF\x31"));
}

}  // namespace
}  // namespace landaudit
