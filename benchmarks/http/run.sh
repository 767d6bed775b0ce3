#!/usr/bin/env bash
# HTTP load on the receipt route with wrk, as a ratio against a baseline measured in the same run.
#   benchmarks/http/run.sh [seconds] [store]     (defaults: 10 seconds, memory; store: memory | sqlite)
# Needs wrk (Debian: apt-get install wrk). Only ever targets 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-10}"
store="${2:-memory}"
port="${PORT:-18480}"
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

dotnet build -c Release "$root/samples/Matrix.Receipts.SampleHost" -v q -nologo >/dev/null
data="$(mktemp -d)"
store_args=(--store "$store")
[ "$store" = sqlite ] && store_args+=(--data-dir "$data")
dotnet "$root/samples/Matrix.Receipts.SampleHost/bin/Release/net10.0/Matrix.Receipts.SampleHost.dll" \
  --urls "$url" "${store_args[@]}" >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fsS "$url/_matrix/client/versions" >/dev/null 2>&1 && break; sleep 0.2; done

run() { # name script -> requests/second; a run with any non-2xx answer is refused, not reported
  local out; out=$(wrk -t2 -c64 -d"${seconds}s" -s "$root/benchmarks/http/$2" "$url")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$1: some answers were not 2xx" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
# Warm up (JIT, tiered compilation), then measure each in turn.
wrk -t2 -c64 -d3s -s "$root/benchmarks/http/baseline.lua" "$url" >/dev/null
wrk -t2 -c64 -d3s -s "$root/benchmarks/http/post-receipt.lua" "$url" >/dev/null
base=$(run baseline baseline.lua)
receipt=$(run receipt post-receipt.lua)
threaded=$(run threaded post-threaded-receipt.lua)
awk -v s="$store" -v b="$base" -v r="$receipt" -v t="$threaded" 'BEGIN {
  printf "%-34s %12s %8s\n", "route (store: " s ")", "requests/s", "ratio"
  printf "%-34s %12.0f %8.2f\n", "GET versions (baseline)", b, 1
  printf "%-34s %12.0f %8.2f\n", "POST receipt m.read", r, r / b
  printf "%-34s %12.0f %8.2f\n", "POST receipt m.read, thread_id", t, t / b
}'
