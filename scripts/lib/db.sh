# Shared by scripts/test-all.sh and scripts/gen-types.sh (source it; bash only).
# Prepares a plain Postgres 15 the way hosted Supabase looks to our migrations, then applies them
# with the Supabase CLI itself, so a migration that `supabase db push` would reject fails here too.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SUPABASE=${SUPABASE:-"$ROOT/node_modules/.bin/supabase"}
export SUPABASE_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

# db_bootstrap URL — roles, auth/extensions/realtime schemas that hosted Supabase already has.
db_bootstrap() {
  psql "$1" -X -q -v ON_ERROR_STOP=1 -f "$ROOT/supabase/local/bootstrap.sql" >/dev/null
}

# db_push URL — applies supabase/migrations through `supabase db push` (records schema_migrations).
db_push() {
  (cd "$ROOT" && "$SUPABASE" db push --remote="$1?sslmode=disable" --yes)
}

# db_seed URL — supabase/seed.sql, if there is one, in one transaction.
db_seed() {
  [ -f "$ROOT/supabase/seed.sql" ] || return 0
  psql "$1" -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$ROOT/supabase/seed.sql" >/dev/null
}

# db_gen_types URL OUT — `supabase gen types` for schema public, formatted the way Biome formats
# types/database.ts, written to OUT.
db_gen_types() {
  local raw
  raw=$(mktemp)
  (cd "$ROOT" && "$SUPABASE" gen types typescript --remote="$1?sslmode=disable" --schema public) >"$raw" 2>/dev/null \
    || { rm -f "$raw"; echo "supabase gen types failed" >&2; return 1; }
  (cd "$ROOT" && node_modules/.bin/biome format --stdin-file-path=types/database.ts) <"$raw" >"$2" \
    || { rm -f "$raw"; echo "biome could not format the generated types" >&2; return 1; }
  rm -f "$raw"
}

# free_port — an unused TCP port on 127.0.0.1.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
