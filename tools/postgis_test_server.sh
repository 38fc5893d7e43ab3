#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS cluster for the tests (never a system service):
#   tools/postgis_test_server.sh start DIR   initdb in DIR/pg, listen on 127.0.0.1 at a free port,
#                                            create database "audit" with PostGIS; prints the port
#   tools/postgis_test_server.sh stop DIR    stop it (the caller removes DIR)
# As root (CI) the server runs as the "postgres" user, since initdb refuses root.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "$0: PostgreSQL 15 is not installed ($PGBIN/initdb): run tools/setup.sh test" >&2; exit 3; }
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgdata="$dir/pg"
case "$cmd" in
start)
    chmod 755 "$dir"
    mkdir -p "$pgdata"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdata"
    as_server "$PGBIN/initdb" -D "$pgdata" -U landaudit --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdata'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    as_server "$PGBIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w start >/dev/null ||
        { cat "$pgdata/server.log" >&2; exit 1; }
    "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U landaudit audit
    "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U landaudit -d audit -c "CREATE EXTENSION postgis" >/dev/null
    echo "$port"
    ;;
stop)
    [ -f "$pgdata/postmaster.pid" ] && as_server "$PGBIN/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
