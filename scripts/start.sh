#!/usr/bin/env bash
# Builds and starts the system on the embedded lexical scorer (no model download, no account):
# the origin on 127.0.0.1:8080 (PORT and HOST override) and the edge Worker in front of it under
# `wrangler dev` on 127.0.0.1:8787 (EDGE_PORT overrides). EDGE=off starts the origin alone.
# MODEL_DIR (see the README) loads a model instead of the lexical scorer. TENANT_PROFILES_FILE and
# the skip rule's settings reach both; CACHE_ENABLED, RATE_LIMIT_ENABLED and EDGE_TRANSFORMS
# reach the edge; with ORIGIN_SHARED_SECRET the origin requires it and the edge sends it.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh

./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
if [ "${EDGE:-on}" = "off" ]; then
  exec "$JAVA_HOME/bin/java" -jar target/origin.jar
fi

. scripts/lib/node.sh
. scripts/lib/servers.sh
if [ ! -x edge/node_modules/.bin/wrangler ]; then
  (cd edge && npm ci --silent --no-audit --no-fund)
fi

origin_pid=
edge_pid=
secrets=
stop() {
  trap - EXIT INT TERM
  if [ -n "$secrets" ]; then
    rm -f "$secrets"
  fi
  if [ -n "$edge_pid" ]; then
    kill -- "-$edge_pid" 2>/dev/null || true
  fi
  if [ -n "$origin_pid" ]; then
    kill "$origin_pid" 2>/dev/null || true
    wait "$origin_pid" 2>/dev/null || true
  fi
}
trap stop EXIT INT TERM

"$JAVA_HOME/bin/java" -jar target/origin.jar &
origin_pid=$!
origin_url="http://${HOST:-127.0.0.1}:${PORT:-8080}"
if [ "${HOST:-127.0.0.1}" = "0.0.0.0" ]; then
  origin_url="http://127.0.0.1:${PORT:-8080}"
fi
wait_for "$origin_url/health" "$origin_pid" /dev/null

echo "origin: $origin_url   edge: http://127.0.0.1:${EDGE_PORT:-8787}"
shared_edge_vars
# The edge's own switches, when this environment sets them.
for name in CACHE_ENABLED RATE_LIMIT_ENABLED EDGE_TRANSFORMS; do
  if [ -n "${!name:-}" ]; then
    edge_vars+=(--var "$name:${!name}")
  fi
done
# An origin started with ORIGIN_SHARED_SECRET refuses callers without it, so the edge in front of
# it sends it: the secret goes to wrangler in a file only this user can read, never on a command
# line.
if [ -n "${ORIGIN_SHARED_SECRET:-}" ]; then
  secrets=$(mktemp)
  (umask 077 && printf 'ORIGIN_SHARED_SECRET=%s\n' "$ORIGIN_SHARED_SECRET" >"$secrets")
  edge_vars+=(--var ORIGIN_AUTH_MODE:shared-secret --env-file "$secrets")
fi
(
  cd edge
  exec setsid env WRANGLER_SEND_METRICS=false node_modules/.bin/wrangler dev --ip 127.0.0.1 \
    --port "${EDGE_PORT:-8787}" --show-interactive-dev-session=false \
    --var "ORIGIN_BASE_URL:$origin_url" "${edge_vars[@]}"
) &
edge_pid=$!
wait -n "$origin_pid" "$edge_pid"
