// Where the audit's output layers go as they are made: a GeoPackage in io/, memory in tests.
#pragma once

#include <cstddef>
#include <vector>

#include "layers/output_table.h"

namespace landaudit {

class TableSink {
public:
    virtual ~TableSink() = default;
    // Declares a layer (the rows of `schema` are ignored); layers keep the order declared.
    virtual std::size_t add_layer(const OutputTable& schema) = 0;
    // Rows of a declared layer, in order; may be called any number of times per layer.
    virtual void append(std::size_t layer, std::vector<OutputRow> rows) = 0;
};

// Collects the layers in memory, whole.
class MemoryTableSink final : public TableSink {
public:
    std::size_t add_layer(const OutputTable& schema) override {
        tables.push_back({schema.name, schema.title, schema.geometry, schema.fields, {}});
        return tables.size() - 1;
    }
    void append(std::size_t layer, std::vector<OutputRow> rows) override {
        auto& target = tables.at(layer).rows;
        for (auto& r : rows) target.push_back(std::move(r));
    }
    std::vector<OutputTable> tables;
};

}  // namespace landaudit
