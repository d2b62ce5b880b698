# Counting and timing for scripts/test-all.sh (source it).
# Every check adds to PASSED/FAILED/SKIPPED; a suite adds its runner's own counts.

PASSED=0
FAILED=0
SKIPPED=0
SUMMARY=()

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

if [ -t 1 ]; then
  banner() { printf '\n\033[1m── %s\033[0m\n' "$1"; }
else
  banner() { printf '\n── %s\n' "$1"; }
fi

# tally NAME PASSED FAILED SKIPPED STARTED
tally() {
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SKIPPED=$((SKIPPED + $4))
  local took status=ok
  took=$(elapsed "$5")
  [ "$3" -gt 0 ] && status=FAILED
  [ "$2" -eq 0 ] && [ "$3" -eq 0 ] && status=skipped
  SUMMARY+=("$(printf '%-34s %-8s %4d passed %4d failed %4d skipped  %8s' "$1" "$status" "$2" "$3" "$4" "$took")")
  printf '%s: %s (%s)\n' "$1" "$status" "$took"
}

# check NAME COMMAND... — one pass/fail check.
check() {
  local name=$1 started
  shift
  banner "$name"
  started=$(now)
  if "$@"; then tally "$name" 1 0 0 "$started"; else tally "$name" 0 1 0 "$started"; fi
}

# skip NAME REASON — a check that could not run (counted as skipped, with the reason).
skip() {
  banner "$1"
  echo "skipped: $2"
  tally "$1" 0 0 1 "$(now)"
}

print_summary() {
  banner 'Summary'
  printf '%s\n' "${SUMMARY[@]}"
  echo "total time $(elapsed "$ALL_STARTED")"
}
