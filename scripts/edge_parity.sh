#!/usr/bin/env bash
# Starts the packaged origin and, in front of it, the edge Worker under `wrangler dev`, both on
# free local ports; then runs the parity test (every contract case through both, same answers)
# and the smoke test through the Worker, and stops both. Then it starts the pair with
# EDGE_TRANSFORMS=toon on the Worker and runs the transform parity test three times: with the
# lexical scorer, with the tiny model on the origin, and with the skip rule on both. Then it
# starts the pair again with the guardrails on (SKIP_ENABLED=true and
# contracts/cases/skip-tenant-profiles.json on both, the cache and the rate limits on the
# Worker) and runs the guardrail parity test. Last, a short origin authentication run: the
# origin with ORIGIN_SHARED_SECRET (a new secret per run, never written outside the run's
# temporary directory), the Worker with ORIGIN_AUTH_MODE=shared-secret; a request through the
# Worker is served, a direct one without the header is 401, and with the break-glass switch a
# direct one is served while a wrong secret is still 401. Needs target/origin.jar (the Maven
# package) and edge/node_modules (`npm ci` in edge/); test.sh runs it after both exist.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/node.sh
. scripts/lib/servers.sh

logs=$(mktemp -d)
trap 'stop_pair; rm -rf "$logs"' EXIT

start_pair
python3 scripts/parity_test.py "$origin_url" "$edge_url"
API_URL="$edge_url/compress" python3 scripts/smoke_test.py
stop_pair

start_pair --var EDGE_TRANSFORMS:toon
python3 scripts/transform_parity_test.py "$origin_url" "$edge_url"
stop_pair

# The same with the tiny LLMLingua-2 model on the origin: its compressor is asked about prose.
export MODEL_DIR=src/test/resources/lingua/models/tiny-bert-base-multilingual-cased
start_pair --var EDGE_TRANSFORMS:toon
python3 scripts/transform_parity_test.py --model "$origin_url" "$edge_url"
stop_pair
unset MODEL_DIR

export SKIP_ENABLED=true TENANT_PROFILES_FILE="$PWD/contracts/cases/skip-tenant-profiles.json"
# The transforms with the skip rule on both sides, which answers first.
start_pair --var EDGE_TRANSFORMS:toon
python3 scripts/transform_parity_test.py --skip "$origin_url" "$edge_url"
stop_pair

start_pair --var CACHE_ENABLED:true --var RATE_LIMIT_ENABLED:true
python3 scripts/guardrail_parity_test.py "$origin_url" "$edge_url"
stop_pair
unset SKIP_ENABLED TENANT_PROFILES_FILE

# expect_status STATUS URL [curl arguments...]: a POST of a small estimate must answer STATUS.
expect_status() {
  local want="$1" url="$2" got
  shift 2
  got=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data '{"text":"origin auth check"}' "$@" "$url/tokens/estimate")
  if [ "$got" != "$want" ]; then
    echo "origin auth: $url answered $got, expected $want" >&2
    return 1
  fi
}

# The secret reaches the Worker through an env file, never the command line.
ORIGIN_SHARED_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
export ORIGIN_SHARED_SECRET
(umask 077 && printf 'ORIGIN_SHARED_SECRET=%s\n' "$ORIGIN_SHARED_SECRET" >"$logs/auth.env")
start_pair --var ORIGIN_AUTH_MODE:shared-secret --env-file "$logs/auth.env"
expect_status 200 "$edge_url"
expect_status 401 "$origin_url"
expect_status 401 "$origin_url" -H 'X-Origin-Auth: not-the-secret'
stop_pair

export ORIGIN_ALLOW_UNAUTHENTICATED=true
start_origin
expect_status 200 "$origin_url"
expect_status 401 "$origin_url" -H 'X-Origin-Auth: not-the-secret'
if grep -q -F "$ORIGIN_SHARED_SECRET" "$logs/origin.log" "$logs/edge.log"; then
  echo "origin auth: the shared secret appears in a log" >&2
  exit 1
fi
echo "origin auth: shared secret through the Worker, 401 direct, break-glass direct: ok"
