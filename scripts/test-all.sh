#!/usr/bin/env bash
# npm test — every check Floorline has, in order, each counted:
#   Debian packages → lint → typecheck → throwaway Postgres 15 migrated by `supabase db push` →
#   seed → types drift → error codes drift → db lint → db advisors (security) → pgTAP → vitest (unit,
#   stack contract on PGlite and Postgres, integration) → next build + Playwright e2e on a fresh local stack.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero if anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib/db.sh
source scripts/lib/report.sh
export NEXT_TELEMETRY_DISABLED=1
ALL_STARTED=$(now)
WORK=$(mktemp -d /tmp/floorline-test.XXXXXX)
PG_DIR=/tmp/floorline-test-pg-$$
PG_URL=

cleanup() {
  [ -d "$PG_DIR" ] && bash scripts/pg-cluster.sh stop "$PG_DIR"
  rm -rf "$WORK" "/tmp/floorline-e2e-$$" "/tmp/floorline-e2e-$$-storage"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# suite NAME KIND RESULT_FILE COMMAND... — a runner whose own counts are added up.
suite() {
  local name=$1 kind=$2 file=$3 started counts
  shift 3
  banner "$name"
  started=$(now)
  "$@"
  counts=$(node scripts/lib/count.mjs "$kind" "$file")
  # shellcheck disable=SC2086
  tally "$name" $counts "$started"
}

# ── (a) Debian packages: Postgres 15, pgTAP, plpgsql_check for the DB checks; Chromium for e2e
PACKAGES=(postgresql-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl postgresql-15-plpgsql-check chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    install_missing() {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    }
    check "install ${missing[*]}" install_missing
  else
    banner 'Debian packages'
    echo "missing: ${missing[*]} (sudo apt-get install ${missing[*]}); the checks that need them will fail"
  fi
fi

# ── (b, c) static checks
check 'lint (biome)' node_modules/.bin/biome check .
check 'typecheck (tsc)' npm run -s typecheck

# ── (d) a throwaway Postgres 15 shaped like hosted Supabase, migrated by the Supabase CLI
start_cluster() {
  local out
  # a throwaway cluster for checks, not for timing: durability off (scripts/pg-cluster.sh)
  out=$(PG_DURABILITY=off bash scripts/pg-cluster.sh start "$PG_DIR") || return 1
  eval "$out"
  echo "$PG_URL"
  db_bootstrap "$PG_URL"
}
db_ok=false
before=$FAILED
check 'postgres 15 + platform bootstrap' start_cluster
if [ "$FAILED" = "$before" ]; then
  check 'migrations (supabase db push)' db_push "$PG_URL"
  [ "$FAILED" = "$before" ] && db_ok=true
else
  PG_URL=
fi

# ── (e, f, g) checks on the migrated schema
types_drift() {
  db_gen_types "$PG_URL" "$WORK/database.ts" || return 1
  if ! diff -u types/database.ts "$WORK/database.ts" >"$WORK/types.diff" 2>&1; then
    head -60 "$WORK/types.diff"
    echo "types/database.ts does not match supabase/migrations. Regenerate it: npm run types:gen"
    return 1
  fi
  echo 'types/database.ts matches the migrations'
}
errors_doc_drift() {
  node scripts/error-codes-doc.mjs "$PG_URL" --check
}
db_lint() {
  "$SUPABASE" db lint --remote="$PG_URL?sslmode=disable" --level error --fail-on error
}
db_advisors() {
  "$SUPABASE" db advisors --remote="$PG_URL?sslmode=disable" --type all --level info --output-format json \
    2>"$WORK/advisors.err" | node scripts/lib/advisors.mjs || { cat "$WORK/advisors.err"; return 1; }
}
if $db_ok; then
  [ -f supabase/seed.sql ] && check 'seed (supabase/seed.sql)' db_seed "$PG_URL"
  check 'types drift (types/database.ts)' types_drift
  check 'error codes drift (docs/errors.md)' errors_doc_drift
  check 'db lint (plpgsql_check)' db_lint
  check 'db advisors (security)' db_advisors
else
  for name in 'types drift (types/database.ts)' 'error codes drift (docs/errors.md)' 'db lint (plpgsql_check)' 'db advisors (security)'; do
    skip "$name" 'the migrations did not apply'
  done
fi

# ── (h) pgTAP. supabase/tests/helpers/*.sql and non-test .sql files in tests/database are loaded
# first with psql; *.test.sql files are the tests, run in name order.
run_pgtap() {
  local f tests=()
  psql "$PG_URL" -X -q -v ON_ERROR_STOP=1 -c 'create extension if not exists pgtap with schema extensions' || return
  for f in supabase/tests/helpers/*.sql supabase/tests/database/*.sql; do
    [ -f "$f" ] && [[ "$f" != *.test.sql ]] && { psql "$PG_URL" -X -q -v ON_ERROR_STOP=1 -f "$f" || return; }
  done
  for f in supabase/tests/database/*.test.sql; do [ -f "$f" ] && tests+=("$f"); done
  # A test that waits on a lock it holds itself (say, through a dblink session) would hang the run:
  # every session of this throwaway database, dblink's included, gives up waiting after 60 s.
  psql "$PG_URL" -X -q -c "do \$\$ begin execute format('alter database %I set lock_timeout = %L', current_database(), '60s'); end \$\$" ||
    return
  # hosted Supabase puts extensions (pgTAP included) on the search path
  PGOPTIONS='-c search_path="$user",public,extensions' timeout 900 \
    pg_prove --verbose --dbname "$PG_URL" "${tests[@]}" 2>&1 | tee "$WORK/pgtap.log"
}
if ! compgen -G 'supabase/tests/database/*.test.sql' >/dev/null; then
  skip 'pgTAP (pg_prove)' 'no supabase/tests/database/*.test.sql yet'
elif $db_ok; then
  suite 'pgTAP (pg_prove)' pg_prove "$WORK/pgtap.log" run_pgtap
else
  skip 'pgTAP (pg_prove)' 'the migrations did not apply'
fi

# ── (i) vitest: unit, the stack contract suite on PGlite (and on Postgres with TEST_PG_URL), integration
run_vitest() {
  if [ -n "$PG_URL" ]; then export TEST_PG_URL=$PG_URL; fi
  node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$WORK/vitest.json"
}
suite 'vitest' vitest "$WORK/vitest.json" run_vitest

# ── (j) Playwright against `next build && next start` (built by playwright.config.ts's webServer)
# on a fresh embedded local stack, on ports and a data folder of its own so a running
# `npm run dev` (54321 / 3000) is left alone.
E2E_STACK_PORT=$(free_port)
E2E_APP_PORT=$(free_port)
export E2E_STACK_PORT E2E_APP_PORT E2E_DATA_DIR=/tmp/floorline-e2e-$$ FLOORLINE_SKIP_BUILD_TYPECHECK=1
suite 'next build + playwright e2e' playwright "$WORK/playwright.json" \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$WORK/playwright.json" node_modules/.bin/playwright test --reporter=list,json

print_summary
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
