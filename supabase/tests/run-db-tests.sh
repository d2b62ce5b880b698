#!/usr/bin/env bash
# pgTAP suite on a throwaway database in a Postgres cluster that has pgTAP installed
# (Debian: postgresql-15-pgtap + pg_prove). Builds the database exactly as the local stack does:
# bootstrap → migrations in order → seed → test helpers, then runs pg_prove and drops it.
#   supabase/tests/run-db-tests.sh [test files…]        (default: every supabase/tests/database/*.test.sql)
# Env: PGHOST (127.0.0.1), PGPORT (54329), PGUSER (postgres), KEEP_DB=1 to keep the database.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54329} PGUSER=${PGUSER:-postgres}
db="floorline_pgtap_$$"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

createdb "$db"
[ "${KEEP_DB:-}" = 1 ] || trap 'dropdb --if-exists --force "$db" >/dev/null 2>&1 || true' EXIT
psql_q -f supabase/local/bootstrap.sql >/dev/null 2>&1 || psql_q -f supabase/local/bootstrap.sql
for f in supabase/migrations/*.sql; do
  psql_q -1 -f "$f" >/dev/null || { echo "migration failed: $f" >&2; exit 1; }
done
[ -f supabase/seed.sql ] && { psql_q -1 -f supabase/seed.sql >/dev/null || { echo "seed failed" >&2; exit 1; }; }
for f in supabase/tests/helpers/*.sql; do
  psql_q -f "$f" >/dev/null || { echo "helper failed: $f" >&2; exit 1; }
done
[ "${KEEP_DB:-}" = 1 ] && echo "database kept: $db" >&2
if [ $# -eq 0 ]; then set -- supabase/tests/database/*.test.sql; fi
pg_prove -d "$db" --failures "$@"
