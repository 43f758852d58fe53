#!/usr/bin/env bash
# `npm run bench [-- NAME...]`: Reservoir's benchmarks, each beside its ceiling, on servers of
# their own. NAME: http, redis-cost, redis-instructions, sync, replace, webhooks, search, durability (default: all of them, in that order).
# Then bench/report.ts writes bench/RESULTS.md from bench/results/*.json.
#
#   npm run bench                 # everything (~15 min on the 2-core machine)
#   npm run bench -- http         # one benchmark; RESULTS.md keeps the others' last figures
#   BENCH_RUNTIME=tsx npm run bench -- http   # servers from their TypeScript (tsx), not the build
#
# Servers: our own redis-server (AOF and RDB off: the benchmarks measure Reservoir, not the disk)
# and MongoDB-wire server (mongod if on PATH, else FerretDB, see scripts/servers.sh) on free
# loopback ports, stopped at the end. Other knobs: BENCH_DURATION, BENCH_WARMUP, BENCH_SLICES,
# BENCH_CONNECTIONS, BENCH_SYNC_*, BENCH_PUT_*, BENCH_WEBHOOK_*, BENCH_SEARCH_ORDERS,
# BENCH_SEARCH_REQUESTS (see the scripts); none is needed.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
. "$ROOT/scripts/servers.sh"

ALL=(http redis-cost redis-instructions sync replace webhooks search durability)
if [ "$#" -gt 0 ]; then SELECTED=("$@"); else SELECTED=("${ALL[@]}"); fi
for name in "${SELECTED[@]}"; do
  [ -f "$ROOT/bench/$name.ts" ] || { echo "bench: no benchmark '$name' (have: ${ALL[*]})" >&2; exit 2; }
done

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
ensure_redis_server
ensure_mongo_server

# First free port at or after $1 (never 6379 / 27017: those may belong to someone else).
pick_port() {
  local p="$1"
  while port_in_use "$p"; do p=$((p + 1)); done
  printf '%s\n' "$p"
}

BENCH_DATA="$(mktemp -d "${TMPDIR:-/tmp}/reservoir-bench.XXXXXX")"
cleanup() {
  stop_servers
  rm -rf "$BENCH_DATA"
}
trap cleanup EXIT

REDIS_PORT="$(pick_port 16480)"
start_redis "$REDIS_PORT" "$BENCH_DATA/redis"
redis-cli -p "$REDIS_PORT" config set appendonly no >/dev/null
MONGO_PORT="$(pick_port 27480)"
start_mongo "$MONGO_PORT" "$BENCH_DATA/mongo"

export BENCH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export BENCH_MONGO_URL="mongodb://127.0.0.1:$MONGO_PORT"
if command -v mongod >/dev/null 2>&1; then export BENCH_MONGO_KIND=mongod; else export BENCH_MONGO_KIND=ferretdb; fi
export RESERVOIR_FERRETDB_BIN
export BENCH_COMMAND="npm run bench${*:+ -- $*}"
# The service runs as it is deployed (npm run build, node <build>/server.js), the ceilings as
# esbuild bundles; BENCH_RUNTIME=tsx runs every server from its TypeScript through tsx instead.
export BENCH_RUNTIME="${BENCH_RUNTIME:-compiled}"

if [ "$BENCH_RUNTIME" = compiled ]; then
  mkdir -p bench/.build
  node scripts/build.mjs --out-dir bench/.build/service >/dev/null
  for entry in bare:bench/ceiling/bare.ts hello:bench/ceiling/hello.ts; do
    node_modules/.bin/esbuild "${entry#*:}" --bundle --platform=node --format=esm --packages=external \
      --log-level=warning --outfile="bench/.build/${entry%%:*}.mjs"
  done
fi

echo "bench: redis $BENCH_REDIS_URL, $BENCH_MONGO_KIND $BENCH_MONGO_URL, servers run with $BENCH_RUNTIME"
for name in "${SELECTED[@]}"; do
  echo "== $name"
  node --import tsx "bench/$name.ts"
done
node --import tsx bench/report.ts
