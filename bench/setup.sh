#!/bin/sh
# Packages the bench needs beyond tools/setup.sh (Debian 12): PostgreSQL 15 + PostGIS 3 for the
# PostGIS comparison, GDAL's command-line tools (ogr2ogr) for the I/O floor and the load, GNU time
# for wall time and peak RSS, numpy for the generator, QGIS (qgis_process.bin) for --with-qgis,
# perf/valgrind for profiling.
set -e
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    postgresql-15 postgresql-15-postgis-3 postgis gdal-bin python3-gdal python3-numpy time \
    qgis qgis-providers python3-qgis linux-perf valgrind
