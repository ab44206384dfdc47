#!/usr/bin/env bash
# Starts the packaged origin and, in front of it, the edge Worker under `wrangler dev`, both on
# free local ports; then runs the parity test (every contract case through both, same answers)
# and the smoke test through the Worker, and stops both. Needs target/origin.jar (the Maven
# package) and edge/node_modules (`npm ci` in edge/); test.sh runs it after both exist.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/node.sh
. scripts/lib/servers.sh

origin_pid=
edge_pid=
logs=$(mktemp -d)
stop() {
  # wrangler runs workerd as a child: its own process group is stopped as a whole.
  if [ -n "$edge_pid" ]; then
    kill -- "-$edge_pid" 2>/dev/null || true
    wait "$edge_pid" 2>/dev/null || true
  fi
  if [ -n "$origin_pid" ]; then
    kill "$origin_pid" 2>/dev/null || true
    wait "$origin_pid" 2>/dev/null || true
  fi
  rm -rf "$logs"
}
trap stop EXIT

origin_port=$(free_port)
env HOST=127.0.0.1 PORT="$origin_port" "$JAVA_HOME/bin/java" -jar target/origin.jar \
  >"$logs/origin.log" 2>&1 &
origin_pid=$!
wait_for "http://127.0.0.1:$origin_port/health" "$origin_pid" "$logs/origin.log"

edge_port=$(free_port)
inspector_port=$(free_port)
shared_edge_vars
(
  cd edge
  exec setsid env WRANGLER_SEND_METRICS=false node_modules/.bin/wrangler dev --ip 127.0.0.1 \
    --port "$edge_port" --inspector-port "$inspector_port" --show-interactive-dev-session=false \
    --var "ORIGIN_BASE_URL:http://127.0.0.1:$origin_port" "${edge_vars[@]}"
) >"$logs/edge.log" 2>&1 &
edge_pid=$!
wait_for "http://127.0.0.1:$edge_port/health" "$edge_pid" "$logs/edge.log"

python3 scripts/parity_test.py "http://127.0.0.1:$origin_port" "http://127.0.0.1:$edge_port"
API_URL="http://127.0.0.1:$edge_port/compress" python3 scripts/smoke_test.py
