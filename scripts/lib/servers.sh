# Sourced by the scripts that start local servers: a free port, waiting for a server to answer,
# and starting and stopping the origin and the Worker in front of it.

# Prints a TCP port that is free on 127.0.0.1 now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# wait_for URL PID LOG: waits up to 60 s for URL to answer; fails, printing LOG, when the process
# PID exits first or time runs out.
wait_for() {
  local url="$1" pid="$2" log="$3"
  for _ in $(seq 1 300); do
    if curl -fsS "$url" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "exited during start-up ($url):" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "no answer from $url within 60 s:" >&2
  cat "$log" >&2
  return 1
}

# Sets the array `edge_vars` to the `wrangler dev --var` arguments that give the Worker the
# settings it shares with the origin, as this environment sets them for the origin: the part of
# TENANT_PROFILES_FILE the edge reads (scripts/edge_tenant_profiles.py), the skip rule's settings
# and the TOON thresholds.
shared_edge_vars() {
  edge_vars=()
  if [ -n "${TENANT_PROFILES_FILE:-}" ]; then
    local profiles
    profiles=$(python3 scripts/edge_tenant_profiles.py "$TENANT_PROFILES_FILE")
    edge_vars+=(--var "TENANT_PROFILES:$profiles")
  fi
  local name
  for name in SKIP_ENABLED MIN_COMPRESS_TEXT_CHARS MIN_COMPRESS_ESTIMATED_TOKENS \
    MIN_EXPECTED_SAVINGS_TOKENS TOON_MIN_JSON_TOKENS TOON_MIN_SAVINGS_RATIO; do
    if [ -n "${!name:-}" ]; then
      edge_vars+=(--var "$name:${!name}")
    fi
  done
}

# The packaged origin and the edge Worker in front of it under `wrangler dev` (or plain workerd),
# on free ports, as the scripts that test or measure the pair start them. The caller sets `logs`
# to a directory for their logs (origin.log, edge.log, workerd.log, forwarder.log) and the
# Worker's local state, and calls stop_pair from its EXIT trap. They set origin_pid and edge_pid
# (the Worker's process group), origin_url and edge_url (start_workerd: workerd_pid and
# workerd_url; start_forwarder: forwarder_pid and forwarder_url).

# start_origin [NAME=VALUE ...]: the origin alone with this environment and the settings given,
# on a free port; sets origin_url.
start_origin() {
  local origin_port
  origin_port=$(free_port)
  env HOST=127.0.0.1 PORT="$origin_port" "$@" "$JAVA_HOME/bin/java" -jar target/origin.jar \
    >"$logs/origin.log" 2>&1 &
  origin_pid=$!
  origin_url="http://127.0.0.1:$origin_port"
  wait_for "$origin_url/health" "$origin_pid" "$logs/origin.log"
}

# start_edge ORIGIN_URL [--var NAME:VALUE ...]: the Worker in front of ORIGIN_URL, with the
# settings it shares with the origin (shared_edge_vars) and the arguments given; sets edge_url.
start_edge() {
  local origin="$1" edge_port inspector_port
  shift
  edge_port=$(free_port)
  inspector_port=$(free_port)
  shared_edge_vars
  # A state directory of its own, so no cache entry or rate limit count of an earlier run is
  # seen.
  rm -rf "$logs/state"
  (
    cd edge
    exec setsid env WRANGLER_SEND_METRICS=false node_modules/.bin/wrangler dev --ip 127.0.0.1 \
      --port "$edge_port" --inspector-port "$inspector_port" --show-interactive-dev-session=false \
      --persist-to "$logs/state" --var "ORIGIN_BASE_URL:$origin" "${edge_vars[@]}" "$@"
  ) >"$logs/edge.log" 2>&1 &
  edge_pid=$!
  edge_url="http://127.0.0.1:$edge_port"
  wait_for "$edge_url/health" "$edge_pid" "$logs/edge.log"
}

# start_workerd ORIGIN_URL [--var NAME:VALUE ...]: the Worker in front of ORIGIN_URL under plain
# workerd, the open-source Workers runtime, without wrangler dev's proxy, inspector and log relay:
# edge/scripts/workerd-config.mjs bundles it as `wrangler deploy` does and writes the workerd
# configuration, with the settings it shares with the origin (shared_edge_vars) and the arguments
# given. Sets workerd_pid and workerd_url; the Worker's log lines go to $logs/workerd.log.
start_workerd() {
  local origin="$1"
  shift
  shared_edge_vars
  serve_workerd workerd "$origin" "${edge_vars[@]}" "$@"
}

# start_forwarder ORIGIN_URL: bench/load/forwarder.js in front of ORIGIN_URL under plain workerd
# as start_workerd serves the Worker (`workerd-config.mjs --module`): a Worker that passes each
# request on and the answer back and does nothing else. Sets forwarder_pid and forwarder_url.
start_forwarder() {
  serve_workerd forwarder "$1" --module ../bench/load/forwarder.js
}

# serve_workerd NAME ORIGIN_URL [workerd-config.mjs arguments]: writes the configuration into
# $logs/NAME with edge/scripts/workerd-config.mjs and serves it with plain workerd on a free port,
# its output into $logs/NAME.log. Sets NAME_pid before it waits for the server, so that stop_pair
# stops a server that fails to start, then NAME_url.
serve_workerd() {
  local name="$1" origin="$2" port pid
  shift 2
  port=$(free_port)
  rm -rf "${logs:?}/$name"
  (cd edge && node scripts/workerd-config.mjs --outdir "$logs/$name" --port "$port" \
    --origin "$origin" "$@")
  edge/node_modules/.bin/workerd serve "$logs/$name/workerd.capnp" >"$logs/$name.log" 2>&1 &
  pid=$!
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_url" '%s' "http://127.0.0.1:$port"
  wait_for "http://127.0.0.1:$port/health" "$pid" "$logs/$name.log"
}

# start_pair [--var NAME:VALUE ...]: the origin with this environment, and the Worker in front of
# it (start_edge) with the arguments given; sets origin_url and edge_url.
start_pair() {
  start_origin
  start_edge "$origin_url" "$@"
}

# stop_origin: stops what start_origin started, leaving a Worker running.
stop_origin() {
  stop_process "${origin_pid:-}"
  origin_pid=
}

# stop_edge: stops what start_edge started, leaving the origin running.
stop_edge() {
  # wrangler runs workerd as a child: its own process group is stopped as a whole.
  if [ -n "${edge_pid:-}" ]; then
    kill -- "-$edge_pid" 2>/dev/null || true
    wait "$edge_pid" 2>/dev/null || true
  fi
  edge_pid=
}

# stop_pair: stops what start_pair, start_origin, start_workerd or start_forwarder started, if
# anything.
stop_pair() {
  stop_process "${workerd_pid:-}"
  workerd_pid=
  stop_process "${forwarder_pid:-}"
  forwarder_pid=
  stop_edge
  stop_origin
}

# stop_process PID: stops a process this script started and waits for it; nothing when PID is
# empty.
stop_process() {
  if [ -n "$1" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
