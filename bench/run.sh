#!/bin/bash
# Province-scale bench (issue 8): landaudit, the GDAL I/O floor, PostGIS and optionally QGIS on the
# same generated data, in one invocation. Prints a Markdown table and appends it to bench/RESULTS.md.
#
#   bench/run.sh N [--with-qgis] [--bin PATH] [--threads T] [--no-append]
#
#   N             parcels; bench/data/N is generated first when it is missing (bench/generate.py)
#   --with-qgis   also run QGIS's native:calculatevectoroverlaps (single-threaded; slow at 1M)
#   --bin PATH    the landaudit binary (default $LANDAUDIT_BIN, else build/cli/landaudit; when that is
#                 missing it is built in Release into $BENCH_BUILD, default build-bench/)
#   --threads T   landaudit's --threads (default 2)
#   --no-append   print the table only
#
# Every step is timed with /usr/bin/time -v (wall seconds, peak RSS). PostgreSQL's memory is the
# peak summed Pss of the server's processes (bench/pss_peak.py), since psql is only a client.
# Needs: bench/setup.sh (PostgreSQL 15 + PostGIS 3, GDAL tools, GNU time, QGIS for --with-qgis).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PY=/usr/bin/python3
PGBIN=/usr/lib/postgresql/15/bin

N=""; WITH_QGIS=0; BIN="${LANDAUDIT_BIN:-}"; THREADS=2; APPEND=1
while [ $# -gt 0 ]; do
    case "$1" in
        --with-qgis) WITH_QGIS=1 ;;
        --bin) BIN="$2"; shift ;;
        --threads) THREADS="$2"; shift ;;
        --no-append) APPEND=0 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        [0-9]*) N="$1" ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$N" ] || { sed -n '2,16p' "$0" >&2; exit 2; }

if [ -z "$BIN" ]; then
    BIN="$ROOT/build/cli/landaudit"
    if [ ! -x "$BIN" ]; then
        BUILD="${BENCH_BUILD:-$ROOT/build-bench}"
        cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build "$BUILD" --target landaudit -j"$(nproc)"
        BIN="$BUILD/cli/landaudit"
    fi
fi
BIN=$(readlink -f "$BIN")

DATA="$HERE/data/$N"
[ -f "$DATA/audit.toml" ] || "$PY" "$HERE/generate.py" "$N"
NPARCELS=$(sed -n 's/^parcels=//p' "$DATA/MANIFEST.txt")

WORK=$(mktemp -d /tmp/landaudit-bench.XXXXXX)
chmod 755 "$WORK"
PGDATA="$WORK/pg"
PGPORT=""
cleanup() {
    if [ -n "$PGPORT" ] && [ -f "$PGDATA/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()        # "tool label|step name|agreement"
declare -A WALL RSS CPU

# timed NAME CMD… : runs CMD under /usr/bin/time -v, output in $WORK/NAME.log; sets WALL/RSS[NAME]
timed() {
    local name=$1; shift
    echo "== $name: $*" >&2
    if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1; then
        echo "run.sh: $name failed; its log:" >&2
        tail -30 "$WORK/$name.log" >&2
        exit 1
    fi
    WALL[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0;
                  for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$WORK/$name.time")
    RSS[$name]=$(awk '/Maximum resident set size/ {printf "%.0f", $NF / 1024}' "$WORK/$name.time")
    CPU[$name]=$(awk '/(User|System) time \(seconds\)/ {s += $NF} END {printf "%.2f", s}' "$WORK/$name.time")
    echo "   ${WALL[$name]} s wall, ${CPU[$name]} s CPU, ${RSS[$name]} MB" >&2
}

# ---------------------------------------------------------------- landaudit
timed landaudit "$BIN" run "$DATA/audit.toml" --out "$WORK/landaudit.gpkg" --no-report --no-progress \
    --threads "$THREADS"
cp "$WORK/landaudit.log" "$DATA/landaudit-summary.txt"
ROWS+=("landaudit run --threads $THREADS (full audit)|landaudit|$("$PY" "$HERE/compare.py" --summary "$WORK/landaudit.gpkg")")

# ---------------------------------------------------------------- I/O floor
# landaudit's own floor: read the parcels, write them back with all their fields and a spatial
# index, no analysis (issue 8 item 4); and GDAL alone doing the same with four fields.
timed floor_landaudit "$BIN" run "$DATA/audit.toml" --out "$WORK/floor-landaudit.gpkg" --no-analysis --no-progress
ROWS+=("I/O floor: landaudit run --no-analysis (parcels in, parcels out, all fields + spatial index)|floor_landaudit|—")
timed floor ogr2ogr -f GPKG "$WORK/floor.gpkg" "$DATA/parcels.gpkg" parcels -nln parcels \
    -select ZDDM,DLBM,HYDM,QYDM -nlt PROMOTE_TO_MULTI -lco SPATIAL_INDEX=YES -gt 100000
ROWS+=("I/O floor: ogr2ogr parcels → GPKG, 4 fields + spatial index|floor|—")

# ---------------------------------------------------------------- PostGIS
PGPORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$PGDATA" "$WORK/pglog" && chown postgres: "$PGDATA" "$WORK/pglog"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
cat >>"$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGDATA'
shared_buffers = 1GB
work_mem = 256MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pglog/postgres.log" -w start >/dev/null
PG="host=127.0.0.1 port=$PGPORT user=bench dbname=bench"
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U bench bench
"$PGBIN/psql" -q "$PG" -c "CREATE EXTENSION postgis" >/dev/null
POSTMASTER=$(head -1 "$PGDATA/postmaster.pid")

# CPU seconds of the server's ended processes (backends, parallel workers): the postmaster's cutime + cstime
server_cpu_ticks() { awk '{print $16 + $17}' "/proc/$POSTMASTER/stat"; }

pg_timed() {   # pg_timed NAME CMD… : timed, with the server's peak Pss and CPU added to the client's
    local name=$1; shift
    rm -f "$WORK/$name.stop"
    "$PY" "$HERE/pss_peak.py" "$POSTMASTER" "$WORK/$name.stop" "$WORK/$name.pss" &
    local sampler=$! before
    before=$(server_cpu_ticks)
    timed "$name" "$@"
    sleep 1   # the backend exits and is reaped after psql disconnects
    touch "$WORK/$name.stop"; wait "$sampler"
    RSS[$name]=$(( RSS[$name] + $(cat "$WORK/$name.pss") / 1024 ))
    CPU[$name]=$(awk -v c="${CPU[$name]}" -v a="$before" -v b="$(server_cpu_ticks)" -v hz="$(getconf CLK_TCK)" \
                 'BEGIN {printf "%.2f", c + (b - a) / hz}')
}

cat >"$WORK/load.sh" <<EOF
set -e
for layer in parcels redline farmland; do
    PG_USE_COPY=YES ogr2ogr -f PostgreSQL "PG:$PG" "$DATA/\$layer.gpkg" \$layer -nln \$layer \
        -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -gt 100000
done
EOF
pg_timed pg_load bash "$WORK/load.sh"
ROWS+=("PostGIS load: ogr2ogr parcels, red line, farmland (not in the query)|pg_load|—")

cat >"$WORK/query.sql" <<'EOF'
\timing on
\set ON_ERROR_STOP on
-- the query an expert writes: dissolve each constraint layer, cut it into pieces of ≤ 256 vertices,
-- index the pieces, then per parcel the summed area of its intersection with the pieces
CREATE TABLE red_pieces AS SELECT ST_Subdivide(ST_Union(geom), 256) AS geom FROM redline;
CREATE INDEX ON red_pieces USING gist (geom);
CREATE TABLE farm_pieces AS SELECT ST_Subdivide(ST_Union(geom), 256) AS geom FROM farmland;
CREATE INDEX ON farm_pieces USING gist (geom);
ANALYZE red_pieces;
ANALYZE farm_pieces;
CREATE TABLE overlap AS
SELECT p.zddm AS parcel_id,
       COALESCE((SELECT SUM(ST_Area(ST_Intersection(p.geom, r.geom))) FROM red_pieces r
                 WHERE ST_Intersects(p.geom, r.geom)), 0) AS red_m2,
       COALESCE((SELECT SUM(ST_Area(ST_Intersection(p.geom, f.geom))) FROM farm_pieces f
                 WHERE ST_Intersects(p.geom, f.geom)), 0) AS farm_m2
FROM parcels p;
EOF
pg_timed pg_query "$PGBIN/psql" -X "$PG" -f "$WORK/query.sql"
"$PGBIN/psql" -X -q "$PG" -c "\\copy (SELECT parcel_id, red_m2, farm_m2 FROM overlap) TO '$WORK/postgis.csv' CSV HEADER"
PG_AGREE=$("$PY" "$HERE/compare.py" "$WORK/landaudit.gpkg" "$WORK/postgis.csv" parcel_id red_m2 farm_m2 \
           2>"$WORK/postgis.agree.json")
grep -E '^(SELECT|CREATE|ANALYZE|Time)' "$WORK/pg_query.log" > "$DATA/postgis-steps.txt" || true
ROWS+=("PostGIS query: ST_Union, ST_Subdivide 256, GiST, ST_Area(ST_Intersection)|pg_query|$PG_AGREE")

runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null
PGPORT=""

# ---------------------------------------------------------------- QGIS
if [ "$WITH_QGIS" = 1 ]; then
    export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK/xdg"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    # qgis_process.bin: the Debian wrapper breaks with the qgis desktop package (land-rules §9)
    timed qgis qgis_process.bin run native:calculatevectoroverlaps --ELLIPSOID=NONE \
        "--INPUT=$DATA/parcels.gpkg|layername=parcels" "--LAYERS=$DATA/redline.gpkg|layername=redline" \
        "--LAYERS=$DATA/farmland.gpkg|layername=farmland" "--OUTPUT=$WORK/qgis.gpkg"
    Q_AGREE=$("$PY" "$HERE/compare.py" "$WORK/landaudit.gpkg" "$WORK/qgis.gpkg" ZDDM redline_area farmland_area \
              2>"$WORK/qgis.agree.json")
    ROWS+=("QGIS native:calculatevectoroverlaps (qgis_process)|qgis|$Q_AGREE")
fi

# ---------------------------------------------------------------- table
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -f "$(dirname "$BIN")/../../src/COMMIT" ] && COMMIT="$(cut -c1-7 "$(dirname "$BIN")/../../src/COMMIT") (binary built from a git archive of it)"
MEM_GB=$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo
    echo "### $NPARCELS parcels — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($CPU), $MEM_GB GB; commit $COMMIT; binary \`${BIN#$ROOT/}\`;"
    echo "load average (1/5/15 min) $LOAD_START at the start, $LOAD_END at the end. Data: \`bench/data/$N\`"
    echo "($(tr '\n' ' ' < "$DATA/MANIFEST.txt"))."
    echo
    echo "| size | tool | wall s | CPU s | peak RSS MB | ratio to landaudit (wall) | agreement with landaudit (red_m2 / farm_m2 per parcel) |"
    echo "|---:|---|---:|---:|---:|---:|---|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r tool step agree <<<"$row"
        ratio=$(awk -v a="${WALL[$step]}" -v b="${WALL[landaudit]}" 'BEGIN {printf "%.2f×", a / b}')
        echo "| $NPARCELS | $tool | ${WALL[$step]} | ${CPU[$step]} | ${RSS[$step]} | $ratio | $agree |"
    done
} > "$WORK/table.md"
cat "$WORK/table.md"
[ "$APPEND" = 1 ] && cat "$WORK/table.md" >> "$HERE/RESULTS.md"
cp "$WORK"/*.agree.json "$DATA/" 2>/dev/null || true
