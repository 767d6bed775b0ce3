#!/usr/bin/env bash
# Runs every test project of the solution, starting what the tests need first (PostgreSQL 15).
# Ends with one line "N passed, N failed[, N skipped]" summed over all test projects.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# PostgreSQL: the store tests need a real server. Start the machine's cluster when it is down; the
# tests themselves fail (never skip) when they cannot reach it.
bash "$root/scripts/postgres.sh" || echo "warning: PostgreSQL could not be prepared; its tests will fail" >&2

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test "$root/Matrix.Receipts.sln" -c Release --logger "trx" --results-directory "$results" "$@"
rc=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build error or a crashed test host leaves no failed count behind: still a failure.
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$rc"
