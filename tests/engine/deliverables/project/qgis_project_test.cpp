// The QGIS project composed from the repository's templates (styles/project/, styles/qml/) for the
// engine's real output schemas: each layer once with a relative datasource and its style, the
// groups, one layout per park zoomed to the park, escaped text, and the template errors.
#include "engine/deliverables/project/qgis_project.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/deliverables/contract_tables.h"
#include "engine/deliverables/styles/layer_styles.h"
#include "engine/deliverables/project/layout_park.h"
#include "engine/deliverables/project/project_template.h"
#include "engine/deliverables/styles/qml_xml.h"
#include "engine/wkt_fixture.h"
#include "layers/error.h"
#include "test_config.h"

namespace landaudit {
namespace {

using testing::rect;
using testing::wkb;

// The files of dir whose name ends with extension ("" = all), as io/style_files.h reads them.
std::map<std::string, std::string> folder(const std::string& dir, const std::string& extension = "") {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() < extension.size() || name.compare(name.size() - extension.size(), extension.size(), extension))
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        files[entry.path().filename().string()] = text.str();
    }
    return files;
}

const std::map<std::string, std::string>& project_templates() {
    static const auto templates = folder(LANDAUDIT_SOURCE_DIR "/styles/project");
    return templates;
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
    return n;
}

void set(OutputTable& t, OutputRow& row, const std::string& field, FieldValue value) {
    row.values.at(*t.field_index(field)) = std::move(value);
}

// Every output layer with the engine's schema; two parks (one with a name that needs escaping)
// and one parcel.
AuditOutput sample_output() {
    AuditOutput out;
    out.path = "/data/audit.gpkg";
    out.crs_authid = "EPSG:4522";
    out.crs_wkt = "PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger zone 34\"]";
    out.tables = contract_tables();
    OutputTable& parks = out.tables[1];
    for (int i = 0; i < 2; ++i) {
        OutputRow row;
        row.values.resize(parks.fields.size());
        // Park 0: 4000 m × 2000 m; park 1: 1000 m × 3000 m, farther east.
        row.geometry = i == 0 ? wkb(rect(34500000, 2700000, 34504000, 2702000))
                              : wkb(rect(34510000, 2700000, 34511000, 2703000));
        set(parks, row, "park_id", std::string(i == 0 ? "P1" : "P2"));
        set(parks, row, "name", std::string(i == 0 ? "A&B <园区> \"一\"" : "安宁园"));
        set(parks, row, "area_m2", 8000000.0);
        set(parks, row, "unsup_m2", 1234567.891);
        set(parks, row, "n_a", 7LL);
        parks.rows.push_back(std::move(row));
    }
    OutputRow parcel;
    parcel.values.resize(out.tables[0].fields.size());
    parcel.geometry = wkb(rect(34500100, 2700100, 34500200, 2700200));
    out.tables[0].rows.push_back(std::move(parcel));
    out.run_info.engine_version = "9.9.9";
    out.run_info.as_of = "2025-12-31";
    out.run_info.finished = "2026-01-02T03:04:05+08:00";
    out.run_info.inputs = {{"parcels", "", "/in/宗地.shp", "ab", 10, 5, "EPSG:4522", "GBK"},
                           {"parcels", "", "/in/宗地.dbf", "cd", 10, -1, "", ""},
                           {"rule_set", "kunming-2021", "/r/k.toml", "ef", 10, -1, "", ""}};
    return out;
}

std::vector<LayerStyle> repository_styles(const AuditOutput& out) {
    return build_layer_styles(out.tables, folder(LANDAUDIT_SOURCE_DIR "/styles/qml", ".qml"));
}

std::string element_text(const std::string& xml, const XmlElement& e) {
    return xml_unescape(std::string_view(xml).substr(e.content_begin, e.content_end - e.content_begin));
}

TEST(QgisProject, EveryLayerOnceWithARelativeDatasourceAndItsStyle) {
    const AuditOutput out = sample_output();
    const auto styles = repository_styles(out);
    const std::string xml = compose_qgis_project(out, styles, "audit.gpkg", project_templates());
    const XmlElement root = parse_xml(xml, "project");  // well-formed, or this throws
    ASSERT_EQ(root.name, "qgis");

    std::map<std::string, const XmlElement*> by_table;
    for (const XmlElement* l : root.child("projectlayers")->children_named("maplayer")) {
        const std::string source = element_text(xml, *l->child("datasource"));
        ASSERT_EQ(source.rfind("./audit.gpkg|layername=", 0), 0u) << source;
        const std::string id = element_text(xml, *l->child("id"));
        if (id.find("_grade") != std::string::npos) continue;  // the second parcels layer, below
        const std::string table = source.substr(source.find('=') + 1);
        EXPECT_TRUE(by_table.emplace(table, l).second) << table << " twice";
    }
    for (const auto& t : out.tables) {
        ASSERT_TRUE(by_table.count(t.name)) << t.name;
        EXPECT_EQ(count_of(xml, "|layername=" + t.name + "</datasource>"), t.name == "parcels" ? 2u : 1u) << t.name;
        // The default style's renderer type is the one embedded; without geometry, no renderer.
        const XmlElement* renderer = by_table[t.name]->child("renderer-v2");
        const LayerStyle* style = nullptr;
        for (const auto& s : styles)
            if (s.table == t.name && s.is_default) style = &s;
        ASSERT_NE(style, nullptr) << t.name;
        const XmlElement qml = parse_xml(style->qml, t.name);
        const XmlElement* qml_renderer = qml.child("renderer-v2");
        ASSERT_EQ(renderer != nullptr, qml_renderer != nullptr) << t.name;
        if (renderer) EXPECT_EQ(renderer->attribute("type"), qml_renderer->attribute("type")) << t.name;
        // The QML root's attributes go onto <maplayer>.
        EXPECT_EQ(by_table[t.name]->attribute("labelsEnabled"), qml.attribute("labelsEnabled")) << t.name;
        EXPECT_NE(by_table[t.name]->child("aliases"), nullptr) << t.name;
    }
    EXPECT_NE(xml.find("<Absolute type=\"bool\">false</Absolute>"), std::string::npos);
    EXPECT_NE(xml.find("<authid>EPSG:4522</authid>"), std::string::npos);
}

TEST(QgisProject, GroupsInOrderWithTheGradeLayerOnlyWhenAGradeStyleExists) {
    const AuditOutput out = sample_output();
    auto styles = repository_styles(out);
    auto group_names = [&](const std::vector<LayerStyle>& s) {
        const std::string xml = compose_qgis_project(out, s, "audit.gpkg", project_templates());
        const XmlElement root = parse_xml(xml, "project");
        std::vector<std::string> names;
        for (const XmlElement* g : root.child("layer-tree-group")->children_named("layer-tree-group"))
            names.push_back(g->attribute("name").value_or(""));
        return names;
    };
    EXPECT_EQ(group_names(styles),
              (std::vector<std::string>{"园区", "合规检查", "闲置与批而未供", "亩均效益", "数据问题"}));
    // Without styles: QGIS defaults everywhere, and no grade layer, so no 亩均效益 group.
    EXPECT_EQ(group_names({}), (std::vector<std::string>{"园区", "合规检查", "闲置与批而未供", "数据问题"}));

    const std::string bare = compose_qgis_project(out, {}, "audit.gpkg", project_templates());
    EXPECT_EQ(count_of(bare, "<renderer-v2"), 0u);
    EXPECT_EQ(count_of(bare, "<maplayer "), out.tables.size());
    // Aliases still come from the fields, so QGIS on GDAL 3.6 shows the Chinese names.
    EXPECT_NE(bare.find("<alias field=\"red_m2\" name=\""), std::string::npos);
}

TEST(QgisProject, OneLayoutPerParkZoomedToThePark) {
    const AuditOutput out = sample_output();
    const std::string xml = compose_qgis_project(out, repository_styles(out), "audit.gpkg", project_templates());
    const XmlElement root = parse_xml(xml, "project");
    const auto layouts = root.child("Layouts")->children_named("Layout");
    ASSERT_EQ(layouts.size(), 2u);
    EXPECT_EQ(layouts[0]->attribute("name"), "A&B <园区> \"一\"");  // unescaped by the parser: escaped in the file
    EXPECT_EQ(layouts[1]->attribute("name"), "安宁园");
    EXPECT_NE(xml.find("A&amp;B &lt;园区&gt; &quot;一&quot; 闲置土地与批而未供分布图"), std::string::npos);

    // Park 1 (1000 × 3000 m) in the 196 × 163 mm map: 6 % of 3000 m margin (3360 m high), widened to
    // the map's shape (4040.2 m wide: 1:20,613), then out to 1:25,000 (4900 m wide).
    const XmlElement* map = nullptr;
    for (const XmlElement* item : layouts[1]->children_named("LayoutItem"))
        if (item->attribute("id") == "park_map") map = item;
    ASSERT_NE(map, nullptr);
    const XmlElement* extent = map->child("Extent");
    const double ymin = std::stod(*extent->attribute("ymin")), ymax = std::stod(*extent->attribute("ymax"));
    const double xmin = std::stod(*extent->attribute("xmin")), xmax = std::stod(*extent->attribute("xmax"));
    EXPECT_NEAR(xmax - xmin, 4900, 0.01);
    EXPECT_NEAR((xmax - xmin) / (ymax - ymin), 196.0 / 163.0, 1e-6);
    EXPECT_NEAR((xmin + xmax) / 2, 34510500, 0.01);
    EXPECT_NEAR((ymin + ymax) / 2, 2701500, 0.01);

    // The map shows the layers of park_map_layers.txt, each a layer of the project.
    std::vector<std::string> ids;
    for (const XmlElement* l : map->child("LayerSet")->children_named("Layer"))
        ids.push_back(element_text(xml, *l));
    EXPECT_EQ(ids, (std::vector<std::string>{"landaudit_parks", "landaudit_conflicts", "landaudit_unsupplied",
                                             "landaudit_idle", "landaudit_parcels"}));
    for (const auto& id : ids) EXPECT_EQ(count_of(xml, "<id>" + id + "</id>"), 1u) << id;

    // Items refer to the map by its uuid, distinct per park.
    const auto uuid = map->attribute("uuid");
    ASSERT_TRUE(uuid);
    EXPECT_EQ(count_of(xml, "mapUuid=\"" + *uuid + "\""), 3u);  // north arrow and the two scale bars
    EXPECT_EQ(count_of(xml, "map_uuid=\"" + *uuid + "\""), 1u);  // legend

    // The figures table: 批而未供 of park 1, and its grade counts; sources without sidecars.
    EXPECT_NE(xml.find("value=\"1,234,568\""), std::string::npos);
    EXPECT_NE(xml.find("value=\"7 / — / — / — / —\""), std::string::npos);
    EXPECT_NE(xml.find("数据来源：宗地.shp&#10;规则集：kunming-2021"), std::string::npos);
    EXPECT_EQ(xml.find("宗地.dbf"), std::string::npos);
    EXPECT_NE(xml.find("统计截止日期：2025-12-31"), std::string::npos);
    EXPECT_NE(xml.find("landaudit 9.9.9"), std::string::npos);
    EXPECT_EQ(xml.find("{{"), std::string::npos);
}

TEST(QgisProject, DuplicateParkNamesGetDistinctLayoutNames) {
    AuditOutput out = sample_output();
    OutputTable& parks = out.tables[1];
    parks.rows[1].values[*parks.field_index("name")] = parks.rows[0].values[*parks.field_index("name")];
    const std::string xml = compose_qgis_project(out, {}, "audit.gpkg", project_templates());
    const XmlElement root = parse_xml(xml, "project");
    const auto layouts = root.child("Layouts")->children_named("Layout");
    ASSERT_EQ(layouts.size(), 2u);
    EXPECT_EQ(layouts[1]->attribute("name"), "A&B <园区> \"一\" (P2)");
}

TEST(QgisProject, TemplateErrorsNameTheTemplate) {
    const AuditOutput out = sample_output();
    auto templates = project_templates();
    std::string& layout = templates["park_layout.qpt"];
    layout.replace(layout.rfind("</Layout>"), 9, "{{no_such_value}}</Layout>");
    try {
        compose_qgis_project(out, {}, "audit.gpkg", templates);
        FAIL() << "expected an error";
    } catch (const AuditError& e) {
        EXPECT_NE(std::string(e.what()).find("park_layout.qpt: unknown placeholder {{no_such_value}}"),
                  std::string::npos)
            << e.what();
    }
    templates = project_templates();
    templates.erase("layer_tree.txt");
    EXPECT_THROW(compose_qgis_project(out, {}, "audit.gpkg", templates), AuditError);
    EXPECT_THROW(read_line_table("a | b\nonly one\n", 2, "x.txt"), AuditError);
}

TEST(ParkLayout, FittedExtentKeepsTheMapShapeTheParkInsideAndARoundScale) {
    // 100 × 400 m + 20 m margins = 140 × 440 m; at 2:1, 880 m wide on 200 mm = 1:4,400 → 1:5,000.
    const Envelope e = fitted_map_extent({0, 0, 100, 400}, 200, 100, 0.05);
    EXPECT_NEAR((e.maxx - e.minx) / (e.maxy - e.miny), 2.0, 1e-9);
    EXPECT_NEAR(e.maxx - e.minx, 1000, 1e-6);
    EXPECT_NEAR(e.minx + e.maxx, 100, 1e-9);
    EXPECT_NEAR(e.miny + e.maxy, 400, 1e-9);
    // Already round: 1000 m on 100 mm is 1:10,000 and stays so.
    const Envelope wide = fitted_map_extent({0, 0, 1000, 10}, 100, 100, 0);
    EXPECT_NEAR(wide.maxx - wide.minx, 1000, 1e-6);
    EXPECT_NEAR(wide.maxy - wide.miny, 1000, 1e-6);
}

TEST(ParkLayout, FiguresAreFormattedForPrint) {
    EXPECT_EQ(format_figure(1234567.891, "m2"), "1,234,568");
    EXPECT_EQ(format_figure(1000.0, "mu"), "1.50");
    EXPECT_EQ(format_figure(39.01383, "pct"), "39.01");
    EXPECT_EQ(format_figure(111LL, "count"), "111");
    EXPECT_EQ(format_figure(-2500.0, "m2"), "-2,500");
    EXPECT_EQ(format_figure(FieldValue{}, "m2"), "—");
    EXPECT_THROW(format_figure(1.0, "hectare"), AuditError);
}

}  // namespace
}  // namespace landaudit

namespace landaudit {
namespace {

// The change beside the audit: P1 only in park_change (批而未供处置率 25 %, idle 40 %).
AuditOutput change_output() {
    AuditOutput change;
    change.path = "/data/audit_change.gpkg";
    change.crs_authid = "EPSG:4522";
    auto table = [](const std::string& name, std::vector<std::pair<std::string, FieldType>> fields, bool spatial) {
        OutputTable t;
        t.name = name;
        t.geometry = spatial ? OutputGeometry::MultiPolygon : OutputGeometry::None;
        for (const auto& [f, type] : fields) t.add_field(f, type, "");
        return t;
    };
    OutputTable parks = table("park_change", {{"park_id", FieldType::String}, {"unsup_rat", FieldType::Real},
                                              {"idle_rat", FieldType::Real}}, true);
    parks.rows.push_back({wkb(rect(34500000, 2700000, 34504000, 2702000)), {std::string("P1"), 25.0, 40.0}});
    OutputTable parcels = table("parcel_change", {{"parcel_id", FieldType::String}, {"change", FieldType::String}}, true);
    parcels.rows.push_back({wkb(rect(34500100, 2700100, 34500200, 2700200)), {std::string("A"), std::string("new")}});
    OutputTable disposal = table("disposal", {{"outcome", FieldType::String}}, true);
    OutputTable conflicts = table("conflict_change", {{"change", FieldType::String}}, true);
    OutputTable diagnostics = table("diagnostics", {{"problem", FieldType::String}}, false);
    change.tables = {parks, parcels, disposal, conflicts, diagnostics};
    return change;
}

TEST(QgisProject, TheChangeBesideIsAGroupOfItsOwnLayersAndTheLayoutsShowItsRates) {
    const AuditOutput out = sample_output();
    const auto styles = repository_styles(out);
    const AuditOutput change = change_output();
    const auto change_styles = repository_styles(change);
    const ProjectSource source{change, change_styles, "audit_change.gpkg"};
    const std::string xml = compose_qgis_project(out, styles, "audit.gpkg", project_templates(), &source);
    const XmlElement root = parse_xml(xml, "project");

    std::vector<std::string> groups;
    for (const XmlElement* g : root.child("layer-tree-group")->children_named("layer-tree-group"))
        groups.push_back(g->attribute("name").value_or(""));
    ASSERT_GE(groups.size(), 2u);
    EXPECT_EQ(groups[1], "变化 Change");
    std::map<std::string, std::string> source_of;  // layer id → datasource
    for (const XmlElement* l : root.child("projectlayers")->children_named("maplayer"))
        source_of[element_text(xml, *l->child("id"))] = element_text(xml, *l->child("datasource"));
    for (const char* table : {"park_change", "parcel_change", "disposal", "conflict_change", "diagnostics"})
        EXPECT_EQ(source_of["landaudit_change_" + std::string(table)], "./audit_change.gpkg|layername=" + std::string(table)) << table;
    EXPECT_EQ(source_of["landaudit_change_park_change_idle_rat"], "./audit_change.gpkg|layername=park_change")
        << "the park_change layer again, by its idle_rat style";
    EXPECT_EQ(source_of["landaudit_diagnostics"], "./audit.gpkg|layername=diagnostics") << "the audit's own stays";
    // Styled with the change layers' default styles: park_change graduated, parcel_change categorized.
    EXPECT_NE(xml.find("attr=\"unsup_rat\""), std::string::npos);
    EXPECT_NE(xml.find("attr=\"idle_rat\""), std::string::npos);
    // P1's layout lists both rates from park_change; P2 has no row there, so no such lines.
    EXPECT_EQ(count_of(xml, "批而未供处置率(%) 较上期"), 1u);
    EXPECT_NE(xml.find("value=\"25.00\""), std::string::npos);
    EXPECT_NE(xml.find("value=\"40.00\""), std::string::npos);
    EXPECT_NE(xml.find(">landaudit_change_conflict_change</Layer>"), std::string::npos) << "the park maps draw 冲突变化";

    const std::string without = compose_qgis_project(out, styles, "audit.gpkg", project_templates());
    EXPECT_EQ(without.find("变化 Change"), std::string::npos);
    EXPECT_EQ(without.find("audit_change"), std::string::npos);
    EXPECT_EQ(without.find("较上期"), std::string::npos);
}

}  // namespace
}  // namespace landaudit
