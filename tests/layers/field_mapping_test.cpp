// Field mapping: checks against a schema, and building domain objects with id diagnostics.
#include "layers/field_mapping.h"

#include <gtest/gtest.h>

#include <limits>

namespace landaudit {
namespace {

SourceLayer parcels_layer() {
    SourceLayer l;
    l.role = LayerRole::Parcels;
    l.path = "宗地.shp";
    l.fields = {{"ZDDM", FieldType::String, ""}, {"QLR", FieldType::String, ""}, {"ZDMJ", FieldType::Real, ""}};
    l.features = {{0, {}, {std::string("A1"), std::string("甲公司"), 100.0}},
                  {1, {}, {std::string("A2"), std::string("乙公司"), 200.0}},
                  {2, {}, {std::string("A1"), std::string("丙公司"), 300.0}},
                  {3, {}, {FieldValue{}, std::string("丁公司"), 400.0}}};
    return l;
}

LayerSource mapping(LayerRole role, std::map<std::string, std::string> fields) {
    LayerSource s;
    s.role = role;
    s.fields = std::move(fields);
    return s;
}

bool any_contains(const std::vector<std::string>& problems, const std::string& text) {
    for (const auto& p : problems)
        if (p.find(text) != std::string::npos) return true;
    return false;
}

TEST(FieldMapping, GoodMappingHasNoProblems) {
    EXPECT_TRUE(check_field_mapping(mapping(LayerRole::Parcels, {{"id", "ZDDM"}}), parcels_layer()).empty());
    // Field names match case-insensitively (DBF tools change case).
    EXPECT_TRUE(check_field_mapping(mapping(LayerRole::Parcels, {{"id", "zddm"}}), parcels_layer()).empty());
}

TEST(FieldMapping, MissingSourceFieldListsAvailableFields) {
    auto problems = check_field_mapping(mapping(LayerRole::Parcels, {{"id", "NOPE"}}), parcels_layer());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(any_contains(problems, "'NOPE'"));
    EXPECT_TRUE(any_contains(problems, "ZDDM, QLR, ZDMJ"));
    EXPECT_TRUE(any_contains(problems, "宗地.shp"));
}

TEST(FieldMapping, MissingRequiredAndUnknownKeysAreAllReported) {
    auto problems = check_field_mapping(mapping(LayerRole::Parcels, {{"owner", "QLR"}}), parcels_layer());
    EXPECT_EQ(problems.size(), 2u);
    EXPECT_TRUE(any_contains(problems, "key 'owner' is not a field of this role"));
    EXPECT_TRUE(any_contains(problems, "must map 'id'"));
}

TEST(FieldMapping, ParcelsKeepAttributesAndReportIdProblems) {
    Diagnostics diag;
    auto parcels = parcels_from(parcels_layer(), mapping(LayerRole::Parcels, {{"id", "ZDDM"}}), diag);
    ASSERT_EQ(parcels.size(), 4u);
    EXPECT_EQ(parcels[1].id, "A2");
    EXPECT_EQ(std::get<std::string>(parcels[1].source_values[1]), "乙公司");
    EXPECT_EQ(parcels[3].id, "fid:3");
    ASSERT_EQ(diag.items().size(), 2u);
    EXPECT_EQ(diag.items()[0].problem, "duplicate_id");
    EXPECT_EQ(diag.items()[0].fid, 2);
    EXPECT_EQ(diag.items()[1].problem, "missing_id");
}

TEST(FieldMapping, ConstraintsWithoutIdUseFid) {
    SourceLayer l;
    l.role = LayerRole::Redline;
    l.fields = {{"HXMC", FieldType::String, ""}};
    l.features = {{7, {}, {std::string("滇池红线")}}};
    Diagnostics diag;
    auto c = constraints_from(l, mapping(LayerRole::Redline, {{"name", "HXMC"}}), diag);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].id, "fid:7");
    EXPECT_EQ(c[0].name, "滇池红线");
    EXPECT_TRUE(diag.items().empty()) << "an unmapped id is not a data problem";
}

TEST(FieldMapping, RealIdsReadAsIntegers) {
    EXPECT_EQ(value_as_text(FieldValue{530101.0}), "530101");
    EXPECT_EQ(value_as_text(FieldValue{42LL}), "42");
    EXPECT_EQ(value_as_text(FieldValue{}), "");
}

// Issue 9: a value that is not a real measurement never becomes a number: -5, 1e999, nan and
// 1e300 floor areas are missing, each with a diagnostic naming the field and what it held.
TEST(FieldMapping, NonFiniteNegativeAndHugeNumbersAreMissingAndListed) {
    SourceLayer l;
    l.role = LayerRole::Parcels;
    l.path = "宗地.shp";
    l.fields = {{"ZDDM", FieldType::String, ""}, {"JZMJ", FieldType::Real, ""}};
    l.features = {{0, {}, {std::string("ok"), 1500.0}},
                  {1, {}, {std::string("neg"), -5.0}},
                  {2, {}, {std::string("inf"), std::string("1e999")}},
                  {3, {}, {std::string("nan"), std::string("nan")}},
                  {4, {}, {std::string("huge"), 1e300}},
                  {5, {}, {std::string("inf-real"), std::numeric_limits<double>::infinity()}}};
    Diagnostics diag;
    auto parcels = parcels_from(l, mapping(LayerRole::Parcels, {{"id", "ZDDM"}, {"floor_area", "JZMJ"}}), diag);
    ASSERT_EQ(parcels.size(), 6u);
    ASSERT_TRUE(parcels[0].use.floor_area_m2.has_value());
    EXPECT_DOUBLE_EQ(*parcels[0].use.floor_area_m2, 1500.0);
    for (std::size_t i = 1; i < parcels.size(); ++i)
        EXPECT_FALSE(parcels[i].use.floor_area_m2.has_value()) << parcels[i].id;
    ASSERT_EQ(diag.items().size(), 5u);
    EXPECT_EQ(diag.items()[0].problem, "implausible_value");
    EXPECT_EQ(diag.items()[0].feature_id, "neg");
    EXPECT_NE(diag.items()[0].detail.find("'JZMJ'"), std::string::npos) << diag.items()[0].detail;
    EXPECT_EQ(diag.items()[1].problem, "unreadable_value");
    EXPECT_NE(diag.items()[1].detail.find("1e999"), std::string::npos) << diag.items()[1].detail;
    EXPECT_EQ(diag.items()[2].problem, "unreadable_value");
    EXPECT_EQ(diag.items()[3].problem, "implausible_value");
    EXPECT_EQ(diag.items()[3].feature_id, "huge");
    EXPECT_EQ(diag.items()[4].problem, "unreadable_value");
}

}  // namespace
}  // namespace landaudit
