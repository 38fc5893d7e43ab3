// The styles filled from the repository's QML templates for the engine's real output schemas:
// aliases for every aliased field, industry categories from the data, one default per layer.
#include "engine/deliverables/styles/layer_styles.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/deliverables/contract_tables.h"
#include "engine/deliverables/styles/qml_xml.h"
#include "layers/error.h"
#include "test_config.h"

namespace landaudit {
namespace {

std::map<std::string, std::string> repository_templates() {
    std::map<std::string, std::string> templates;
    for (const auto& entry : std::filesystem::directory_iterator(LANDAUDIT_SOURCE_DIR "/styles/qml")) {
        if (entry.path().extension() != ".qml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        templates[entry.path().filename().string()] = text.str();
    }
    return templates;
}

OutputTable& table_named(std::vector<OutputTable>& tables, const std::string& name) {
    for (OutputTable& t : tables)
        if (t.name == name) return t;
    throw std::runtime_error("no table " + name);
}

void add_row_with(OutputTable& t, const std::string& field, FieldValue value) {
    OutputRow row;
    row.values.resize(t.fields.size());
    row.values.at(*t.field_index(field)) = std::move(value);
    t.rows.push_back(std::move(row));
}

// alias field → name, as QGIS reads them from the style's <aliases>.
std::map<std::string, std::string> aliases_of(const std::string& qml) {
    XmlElement root = parse_xml(qml, "style");
    std::map<std::string, std::string> found;
    const XmlElement* aliases = root.child("aliases");
    if (!aliases) return found;
    for (const XmlElement* a : aliases->children_named("alias"))
        found[a->attribute("field").value_or("")] = a->attribute("name").value_or("");
    return found;
}

struct Category {
    std::string value, symbol, label;
};

std::vector<Category> categories_of(const std::string& qml) {
    XmlElement root = parse_xml(qml, "style");
    std::vector<Category> found;
    for (const XmlElement* c : root.child("renderer-v2")->child("categories")->children_named("category"))
        found.push_back({c->attribute("value").value_or(""), c->attribute("symbol").value_or(""),
                         c->attribute("label").value_or("")});
    return found;
}

const LayerStyle& style_named(const std::vector<LayerStyle>& styles, const std::string& table,
                              const std::string& name) {
    for (const LayerStyle& s : styles)
        if (s.table == table && s.name == name) return s;
    throw std::runtime_error("no style " + table + "/" + name);
}

TEST(LayerStyles, EveryLayerGetsExactlyOneDefaultStyleAndParcelsTwoMore) {
    std::vector<OutputTable> tables = contract_tables();
    std::vector<LayerStyle> styles = build_layer_styles(tables, repository_templates());
    for (const OutputTable& t : tables) {
        int defaults = 0, all = 0;
        for (const LayerStyle& s : styles) {
            if (s.table != t.name) continue;
            ++all;
            defaults += s.is_default;
            EXPECT_EQ(s.geometry_column, t.geometry == OutputGeometry::None ? "" : "geom") << s.name;
            EXPECT_FALSE(s.description.empty()) << s.name;
        }
        EXPECT_EQ(defaults, 1) << t.name;
        EXPECT_EQ(all, t.name == "parcels" ? 3 : 1) << t.name;
    }
    EXPECT_TRUE(style_named(styles, "parcels", "主要状态").is_default);
    EXPECT_FALSE(style_named(styles, "parcels", "亩均效益等级").is_default);
    EXPECT_FALSE(style_named(styles, "parcels", "产业地图").is_default);
    // The default comes first for its layer: QGIS's style manager lists it first.
    EXPECT_EQ(styles.front().table, "parcels");
    EXPECT_TRUE(styles.front().is_default);
}

TEST(LayerStyles, EveryAliasedFieldHasItsAliasInEveryStyleAndNothingElse) {
    std::vector<OutputTable> tables = contract_tables();
    // A source field without alias, as a parcels layer carries them.
    table_named(tables, "parcels").add_field("ZDDM", FieldType::String, "");
    std::vector<LayerStyle> styles = build_layer_styles(tables, repository_templates());
    ASSERT_FALSE(styles.empty());
    for (const LayerStyle& s : styles) {
        const OutputTable& t = table_named(tables, s.table);
        std::map<std::string, std::string> expected;
        for (const FieldDef& f : t.fields)
            if (!f.alias.empty()) expected[f.name] = f.alias;
        ASSERT_FALSE(expected.empty()) << s.table;
        EXPECT_EQ(aliases_of(s.qml), expected) << s.table << " / " << s.name;
    }
    EXPECT_EQ(aliases_of(style_named(styles, "parcels", "主要状态").qml).at("red_m2"), "占生态红线面积(平方米)");
}

TEST(LayerStyles, AliasesAreEscapedAndReplaceThoseSavedInTheTemplate) {
    OutputTable t;
    t.name = "parks";
    t.geometry = OutputGeometry::MultiPolygon;
    t.add_field("name", FieldType::String, "名称 <\"A&B\">");
    t.add_field("level", FieldType::String, "");
    std::string qml =
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.16\">\n"
        "  <customproperties>\n    <Option type=\"Map\">\n"
        "      <Option name=\"landaudit/table\" type=\"QString\" value=\"parks\"/>\n"
        "      <Option name=\"landaudit/default\" type=\"QString\" value=\"1\"/>\n"
        "    </Option>\n  </customproperties>\n"
        "  <aliases>\n    <alias field=\"level\" index=\"2\" name=\"旧别名\"/>\n  </aliases>\n</qgis>\n";
    std::vector<LayerStyle> styles = build_layer_styles({t}, {{"parks_x.qml", qml}});
    ASSERT_EQ(styles.size(), 1u);
    EXPECT_EQ(aliases_of(styles[0].qml), (std::map<std::string, std::string>{{"name", "名称 <\"A&B\">"}}));
    EXPECT_EQ(styles[0].name, "parks_x");  // no landaudit/style: the file name
    // Without an <aliases> element the aliases are added.
    std::string bare = qml.substr(0, qml.find("  <aliases>")) + "</qgis>\n";
    EXPECT_EQ(aliases_of(build_layer_styles({t}, {{"parks_x.qml", bare}})[0].qml).size(), 1u);
}

TEST(LayerStyles, IndustryCategoriesAreTheDistinctValuesOfTheData) {
    std::vector<OutputTable> tables = contract_tables();
    OutputTable& parcels = table_named(tables, "parcels");
    for (const char* code : {"C39", "G59", "C39", "Z99", "C27", "Y01"})
        add_row_with(parcels, "industry", std::string(code));
    add_row_with(parcels, "industry", FieldValue{});
    add_row_with(parcels, "industry", std::string());
    std::vector<LayerStyle> styles = build_layer_styles(tables, repository_templates());
    const std::string& qml = style_named(styles, "parcels", "产业地图").qml;

    std::vector<Category> cats = categories_of(qml);
    std::vector<std::string> values;
    for (const Category& c : cats) values.push_back(c.value);
    EXPECT_EQ(values, (std::vector<std::string>{"C27", "C39", "G59", "Y01", "Z99", ""}));
    // A code the template knows keeps its label; others are labelled with the code; NULL → 未登记.
    EXPECT_EQ(cats[1].label, "C39 计算机、通信和其他电子设备制造业");
    EXPECT_EQ(cats[3].label, "Y01");
    EXPECT_EQ(cats.back().label, "未登记");

    // Each category has its own symbol, the symbols are exactly those, and the new codes do not
    // reuse a colour already shown by a known code.
    XmlElement root = parse_xml(qml, "industry");
    std::set<std::string> symbol_names;
    for (const XmlElement* s : root.child("renderer-v2")->child("symbols")->children_named("symbol"))
        symbol_names.insert(s->attribute("name").value_or(""));
    std::set<std::string> used;
    for (const Category& c : cats) used.insert(c.symbol);
    EXPECT_EQ(used.size(), cats.size());
    EXPECT_EQ(symbol_names, used);
    std::set<std::string> colours;
    for (const XmlElement* s : root.child("renderer-v2")->child("symbols")->children_named("symbol"))
        for (const XmlElement* p : s->child("layer")->children_named("prop"))
            if (p->attribute("k") == "color") colours.insert(p->attribute("v").value_or(""));
    EXPECT_EQ(colours.size(), cats.size());
}

TEST(LayerStyles, WithoutIndustriesOnlyTheUnregisteredCategoryRemains) {
    std::vector<OutputTable> tables = contract_tables();
    std::vector<Category> cats = categories_of(style_named(build_layer_styles(tables, repository_templates()),
                                                           "parcels", "产业地图").qml);
    ASSERT_EQ(cats.size(), 1u);
    EXPECT_EQ(cats[0].value, "");
}

TEST(LayerStyles, StatusCategoriesFollowTheEnginePrecedence) {
    std::vector<LayerStyle> styles = build_layer_styles(contract_tables(), repository_templates());
    std::vector<std::string> values;
    for (const Category& c : categories_of(style_named(styles, "parcels", "主要状态").qml)) values.push_back(c.value);
    EXPECT_EQ(values, (std::vector<std::string>{"redline", "farmland", "idle_2y", "idle_1y", "gov_delay", "suspect",
                                                "low_eff", "outside", "compliant"}));
}

TEST(LayerStyles, ALayerTheOutputLacksGetsNoStyle) {
    std::vector<OutputTable> tables = contract_tables();
    tables.erase(tables.begin() + 3, tables.end());  // parcels, parks, conflicts only
    std::set<std::string> styled;
    for (const LayerStyle& s : build_layer_styles(tables, repository_templates())) styled.insert(s.table);
    EXPECT_EQ(styled, (std::set<std::string>{"parcels", "parks", "conflicts"}));
}

TEST(LayerStyles, TwoDefaultsForOneLayerOrAnUnnamedTemplateAreConfigErrors) {
    std::map<std::string, std::string> templates = repository_templates();
    templates["parcels_copy.qml"] = templates.at("parcels_status.qml");
    try {
        build_layer_styles(contract_tables(), templates);
        FAIL() << "expected an error";
    } catch (const AuditError& e) {
        EXPECT_EQ(e.kind(), AuditError::Kind::Config);
        EXPECT_NE(std::string(e.what()).find("parcels_copy.qml"), std::string::npos) << e.what();
    }
    EXPECT_THROW(build_layer_styles(contract_tables(), {{"x.qml", "<qgis><aliases/></qgis>"}}), AuditError);
    EXPECT_THROW(build_layer_styles(contract_tables(), {{"x.qml", "<qgis><aliases></qgis>"}}), AuditError);
}

TEST(QmlXml, ParsesWhatQgisWritesAndRejectsBrokenText) {
    XmlElement root = parse_xml("<?xml version='1.0'?>\n<!DOCTYPE qgis PUBLIC 'x' 'SYSTEM'>\n<!-- note -->"
                                "<qgis a=\"1 &lt; 2 &#x2264; &#8804;\"><b k='v'/><![CDATA[<c>]]><d>t</d></qgis>",
                                "t");
    EXPECT_EQ(root.name, "qgis");
    EXPECT_EQ(root.attribute("a"), "1 < 2 ≤ ≤");
    ASSERT_EQ(root.children.size(), 2u);
    EXPECT_EQ(root.child("b")->attribute("k"), "v");
    EXPECT_EQ(root.descendant("d")->content_end - root.descendant("d")->content_begin, 1u);
    EXPECT_THROW(parse_xml("<a><b></a>", "t"), AuditError);
    EXPECT_THROW(parse_xml("<a x=1/>", "t"), AuditError);
    EXPECT_THROW(parse_xml("<a/><b/>", "t"), AuditError);
    EXPECT_EQ(xml_unescape(xml_escape("<&\"'>\n")), "<&\"'>\n");
}

TEST(QmlXml, EveryFilledStyleIsWellFormed) {
    std::vector<OutputTable> tables = contract_tables();
    add_row_with(table_named(tables, "parcels"), "industry", std::string("C&<1>"));
    for (const LayerStyle& s : build_layer_styles(tables, repository_templates()))
        EXPECT_NO_THROW(parse_xml(s.qml, s.name)) << s.name;
}

}  // namespace
}  // namespace landaudit
