// Tests for CRS parsing, identification (describe/definition) and the automatic CGCS2000 working CRS.
#include "io/read/crs_resolution.h"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "layers/error.h"

namespace landaudit {
namespace {

TEST(SrsFromUserInput, UnderstandsCodesWktAndProjStrings) {
    struct Case {
        const char* input;
        bool projected;
    };
    const Case cases[] = {
        {"EPSG:4522", true},
        {"EPSG:4490", false},
        {"epsg:4543", true},
        {"+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=34500000 +y_0=0 +ellps=GRS80 +units=m +no_defs", true},
        {"GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,"
         "298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]",
         false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.input);
        auto srs = srs_from_user_input(c.input, "[parcels] crs");
        ASSERT_NE(srs, nullptr);
        EXPECT_EQ(srs->IsProjected() != 0, c.projected);
        // Traditional GIS order everywhere: x = easting / longitude.
        EXPECT_EQ(srs->GetAxisMappingStrategy(), OAMS_TRADITIONAL_GIS_ORDER);
    }
}

TEST(SrsFromUserInput, GeographicAxesAreLongitudeFirst) {
    // EPSG:4490 is lat/lon in the EPSG register; with traditional order the data axis 1 is the
    // CRS's axis 2 (longitude): mapping {2, 1}.
    auto srs = srs_from_user_input("EPSG:4490", "[parks] crs");
    EXPECT_EQ(srs->GetDataAxisToSRSAxisMapping(), (std::vector<int>{2, 1}));
}

TEST(SrsFromUserInput, BadInputNamesWhereAndWhat) {
    const char* bad[] = {"EPSG:99999999", "not a crs", "EPSG:", "+proj=nonsense"};
    for (const char* input : bad) {
        SCOPED_TRACE(input);
        try {
            srs_from_user_input(input, "[redline] crs");
            ADD_FAILURE() << "expected AuditError";
        } catch (const AuditError& e) {
            EXPECT_EQ(e.kind(), AuditError::Kind::Config);
            const std::string what = e.what();
            EXPECT_EQ(what.rfind("[redline] crs: CRS '" + std::string(input) + "' is not understood", 0), 0u) << what;
            EXPECT_NE(e.hint().find("EPSG:4522"), std::string::npos) << e.hint();
        }
    }
}

TEST(SrsFromUserInput, EmptyInputIsRejected) {
    EXPECT_THROW(srs_from_user_input("", "[audit] crs"), AuditError);
}

TEST(DescribeSrs, NamesTheEpsgCodeAndName) {
    auto srs = srs_from_user_input("EPSG:4522", "test");
    const std::string d = describe_srs(*srs);
    EXPECT_NE(d.find("4522"), std::string::npos) << d;
    EXPECT_EQ(d, "EPSG:4522 (CGCS2000 / 3-degree Gauss-Kruger zone 34)");
}

TEST(DescribeSrs, IdentifiesAnEsriPrjWithoutCode) {
    // An ESRI .prj (morphToESRI) carries no AUTHORITY node: FindMatches must recognise it.
    OGRSpatialReference epsg;
    ASSERT_EQ(epsg.importFromEPSG(4522), OGRERR_NONE);
    OGRSpatialReference esri(epsg);
    ASSERT_EQ(esri.morphToESRI(), OGRERR_NONE);
    char* wkt = nullptr;
    esri.exportToWkt(&wkt);
    const std::string prj = wkt;
    CPLFree(wkt);
    ASSERT_EQ(prj.find("AUTHORITY"), std::string::npos) << prj;

    OGRSpatialReference from_prj;
    ASSERT_EQ(from_prj.importFromWkt(prj.c_str()), OGRERR_NONE);
    const std::string d = describe_srs(from_prj);
    EXPECT_EQ(d.rfind("EPSG:4522 (", 0), 0u) << d;
    EXPECT_EQ(srs_definition(from_prj), "EPSG:4522");
}

TEST(DescribeSrs, UnidentifiableCrsGivesItsName) {
    // A made-up transverse Mercator: no EPSG match, so the description is the CRS name alone
    // and the definition is WKT2.
    OGRSpatialReference srs;
    srs.SetProjCS("Park local grid");
    srs.SetGeogCS("CGCS2000-like", "China_2000", "CGCS2000", 6378137, 298.257222101);
    srs.SetTM(0, 102.123, 1, 12345, 0);
    EXPECT_EQ(describe_srs(srs), "Park local grid");
    const std::string def = srs_definition(srs);
    EXPECT_EQ(def.rfind("PROJCRS[\"Park local grid\"", 0), 0u) << def;
    // The WKT2 definition reads back as the same CRS.
    auto back = srs_from_user_input(def, "test");
    EXPECT_TRUE(back->IsSame(&srs));
}

TEST(SrsDefinition, EpsgCodeWhenIdentified) {
    EXPECT_EQ(srs_definition(*srs_from_user_input("EPSG:4490", "t")), "EPSG:4490");
    EXPECT_EQ(srs_definition(*srs_from_user_input("EPSG:4543", "t")), "EPSG:4543");
}

TEST(AutoWorkingCrs, ZonePrefixedGaussKrugerOfTheLongitude) {
    // zone = round(lon / 3); EPSG = 4513 + zone − 25 (land-rules §2).
    struct Case {
        double longitude;
        const char* expected;
    };
    const Case cases[] = {
        {102.8, "EPSG:4522"},  // 102.8 / 3 = 34.27 → zone 34 → 4513 + 9 (Kunming)
        {117.0, "EPSG:4527"},  // 117 / 3 = 39 → zone 39 → 4513 + 14
        {75.0, "EPSG:4513"},   // zone 25, the western edge
        {135.0, "EPSG:4533"},  // zone 45, the eastern edge
        {121.47, "EPSG:4528"}, // Shanghai: 40.49 → zone 40
        {76.4, "EPSG:4513"},   // 25.47 → zone 25
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.longitude);
        EXPECT_EQ(auto_working_crs(c.longitude), c.expected);
        // The result is itself valid user input for a projected CRS.
        EXPECT_TRUE(srs_from_user_input(auto_working_crs(c.longitude), "auto")->IsProjected());
    }
}

TEST(AutoWorkingCrs, OutsideChinasZonesThrows) {
    // -79 → zone −26; 73.4 → 24.47 → zone 24; 136.6 → 45.53 → zone 46: none has an EPSG code.
    for (double lon : {-79.0, 73.4, 136.6, 0.0}) {
        SCOPED_TRACE(lon);
        try {
            auto_working_crs(lon);
            ADD_FAILURE() << "expected AuditError";
        } catch (const AuditError& e) {
            EXPECT_EQ(e.kind(), AuditError::Kind::Config);
            EXPECT_NE(std::string(e.what()).find("outside the CGCS2000 3° zones"), std::string::npos) << e.what();
            EXPECT_NE(e.hint().find("[audit] crs"), std::string::npos) << e.hint();
        }
    }
}

}  // namespace
}  // namespace landaudit
