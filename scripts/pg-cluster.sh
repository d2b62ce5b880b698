#!/usr/bin/env bash
# A throwaway Debian PostgreSQL 15 cluster for the database-level checks (pgTAP, db lint,
# advisors, the contract suite on Postgres).
#   scripts/pg-cluster.sh start [DIR] [PORT]  → prints PG_URL=postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop  [DIR]
# Durability (fsync, synchronous_commit, full_page_writes) is ON by default, as in production, so a
# bench on this cluster measures what a real database pays for a commit. PG_DURABILITY=off turns it
# off for throwaway test runs (npm test, types:gen), where a crash loses nothing of value.
# plpgsql_check (what `supabase db lint` uses) is preloaded when it is installed; without it the
# cluster still starts (db lint then fails on its own, with the package named).
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/floorline-pg}
bin=/usr/lib/postgresql/15/bin

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    port=${3:-$(free_port)}
    if [ -f "$dir/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c wal_level=logical"
    case "${PG_DURABILITY:-on}" in
      on) ;;
      off) opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
      *) echo "PG_DURABILITY must be on or off, not ${PG_DURABILITY}" >&2; exit 2 ;;
    esac
    libdir=$("$bin/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)
    if [ -f "$libdir/plpgsql_check.so" ]; then
      opts="$opts -c shared_preload_libraries=plpgsql_check"
    else
      echo "pg-cluster: plpgsql_check is not installed (postgresql-15-plpgsql-check): starting without it" >&2
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "$opts" start >/dev/null
    echo "PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    # immediate: a throwaway cluster needs no clean shutdown, and a backend stuck in a test must not hold it up
    [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 2 ;;
esac
