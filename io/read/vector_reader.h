// Opening one configured layer through OGR and reading it into a SourceLayer in the working CRS.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "layers/audit_config.h"
#include "layers/diagnostics.h"
#include "layers/progress.h"
#include "layers/source_layer.h"

namespace landaudit {

class VectorSource {
public:
    // Opens read-only. Throws AuditError naming the file and layer, with a hint.
    explicit VectorSource(const LayerSource& source);

    const LayerSource& config() const { return m_config; }
    std::string label() const;          // "file" or "file layer 'x'"
    std::string encoding_note() const { return m_encoding_note; }
    std::vector<FieldDef> fields() const;

    // The layer's CRS: the config override, else the source's. Throws AuditError (with the
    // layer's bounds and a guess of its CGCS2000 zone) when there is neither.
    const OGRSpatialReference& crs() const;
    bool has_crs() const { return m_srs != nullptr; }

    // Longitude of the centre of the layer's extent, via CGCS2000 geographic.
    double centre_longitude() const;
    // The layer's extent in CGCS2000 longitude/latitude (degrees); nullopt when it cannot be had.
    std::optional<OGREnvelope> geographic_extent() const;
    long long feature_count() const;
    // The layer's own extent transformed to `working` (its corners and edges), without reading the
    // features; empty (!IsInit) when it cannot be had.
    OGREnvelope extent_in(const OGRSpatialReference& working) const;

    // Reads every feature, geometries transformed to `working` and flattened to 2D.
    // Features whose geometry cannot be transformed keep a null geometry and are listed.
    // A feature GDAL cannot read (a damaged geometry blob, a .shx entry leading to no record) is
    // left out and listed as unreadable_geometry; a .shp cut off short of its header's length is an
    // error (the constructor throws).
    SourceLayer read(const OGRSpatialReference& working, Diagnostics& diagnostics, const ProgressFn& progress);

    // The same pass as read(), a chunk of features at a time, so that a province's parcels need not
    // be held at once. Per-feature diagnostics are added as their features are read; the layer's
    // summary rows (GDAL warnings, Z/M dropped, a contradicted encoding) when the pass ends. One
    // cursor at a time per source: opening another starts a new pass from the first feature.
    class Cursor {
    public:
        // The layer's schema and names, with no features: what every chunk carries.
        const SourceLayer& schema() const { return m_schema; }
        // Up to `max` features (max ≥ 1), in the layer's order; an empty chunk when the pass is done.
        SourceLayer next(std::size_t max);
        bool done() const { return m_done; }
        long long features_read() const { return m_read; }

    private:
        friend class VectorSource;
        Cursor(VectorSource& source, const OGRSpatialReference& working, Diagnostics& diagnostics,
               const ProgressFn& progress);
        void finish();

        VectorSource& m_source;
        Diagnostics& m_diagnostics;
        ProgressFn m_progress;
        SourceLayer m_schema;
        std::unique_ptr<OGRCoordinateTransformation> m_ct;
        std::vector<OGRFieldType> m_types;
        std::optional<OGREnvelope> m_usable, m_reach;
        int m_id_index = -1;
        long long m_total = 1, m_seen = 0, m_read = 0, m_flattened = 0, m_more_warnings = 0;
        std::string m_warnings;  // GDAL's first warnings over the whole layer, for one gdal_warning row
        bool m_done = false;
    };
    std::unique_ptr<Cursor> open_cursor(const OGRSpatialReference& working, Diagnostics& diagnostics,
                                        const ProgressFn& progress);

    // The extent of the geometries read, in the working CRS; empty (!IsInit) before read() or
    // when no feature has a geometry.
    const OGREnvelope& extent() const { return m_extent; }

private:
    // Throws AuditError with the layer's bounds and a likely CRS when no coordinate lies inside
    // the area of use of its CRS.
    void require_within_area_of_use() const;

    LayerSource m_config;
    GDALDatasetUniquePtr m_dataset;
    OGRLayer* m_layer = nullptr;
    std::unique_ptr<OGRSpatialReference> m_srs;
    std::string m_encoding;
    std::string m_encoding_note;
    std::string m_encoding_contradiction;  // a .cpg/LDID the bytes contradicted, for diagnostics
    std::map<long long, std::string> m_unreadable_records;  // Shapefile .shx entries leading to no record, by FID
    OGREnvelope m_extent;
};

}  // namespace landaudit
