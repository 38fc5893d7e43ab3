// The colours of the report's maps and charts, taken from the layers' QGIS styles so the report
// looks like the project: a categorized renderer's categories with their labels and fill colours.
#pragma once

#include <string>
#include <vector>

#include "engine/deliverables/report/report_labels.h"
#include "layers/layer_style.h"

namespace landaudit {

struct StyleClass {
    std::string value;   // the category's value, e.g. "redline"
    std::string label;   // its legend label
    std::string colour;  // CSS fill colour, e.g. "rgba(227,26,28,1)"; empty when the symbol has none
    std::string outline;      // CSS outline colour; empty: none given
    std::string hatch;        // CSS colour of a line-pattern (hatch) layer over the fill; empty: none
    double hatch_angle = 45;  // degrees, QGIS's: anticlockwise from east
};

struct QmlCategories {
    std::string field;  // the classified field; empty when the renderer is not categorized
    std::vector<StyleClass> classes;
};

// Reads <renderer-v2 type="categorizedSymbol" attr="…">, its <category value symbol label/>
// and each symbol's paint: its first layer's fill and outline colours (<prop k="color" v="R,G,B,A"/>
// or <Option name="color" value=…/>) and the first LinePatternFill layer's line colour and angle.
QmlCategories qml_categories(const std::string& qml);

// The classes of `table` by `field`: from its default style when that categorizes on `field`,
// else from any other style of the table that does, else from labels.tsv group `fallback_group`
// (key, label, colour), in file order.
std::vector<StyleClass> style_classes(const std::vector<LayerStyle>& styles, const std::string& table,
                                      const std::string& field, const ReportLabels& labels,
                                      const std::string& fallback_group);

// The class of `value`, or a grey class labelled with the value when there is none.
StyleClass class_of(const std::vector<StyleClass>& classes, const std::string& value);

}  // namespace landaudit
