// Reading the engine's output in the end-to-end tests: open a vector source, and each feature as
// a row of named values (null, number, text) — plain GDAL, no landaudit code.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli_test {

inline GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {},
                                        bool update = false) {
    std::vector<const char*> oo;
    for (const auto& o : open_options) oo.push_back(o.c_str());
    oo.push_back(nullptr);
    return GDALDatasetUniquePtr(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY) | GDAL_OF_VERBOSE_ERROR, nullptr,
        oo.data(), nullptr));
}

// A value as read: null, number (real or integer fields) and text.
struct Val {
    bool null = true;
    double d = 0.0;
    std::string s;
    bool operator==(const Val& o) const { return null == o.null && (null || (d == o.d && s == o.s)); }
};

struct Row {
    std::map<std::string, Val> v;
    const Val& at(const std::string& k) const {
        auto it = v.find(k);
        if (it == v.end()) throw std::runtime_error("no output field " + k);
        return it->second;
    }
    bool null(const std::string& k) const { return at(k).null; }
    double d(const std::string& k) const { return at(k).d; }
    std::string s(const std::string& k) const { return at(k).s; }
    std::optional<double> opt(const std::string& k) const {
        return null(k) ? std::nullopt : std::optional<double>(d(k));
    }
};

inline Row row_of(OGRFeature& f) {
    Row row;
    OGRFeatureDefn* defn = f.GetDefnRef();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        Val val;
        if (f.IsFieldSetAndNotNull(i)) {
            val.null = false;
            const auto type = defn->GetFieldDefn(i)->GetType();
            if (type == OFTReal || type == OFTInteger || type == OFTInteger64) val.d = f.GetFieldAsDouble(i);
            val.s = f.GetFieldAsString(i);
        }
        row.v[defn->GetFieldDefn(i)->GetNameRef()] = val;
    }
    return row;
}

inline std::vector<Row> read_layer(GDALDataset& ds, const char* name) {
    std::vector<Row> rows;
    OGRLayer* layer = ds.GetLayerByName(name);
    if (!layer) throw std::runtime_error(std::string("no layer ") + name);
    layer->ResetReading();
    for (auto& f : *layer) rows.push_back(row_of(*f));
    return rows;
}

inline std::map<std::string, const Row*> index_by(const std::vector<Row>& rows, const char* key) {
    std::map<std::string, const Row*> out;
    for (const auto& r : rows) out[r.s(key)] = &r;
    return out;
}

// Each feature of a layer as text: fid, every field's value and the geometry's WKB, in fid order;
// two outputs are equal value for value when their dumps are.
inline std::vector<std::string> dump_layer(OGRLayer& layer) {
    std::vector<std::string> rows;
    layer.ResetReading();
    for (auto& f : layer) {
        std::string row = std::to_string(f->GetFID());
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row += "|" + std::string(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::vector<unsigned char> wkb(g->WkbSize());
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            row += "|" + std::string(wkb.begin(), wkb.end());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace cli_test
