// Names of the layer roles.
#include "layers/layer_role.h"

namespace landaudit {

std::string_view role_key(LayerRole role) {
    switch (role) {
        case LayerRole::Parks: return "parks";
        case LayerRole::Parcels: return "parcels";
        case LayerRole::Redline: return "redline";
        case LayerRole::Farmland: return "farmland";
        case LayerRole::Buildings: return "buildings";
        case LayerRole::Economics: return "economics";
        case LayerRole::Approved: return "approved";
        case LayerRole::Supplied: return "supplied";
    }
    return "?";
}

std::string_view role_label(LayerRole role) {
    switch (role) {
        case LayerRole::Parks: return "园区";
        case LayerRole::Parcels: return "宗地";
        case LayerRole::Redline: return "生态保护红线";
        case LayerRole::Farmland: return "永久基本农田";
        case LayerRole::Buildings: return "建筑物";
        case LayerRole::Economics: return "经济数据";
        case LayerRole::Approved: return "批次(已批准建设用地)";
        case LayerRole::Supplied: return "供地";
    }
    return "?";
}

std::optional<LayerRole> role_from_key(std::string_view key) {
    for (LayerRole r : kAllRoles)
        if (role_key(r) == key) return r;
    return std::nullopt;
}

bool is_constraint_role(LayerRole role) {
    return role == LayerRole::Redline || role == LayerRole::Farmland;
}

bool is_required_role(LayerRole role) {
    return role == LayerRole::Parks || role == LayerRole::Parcels || role == LayerRole::Redline ||
           role == LayerRole::Farmland;
}

bool is_table_role(LayerRole role) { return role == LayerRole::Economics; }

}  // namespace landaudit
