#!/usr/bin/env bash
# Runs a command with a private PostgreSQL server: a cluster made with initdb in a temporary
# folder, listening on a free loopback port, stopped and deleted when the command ends. The
# command finds the server in RELANCE_TEST_POSTGRES (postgres://relance@127.0.0.1:PORT).
#   scripts/with-postgres.sh cargo test -p server
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
export PATH="${bin:+$bin:}$PATH"
command -v initdb >/dev/null || { echo "PostgreSQL's initdb is not installed (Debian: apt install postgresql)" >&2; exit 1; }

dir=$(mktemp -d /tmp/relance-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi

stop() {
    as_owner pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    # RELANCE_PG_LOG=file keeps the server's log (with RELANCE_PG_OPTIONS="-c
    # log_min_duration_statement=50", the slow statements).
    if [ -n "${RELANCE_PG_LOG:-}" ]; then cp "$dir/server.log" "$RELANCE_PG_LOG" || true; fi
    rm -rf "$dir"
}
trap stop EXIT

as_owner initdb -D "$dir/data" -A trust -U relance -E UTF8 --no-sync >/dev/null
# Tests create a database each and run in parallel: room for their pools; durability is not
# what these tests measure, so no fsync.
as_owner pg_ctl -D "$dir/data" -l "$dir/server.log" -w -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${RELANCE_PG_OPTIONS:-}" \
    start >/dev/null

export RELANCE_TEST_POSTGRES="postgres://relance@127.0.0.1:$port"
echo "PostgreSQL $(postgres --version | awk '{print $3}') on port $port"
"$@"
