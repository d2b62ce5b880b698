#!/usr/bin/env bash
# npm run types:gen — regenerates types/database.ts from supabase/migrations.
# Applies the migrations to a throwaway Postgres 15 (scripts/pg-cluster.sh) through the Supabase
# CLI and runs `supabase gen types typescript` against it; no Docker, no hosted project needed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib/db.sh"

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "types:gen needs PostgreSQL 15 (apt-get install postgresql-15), which npm test installs when run as root." >&2
  exit 1
fi
dir=/tmp/floorline-types-pg-$$
trap 'bash "$ROOT/scripts/pg-cluster.sh" stop "$dir"' EXIT
eval "$(PG_DURABILITY=off bash "$ROOT/scripts/pg-cluster.sh" start "$dir")"
db_bootstrap "$PG_URL"
db_push "$PG_URL" >/dev/null
mkdir -p "$ROOT/types"
db_gen_types "$PG_URL" "$ROOT/types/database.ts"
echo "wrote types/database.ts"
