// The categories of a QML style's categorized renderer, refilled from the values found in the data
// (the industry map: one colour per industry code present). Reading a style's colours for the
// report is engine/deliverables/report_style_colours.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace landaudit {

// The attribute a categorized or graduated renderer classifies by ("" for other renderers).
std::string qml_renderer_attribute(std::string_view qml, const std::string& what);

// The QML with its categorized renderer's categories rebuilt for `values` (distinct, non-empty,
// in legend order): a value the template already has keeps its label and symbol; any other gets
// the value as label and a symbol from the template's categories taken as a palette (those not
// already shown first, then cycling). The template's "" category (NULL and all other values) is
// kept last. Throws AuditError (Config) when the QML has no categorized renderer with symbols.
std::string with_categories_for_values(std::string_view qml, const std::vector<std::string>& values,
                                       const std::string& what);

}  // namespace landaudit
