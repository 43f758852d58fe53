# shellcheck shell=bash
# Helpers to run our own Redis and MongoDB-wire server on loopback ports.
# Source it:   . scripts/servers.sh
#
#   ensure_redis_server      apt-get install redis-server when it is missing
#   ensure_mongo_server      mongod on PATH, else build/locate FerretDB (sets RESERVOIR_FERRETDB_BIN)
#   ferretdb_installed       true when the FerretDB binary is already built
#   go_toolchain             prints the go binary (PATH or /usr/local/go/bin); false when none
#   ensure_chromium          apt-get install chromium when neither CHROMIUM_PATH nor /usr/bin/chromium exists (browser tests)
#   ensure_promtool          promtool of Debian's prometheus package, unpacked (never installed: no daemon)
#                            into ~/.cache/reservoir; else a promtool on PATH. Sets RESERVOIR_PROMTOOL_BIN
#   start_redis PORT DIR     redis-server on 127.0.0.1:PORT, AOF on (fsync per write; REDIS_APPENDFSYNC=everysec
#                            to relax), data + log in DIR
#   start_redis_cluster PORT DIR
#                            Redis Cluster of three masters and three replicas on the first free
#                            ports from PORT (`redis-cli --cluster create`, no persistence); sets
#                            RESERVOIR_CLUSTER_NODES=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3
#   start_mongo PORT DIR     mongod (if on PATH) or FerretDB/SQLite on 127.0.0.1:PORT, data + log in DIR
#   redis_answers PORT       true when 127.0.0.1:PORT answers PING with PONG
#   mongo_answers PORT       true when 127.0.0.1:PORT answers a MongoDB ping
#   stop_servers             stop (TERM, then KILL) everything started by start_*
#
# Functions are quiet on success and print a diagnosis (log tail) on failure.
# They never touch a server they did not start.

RESERVOIR_ROOT="${RESERVOIR_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
RESERVOIR_PIDS="${RESERVOIR_PIDS:-}"
RESERVOIR_FERRETDB_BIN="${RESERVOIR_FERRETDB_BIN:-}"
RESERVOIR_START_TIMEOUT="${RESERVOIR_START_TIMEOUT:-60}"

_srv_err() { echo "servers.sh: $*" >&2; }

_srv_log_tail() {
  if [ -f "$1" ]; then
    echo "---- last lines of $1 ----" >&2
    tail -n 30 "$1" >&2 || true
    echo "----" >&2
  fi
}

# Absolute path of DIR, created if needed.
_srv_abs_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}

ensure_redis_server() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _srv_err "redis-server is missing and apt-get is not available; install Redis >= 6 yourself"
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "servers.sh: installing redis-server with apt-get" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null || {
      _srv_err "apt-get install redis-server failed"
      return 1
    }
  command -v redis-server >/dev/null 2>&1 || { _srv_err "redis-server still not on PATH after apt-get"; return 1; }
}

# The browser tests' Chromium (test/docs.browser.test.ts): Debian's package, never a download of its own.
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    _srv_err "chromium is missing and apt-get is not available; install Chromium and set CHROMIUM_PATH"
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "servers.sh: installing chromium with apt-get (for the browser tests; a minute or two)" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || {
      _srv_err "apt-get install chromium failed"
      return 1
    }
  [ -x /usr/bin/chromium ] || { _srv_err "/usr/bin/chromium still missing after apt-get"; return 1; }
}

# The alert rules' checker (deploy/prometheus): `apt-get download` + `dpkg -x` of Debian's
# prometheus package, because installing it would also start a Prometheus daemon.
RESERVOIR_PROMTOOL_BIN="${RESERVOIR_PROMTOOL_BIN:-}"
ensure_promtool() {
  local cache="$HOME/.cache/reservoir/prometheus" work deb
  if [ -n "$RESERVOIR_PROMTOOL_BIN" ] && [ -x "$RESERVOIR_PROMTOOL_BIN" ]; then return 0; fi
  if [ -x "$cache/usr/bin/promtool" ]; then RESERVOIR_PROMTOOL_BIN="$cache/usr/bin/promtool"; return 0; fi
  if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
    echo "servers.sh: unpacking promtool from Debian's prometheus package into $cache" >&2
    work="$(mktemp -d "${TMPDIR:-/tmp}/reservoir-promtool.XXXXXX")"
    # apt-get download writes into the current directory; _apt must be able to write there
    chmod 777 "$work"
    if (cd "$work" && apt-get download -qq prometheus >/dev/null 2>&1); then
      deb="$(ls "$work"/prometheus_*.deb 2>/dev/null | head -n 1)"
      mkdir -p "$cache"
      [ -n "$deb" ] && dpkg -x "$deb" "$cache"
    fi
    rm -rf "$work"
    if [ -x "$cache/usr/bin/promtool" ]; then RESERVOIR_PROMTOOL_BIN="$cache/usr/bin/promtool"; return 0; fi
  fi
  if command -v promtool >/dev/null 2>&1; then RESERVOIR_PROMTOOL_BIN="$(command -v promtool)"; return 0; fi
  _srv_err "promtool is missing: could not unpack Debian's prometheus package; put promtool on PATH"
  return 1
}

RESERVOIR_FERRETDB_VERSION=v1.24.2

ferretdb_installed() {
  local bin="${FERRETDB_BIN:-$HOME/.cache/reservoir/ferretdb-$RESERVOIR_FERRETDB_VERSION}"
  [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version: $RESERVOIR_FERRETDB_VERSION"
}

go_toolchain() {
  if command -v go >/dev/null 2>&1; then command -v go; return 0; fi
  if [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go; return 0; fi
  return 1
}

# mongod on PATH wins; otherwise make sure the FerretDB binary exists (may build it: minutes).
ensure_mongo_server() {
  if command -v mongod >/dev/null 2>&1; then
    return 0
  fi
  if [ -n "$RESERVOIR_FERRETDB_BIN" ] && [ -x "$RESERVOIR_FERRETDB_BIN" ]; then
    return 0
  fi
  if ! ferretdb_installed && ! go_toolchain >/dev/null; then
    _srv_err "no mongod on PATH and no Go toolchain to build FerretDB:" \
      "install Go 1.22+ (https://go.dev/dl, or apt-get install golang) or MongoDB 7"
    return 1
  fi
  local bin
  # install-ferretdb.sh says on stderr when it builds (minutes, once), and prints the path.
  bin="$(bash "$RESERVOIR_ROOT/scripts/install-ferretdb.sh")" || { _srv_err "could not install FerretDB"; return 1; }
  RESERVOIR_FERRETDB_BIN="$bin"
}

# true when something accepts TCP connections on 127.0.0.1:PORT
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

redis_answers() {
  [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
}

# Node + the project's mongodb driver; falls back to a bare TCP connect when
# node_modules is not installed yet.
# usage: _srv_mongo_wait PORT TIMEOUT_SECONDS [PID]
_srv_mongo_wait() {
  local port="$1" timeout="$2" pid="${3:-0}"
  if [ -d "$RESERVOIR_ROOT/node_modules/mongodb" ] && command -v node >/dev/null 2>&1; then
    (cd "$RESERVOIR_ROOT" && PORT="$port" TIMEOUT="$timeout" WATCH_PID="$pid" node -e '
      const { MongoClient } = require("mongodb");
      const port = process.env.PORT, pid = Number(process.env.WATCH_PID);
      const deadline = Date.now() + Number(process.env.TIMEOUT) * 1000;
      const alive = () => { if (!pid) return true; try { process.kill(pid, 0); return true; } catch { return false; } };
      (async () => {
        for (;;) {
          const c = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`,
            { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
          try { await c.db("admin").command({ ping: 1 }); await c.close(); process.exit(0); }
          catch { await c.close().catch(() => {}); }
          if (!alive() || Date.now() > deadline) process.exit(1);
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
    ')
    return
  fi
  local end=$((SECONDS + timeout))
  while :; do
    if port_in_use "$port"; then return 0; fi
    if [ "$pid" != 0 ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    [ "$SECONDS" -ge "$end" ] && return 1
    sleep 0.2
  done
}

mongo_answers() {
  _srv_mongo_wait "$1" 0
}

# usage: start_redis PORT DIR
start_redis() {
  local port="$1" dir pid
  dir="$(_srv_abs_dir "$2")" || return 1
  if ! command -v redis-server >/dev/null 2>&1; then
    _srv_err "redis-server not found (run ensure_redis_server)"
    return 1
  fi
  if port_in_use "$port"; then
    _srv_err "127.0.0.1:$port is already in use; not starting redis-server there"
    return 1
  fi
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
    --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-always}" --save "" \
    --daemonize no --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    >>"$dir/redis.log" 2>&1 </dev/null &
  pid=$!
  RESERVOIR_PIDS="$RESERVOIR_PIDS $pid"
  local end=$((SECONDS + RESERVOIR_START_TIMEOUT))
  until redis_answers "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      _srv_err "redis-server on 127.0.0.1:$port exited during start-up (port taken?)"
      _srv_log_tail "$dir/redis.log"
      return 1
    fi
    if [ "$SECONDS" -ge "$end" ]; then
      _srv_err "redis-server on 127.0.0.1:$port did not answer PING within ${RESERVOIR_START_TIMEOUT}s"
      _srv_log_tail "$dir/redis.log"
      return 1
    fi
    sleep 0.1
  done
}

# usage: start_redis_cluster PORT DIR
# Three masters and a replica each, no persistence: what the test suite's `cluster` project runs on
# (writes can wait for a replica: REDIS_WAIT_REPLICAS). The seeds it sets are the masters.
RESERVOIR_CLUSTER_NODES="${RESERVOIR_CLUSTER_NODES:-}"
start_redis_cluster() {
  local port="$1" dir i node_dir pid bus seeds="" ports=""
  dir="$(_srv_abs_dir "$2")" || return 1
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    _srv_err "redis-server / redis-cli not found (run ensure_redis_server)"
    return 1
  fi
  local major
  major="$(redis-server --version | sed -n 's/.*v=\([0-9]*\)\..*/\1/p')"
  if [ -n "$major" ] && [ "$major" -lt 7 ]; then
    _srv_err "the Redis Cluster of the tests needs redis-server 7 or later (cluster-port); found $(redis-server --version): install Redis 7"
    return 1
  fi
  for i in 0 1 2 3 4 5; do
    while port_in_use "$port"; do port=$((port + 1)); done
    bus=$((port + 1))
    while port_in_use "$bus"; do bus=$((bus + 1)); done
    node_dir="$dir/node-$i"
    mkdir -p "$node_dir"
    # cluster-port: the bus gets a port of its own instead of PORT + 10000 (Redis >= 7)
    redis-server --bind 127.0.0.1 --port "$port" --cluster-enabled yes --cluster-port "$bus" \
      --cluster-config-file "$node_dir/nodes.conf" --cluster-node-timeout 5000 \
      --cluster-replica-validity-factor 0 --dir "$node_dir" --appendonly no --save "" \
      --daemonize no --pidfile "$node_dir/redis.pid" --logfile "$node_dir/redis.log" \
      >>"$node_dir/redis.log" 2>&1 </dev/null &
    pid=$!
    RESERVOIR_PIDS="$RESERVOIR_PIDS $pid"
    local end=$((SECONDS + RESERVOIR_START_TIMEOUT))
    until redis_answers "$port"; do
      if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$end" ]; then
        _srv_err "cluster node redis-server on 127.0.0.1:$port did not start"
        _srv_log_tail "$node_dir/redis.log"
        return 1
      fi
      sleep 0.1
    done
    seeds="$seeds 127.0.0.1:$port"
    ports="$ports $port"
    port=$((bus + 1))
  done
  # shellcheck disable=SC2086 # one argument per node
  if ! redis-cli --cluster create $seeds --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1; then
    _srv_err "redis-cli --cluster create failed"
    _srv_log_tail "$dir/create.log"
    return 1
  fi
  local end=$((SECONDS + RESERVOIR_START_TIMEOUT)) p ok
  while :; do
    ok=1
    for p in $ports; do
      redis-cli -h 127.0.0.1 -p "$p" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || ok=0
      # a replica counts once it holds its master's data
      if redis-cli -h 127.0.0.1 -p "$p" info replication 2>/dev/null | grep -q '^role:slave'; then
        redis-cli -h 127.0.0.1 -p "$p" info replication 2>/dev/null | grep -q '^master_link_status:up' || ok=0
      fi
    done
    [ "$ok" = 1 ] && break
    if [ "$SECONDS" -ge "$end" ]; then
      _srv_err "Redis Cluster on$seeds not healthy within ${RESERVOIR_START_TIMEOUT}s"
      _srv_log_tail "$dir/node-0/redis.log"
      return 1
    fi
    sleep 0.1
  done
  seeds="${seeds# }"
  # the first three are the masters (redis-cli --cluster create gives the slots to the first nodes)
  seeds="$(echo "$seeds" | cut -d' ' -f1-3)"
  RESERVOIR_CLUSTER_NODES="${seeds// /,}"
}

# usage: start_mongo PORT DIR
start_mongo() {
  local port="$1" dir pid log
  dir="$(_srv_abs_dir "$2")" || return 1
  if port_in_use "$port"; then
    _srv_err "127.0.0.1:$port is already in use; not starting a MongoDB-wire server there"
    return 1
  fi
  if command -v mongod >/dev/null 2>&1; then
    log="$dir/mongod.log"
    mkdir -p "$dir/db"
    mongod --bind_ip 127.0.0.1 --port "$port" --dbpath "$dir/db" \
      --logpath "$log" --logappend >/dev/null 2>>"$dir/mongod.stderr" </dev/null &
    pid=$!
  else
    ensure_mongo_server || return 1
    log="$dir/ferretdb.log"
    # --debug-addr=- : no debug/metrics HTTP listener (default 127.0.0.1:8088 clashes between instances)
    # --state-dir    : state.json per instance (default is the current directory)
    "$RESERVOIR_FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$dir/" \
      --listen-addr="127.0.0.1:$port" --telemetry=disable --debug-addr=- \
      --state-dir="$dir" --log-level=warn \
      >>"$log" 2>&1 </dev/null &
    pid=$!
  fi
  RESERVOIR_PIDS="$RESERVOIR_PIDS $pid"
  if ! _srv_mongo_wait "$port" "$RESERVOIR_START_TIMEOUT" "$pid"; then
    if kill -0 "$pid" 2>/dev/null; then
      _srv_err "MongoDB-wire server on 127.0.0.1:$port did not answer ping within ${RESERVOIR_START_TIMEOUT}s"
    else
      _srv_err "MongoDB-wire server on 127.0.0.1:$port exited during start-up (port taken?)"
    fi
    _srv_log_tail "$log"
    return 1
  fi
}

stop_servers() {
  local pid i
  for pid in $RESERVOIR_PIDS; do
    kill -TERM "$pid" 2>/dev/null || continue
  done
  for pid in $RESERVOIR_PIDS; do
    i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do
      sleep 0.1
      i=$((i + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  RESERVOIR_PIDS=""
}
