#!/usr/bin/env bash
# `npm run dev`: start everything needed for local development and run the service.
#
#   - checks what it needs first (Node >= 20.19; redis-server or apt-get; a Go toolchain or
#     mongod, unless MONGO_URL is set) and says what to do when something is missing
#   - npm ci when node_modules is missing
#   - REDIS_URL unset -> our own Redis on 127.0.0.1:6390, data in .data/redis
#     (not with REDIS_CLUSTER_NODES set: the app then runs on that Redis Cluster)
#   - MONGO_URL unset -> mongod (if on PATH) or FerretDB on 127.0.0.1:27027, data in .data/mongo
#     (a server already answering on those ports is reused and left running)
#   - ADMIN_API_KEY defaults to dev-admin-key-change-me; LOG_FORMAT=pretty in a terminal
#   - once the service answers, a banner with its URLs and the key
# Servers started here are stopped when the app exits (Ctrl-C included).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
. "$ROOT/scripts/servers.sh"

DEV_REDIS_PORT=6390
DEV_MONGO_PORT=27027
PORT="${PORT:-8080}"
export PORT

say() { printf 'dev: %s\n' "$*" >&2; }
fail() {
  printf '\ndev: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '     %s\n' "$line" >&2; done
  exit 1
}

# ---------------------------------------------------------------- prerequisites, up front

command -v node >/dev/null 2>&1 || fail "Node.js is not installed." \
  "Install Node.js 20.19 or later (https://nodejs.org, or: nvm install 20), then run npm run dev again."
node_version="$(node -p 'process.versions.node')"
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit(maj > 20 || (maj === 20 && min >= 19) ? 0 : 1);
' || fail "Node.js $node_version is too old: Reservoir needs 20.19 or later." \
  "Install a newer Node.js (nvm install 20; or your package manager), then run npm run dev again."

if [ -z "${REDIS_URL:-}" ] && [ -z "${REDIS_CLUSTER_NODES:-}" ] && ! redis_answers "$DEV_REDIS_PORT"; then
  if ! command -v redis-server >/dev/null 2>&1 && ! command -v apt-get >/dev/null 2>&1; then
    fail "redis-server is not installed, and apt-get is not here to install it." \
      "Install Redis 7 (macOS: brew install redis; Debian/Ubuntu: apt-get install redis-server)," \
      "or point the service at yours: REDIS_URL=redis://host:6379 npm run dev"
  fi
  if command -v redis-server >/dev/null 2>&1; then
    redis_major="$(redis-server --version | sed -n 's/.*v=\([0-9]*\)\..*/\1/p')"
    if [ -n "$redis_major" ] && [ "$redis_major" -lt 6 ]; then
      redis_version="$(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')"
      fail "redis-server $redis_version is too old: Reservoir needs Redis 6 or later (7 for the test suite's Redis Cluster)." \
        "Install Redis 7, or set REDIS_URL to a Redis 7 you run."
    fi
  fi
fi

if [ -z "${MONGO_URL:-}" ] && ! mongo_answers "$DEV_MONGO_PORT" 2>/dev/null; then
  if ! command -v mongod >/dev/null 2>&1 && ! ferretdb_installed && ! go_toolchain >/dev/null; then
    fail "No MongoDB-wire server: neither mongod on PATH, nor FerretDB built, nor a Go toolchain to build it." \
      "Either install Go 1.22+ (https://go.dev/dl, or: apt-get install golang) and run npm run dev again:" \
      "  it builds FerretDB once into ~/.cache/reservoir (about 3 minutes);" \
      "or put mongod (MongoDB 7) on your PATH; or point the service at yours: MONGO_URL=mongodb://host:27017/reservoir"
  fi
fi

# ---------------------------------------------------------------- install, start

if [ ! -d node_modules ]; then
  say "installing the npm packages (npm ci, about a minute)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${REDIS_URL:-}" ] && [ -z "${REDIS_CLUSTER_NODES:-}" ]; then
  if redis_answers "$DEV_REDIS_PORT"; then
    say "Redis already answers on 127.0.0.1:$DEV_REDIS_PORT: using it"
  else
    ensure_redis_server
    say "starting Redis on 127.0.0.1:$DEV_REDIS_PORT (AOF on, data in .data/redis)"
    start_redis "$DEV_REDIS_PORT" "$ROOT/.data/redis"
  fi
  export REDIS_URL="redis://127.0.0.1:$DEV_REDIS_PORT"
fi

mongo_kind="yours"
if [ -z "${MONGO_URL:-}" ]; then
  if mongo_answers "$DEV_MONGO_PORT"; then
    say "a MongoDB-wire server already answers on 127.0.0.1:$DEV_MONGO_PORT: using it"
    mongo_kind="already running"
  else
    ensure_mongo_server # says so when it builds FerretDB (minutes, once)
    if command -v mongod >/dev/null 2>&1; then mongo_kind="mongod"; else mongo_kind="FerretDB v1, SQLite in .data/mongo"; fi
    say "starting $mongo_kind on 127.0.0.1:$DEV_MONGO_PORT"
    start_mongo "$DEV_MONGO_PORT" "$ROOT/.data/mongo"
  fi
  export MONGO_URL="mongodb://127.0.0.1:$DEV_MONGO_PORT/reservoir"
fi

export ADMIN_API_KEY="${ADMIN_API_KEY:-dev-admin-key-change-me}"
if [ -z "${LOG_FORMAT:-}" ] && [ -t 1 ]; then export LOG_FORMAT=pretty; fi
export HOST="${HOST:-127.0.0.1}"

# ---------------------------------------------------------------- run, then the banner

# The local tsx binary rather than `npx tsx`: npm exec does not pass SIGTERM on
# to its child, which would leave the app running after we stop.
TSX="$ROOT/node_modules/.bin/tsx"
say "starting the service (tsx src/server.ts) on http://localhost:$PORT"

# The app runs as a child: the banner waits for it to answer, and servers started here are
# stopped when it ends. (Not exec: an exec'ed shell could not run the trap.)
app_pid=""
on_signal() {
  if [ -n "$app_pid" ]; then kill -TERM "$app_pid" 2>/dev/null || true; fi
}
trap stop_servers EXIT
trap on_signal INT TERM HUP
"$TSX" src/server.ts &
app_pid=$!

banner() {
  local base="http://localhost:$PORT" console
  console="$base/console"
  cat <<BANNER

  Reservoir is running
    API       $base          (Authorization: Bearer $ADMIN_API_KEY)
    Docs      $base/docs
    Console   $console
    Metrics   $base/metrics
    Admin key $ADMIN_API_KEY
    Redis     ${REDIS_URL:-${REDIS_CLUSTER_NODES:-}}
    MongoDB   $MONGO_URL  ($mongo_kind)
  Try: curl -s $base/0/stock-origins -H "Authorization: Bearer $ADMIN_API_KEY"
  Ctrl-C stops the service and the servers started here.

BANNER
}

# Wait for /health (or for the app to exit), then show the banner once.
(
  for _ in $(seq 1 600); do
    kill -0 "$app_pid" 2>/dev/null || exit 0
    if node -e "fetch('http://127.0.0.1:$PORT/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then
      banner
      exit 0
    fi
    sleep 0.2
  done
) &

status=0
# `wait` returns early (status > 128) when a trapped signal arrives; keep waiting
# for the app to finish its own shutdown.
while :; do
  wait "$app_pid" && status=0 || status=$?
  kill -0 "$app_pid" 2>/dev/null || break
done
exit "$status"
