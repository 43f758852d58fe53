#!/usr/bin/env bash
# `npm run dev`: start everything needed for local development and run the server.
#
#   - npm ci when node_modules is missing
#   - REDIS_URL unset -> our own Redis on 127.0.0.1:6390, data in .data/redis
#     (not with REDIS_CLUSTER_NODES set: the app then runs on that Redis Cluster)
#   - MONGO_URL unset -> mongod (if on PATH) or FerretDB on 127.0.0.1:27027, data in .data/mongo
#     (a server already answering on those ports is reused and left running)
#   - ADMIN_API_KEY defaults to dev-admin-key-change-me
# Servers started here are stopped when the app exits (Ctrl-C included).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
. "$ROOT/scripts/servers.sh"

DEV_REDIS_PORT=6390
DEV_MONGO_PORT=27027

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${REDIS_URL:-}" ] && [ -z "${REDIS_CLUSTER_NODES:-}" ]; then
  if ! redis_answers "$DEV_REDIS_PORT"; then
    ensure_redis_server
    start_redis "$DEV_REDIS_PORT" "$ROOT/.data/redis"
  fi
  export REDIS_URL="redis://127.0.0.1:$DEV_REDIS_PORT"
fi

if [ -z "${MONGO_URL:-}" ]; then
  if ! mongo_answers "$DEV_MONGO_PORT"; then
    start_mongo "$DEV_MONGO_PORT" "$ROOT/.data/mongo"
  fi
  export MONGO_URL="mongodb://127.0.0.1:$DEV_MONGO_PORT/reservoir"
fi

export ADMIN_API_KEY="${ADMIN_API_KEY:-dev-admin-key-change-me}"
echo "REDIS_URL=${REDIS_URL:-}${REDIS_CLUSTER_NODES:+ REDIS_CLUSTER_NODES=$REDIS_CLUSTER_NODES}"
echo "MONGO_URL=$MONGO_URL"
echo "ADMIN_API_KEY=$ADMIN_API_KEY"

# The local tsx binary rather than `npx tsx`: npm exec does not pass SIGTERM on
# to its child, which would leave the app running after we stop.
TSX="$ROOT/node_modules/.bin/tsx"

# Nothing of ours to clean up: hand the process over.
if [ -z "${RESERVOIR_PIDS// /}" ]; then
  exec "$TSX" src/server.ts
fi

# We own servers: run the app as a child so they can be stopped when it ends.
# (Not exec: an exec'ed shell could not run the trap.)
app_pid=""
on_signal() {
  if [ -n "$app_pid" ]; then kill -TERM "$app_pid" 2>/dev/null || true; fi
}
trap stop_servers EXIT
trap on_signal INT TERM HUP
"$TSX" src/server.ts &
app_pid=$!
status=0
# `wait` returns early (status > 128) when a trapped signal arrives; keep waiting
# for the app to finish its own shutdown.
while :; do
  wait "$app_pid" && status=0 || status=$?
  kill -0 "$app_pid" 2>/dev/null || break
done
exit "$status"
