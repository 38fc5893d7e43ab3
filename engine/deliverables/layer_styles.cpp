// PLACEHOLDER until the styles land: no styles.
#include "engine/deliverables/layer_styles.h"

namespace landaudit {

std::vector<LayerStyle> build_layer_styles(const std::vector<OutputTable>&, const std::map<std::string, std::string>&) {
    return {};
}

}  // namespace landaudit
