// `--out "PG:… schemas=NAME"`: an audit's layers published into a PostGIS schema, so a bureau's
// 一张图 database takes the results, with QGIS's public.layer_styles rows so they open styled.
#pragma once

#include <string>
#include <vector>

#include "layers/layer_style.h"
#include "layers/progress.h"

namespace landaudit {

struct PostgisTarget {
    std::string connection;  // "PG:…" without the schemas= part
    std::string schema;      // the schema the layers go into, replaced as a whole
    std::string display;     // for messages: the target with any password masked
};

bool is_postgis_target(const std::string& path);

// Where the run stages its GeoPackage before publishing it: the temp folder, named by process and
// schema (for a TemporaryFile, so an interrupt removes it).
std::string postgis_staging_path(const PostgisTarget& target);

// "PG:dbname=gis host=… schemas=audit_2025" → connection and schema. Throws AuditError (config)
// when schemas= is missing, names several schemas or is not a plain lower-case identifier.
PostgisTarget parse_postgis_target(const std::string& path);

// Copies every layer of the finished GeoPackage (all but its own layer_styles) into the target
// schema and records `styles` in public.layer_styles (created as QGIS creates it when missing),
// all in one transaction: the schema is dropped and re-created inside it, so readers see the
// previous results or the new ones, never a mixture, and a failure or interrupt changes nothing.
void publish_to_postgis(const std::string& gpkg_path, const PostgisTarget& target,
                        const std::vector<LayerStyle>& styles, const ProgressFn& progress);

}  // namespace landaudit
