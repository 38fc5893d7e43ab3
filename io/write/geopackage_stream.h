// An audit GeoPackage written a batch of rows at a time by a writer thread, so that rows need not
// all be held before writing and the analysis of the next chunk overlaps the writing of this one.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/write/gpkg_writer.h"
#include "layers/output_table.h"
#include "layers/progress.h"
#include "layers/table_sink.h"

namespace landaudit {

class TemporaryFile;

// Every GDAL call on the dataset runs on the writer thread, in the order the calls were made here;
// the whole file is one transaction and each layer's R-tree is built once, when the file is closed.
// Nothing appears at `path` until finish() renames the finished file into place; destroyed
// unfinished (an error, an exception) it leaves nothing behind, and a previous file stays.
class GeopackageStream final : public TableSink {
public:
    // Checks the target as write_geopackage does (not an input, folder creatable); throws AuditError.
    GeopackageStream(const std::string& path, const std::string& working_crs, const std::vector<std::string>& inputs);
    ~GeopackageStream();
    GeopackageStream(const GeopackageStream&) = delete;
    GeopackageStream& operator=(const GeopackageStream&) = delete;

    // Declares a layer from `schema` (its rows are ignored); layers are listed in the file in the
    // order declared. Returns the handle append() takes.
    std::size_t add_layer(const OutputTable& schema) override;
    // Queues rows of a declared layer. Waits while the writer is more than a few batches behind, so
    // memory stays bounded; rethrows here what the writer thread met.
    void append(std::size_t layer, std::vector<OutputRow> rows) override;
    // The distinct non-empty text values of a field of a layer written so far, sorted (byte order):
    // what a style whose categories come from the data needs, without holding the rows.
    std::vector<std::string> distinct_text(const std::string& layer, const std::string& field);
    // Field aliases, styles and run information; closes the file (building the spatial indexes) and
    // renames it into place. Throws AuditError naming the output on any failure.
    void finish(const GeopackageExtras& extras, const ProgressFn& progress);

private:
    using Task = std::function<void()>;
    void post(Task task);
    void wait_idle();  // every posted task done; rethrows the writer's failure
    void writer_loop();

    struct Dataset;  // the GDAL side, touched by the writer thread only
    std::string m_path;
    std::unique_ptr<TemporaryFile> m_temp;
    std::unique_ptr<Dataset> m_dataset;
    std::vector<std::shared_ptr<const OutputTable>> m_schemas;  // rows empty; shared with the writer's tasks

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Task> m_tasks;
    bool m_busy = false, m_stopping = false;
    std::exception_ptr m_failure;
    std::thread m_writer;
};

}  // namespace landaudit
