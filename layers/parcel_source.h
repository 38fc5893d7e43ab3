// Parcels a chunk at a time: what the streamed audit reads instead of holding every parcel.
// io/ implements it over OGR; VectorParcelSource serves parcels already in memory (tests, `check`).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "layers/attribute.h"
#include "layers/diagnostics.h"
#include "layers/domain.h"

namespace landaudit {

class ParcelSource {
public:
    virtual ~ParcelSource() = default;
    // Starts a pass from the first parcel; a source can be read any number of times.
    virtual void rewind() = 0;
    // Up to `max` parcels (max ≥ 1) mapped onto the domain, in the layer's order; an empty chunk
    // when the pass is done. Problems of reading and mapping go to `diagnostics` on every pass
    // (each pass reads the same features: a caller keeps one pass's).
    virtual std::vector<Parcel> next(std::size_t max, Diagnostics& diagnostics) = 0;
    // The schema of Parcel::source_values.
    virtual const std::vector<FieldDef>& fields() const = 0;
    // File and layer, for messages.
    virtual std::string label() const = 0;
    // Features the last finished pass read from the source (before mapping and hygiene).
    virtual std::size_t features_read() const = 0;
    // Features the source says it holds, for progress (0 when it cannot tell).
    virtual std::size_t expected_count() const = 0;
};

class VectorParcelSource final : public ParcelSource {
public:
    VectorParcelSource(const std::vector<Parcel>& parcels, std::vector<FieldDef> fields, std::string label = "parcels")
        : m_parcels(parcels), m_fields(std::move(fields)), m_label(std::move(label)) {}
    void rewind() override { m_next = 0; }
    std::vector<Parcel> next(std::size_t max, Diagnostics&) override {
        const std::size_t end = m_next + std::min(max, m_parcels.size() - m_next);
        std::vector<Parcel> out(m_parcels.begin() + static_cast<std::ptrdiff_t>(m_next),
                                m_parcels.begin() + static_cast<std::ptrdiff_t>(end));
        m_next = end;
        return out;
    }
    const std::vector<FieldDef>& fields() const override { return m_fields; }
    std::string label() const override { return m_label; }
    std::size_t features_read() const override { return m_parcels.size(); }
    std::size_t expected_count() const override { return m_parcels.size(); }

private:
    const std::vector<Parcel>& m_parcels;
    std::vector<FieldDef> m_fields;
    std::string m_label;
    std::size_t m_next = 0;
};

}  // namespace landaudit
