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

// The schema a run fills before swapping it in for target.schema: NAME__landaudit_tmp. It exists
// only inside the publishing transaction, so no reader (and no failed run) ever sees it.
std::string postgis_staging_schema(const PostgisTarget& target);

// "PG:dbname=gis host=… schemas=audit_2025" → connection and schema. Throws AuditError (config)
// when schemas= is missing, names several schemas or is not a plain lower-case identifier
// of at most 48 characters.
PostgisTarget parse_postgis_target(const std::string& path);

// Copies every layer of the finished GeoPackage (all but its own layer_styles) into the target
// schema and records `styles` in public.layer_styles (created as QGIS creates it when missing),
// all in one transaction: the layers go into the staging schema, which then replaces the target
// schema (drop, rename), so readers see the previous results or the new ones, never a mixture,
// and a failure or interrupt changes nothing and leaves no staging schema.
void publish_to_postgis(const std::string& gpkg_path, const PostgisTarget& target,
                        const std::vector<LayerStyle>& styles, const ProgressFn& progress);

}  // namespace landaudit
