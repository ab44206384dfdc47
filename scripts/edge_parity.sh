#!/usr/bin/env bash
# Starts the packaged origin and, in front of it, the edge Worker under `wrangler dev`, both on
# free local ports; then runs the parity test (every contract case through both, same answers),
# checks the release check's reading of contracts/openapi.yaml against the origin's
# /openapi.json, runs the release check on contracts/cases/public-api.json and the smoke test
# through the Worker, whose degraded mode must fail there (the origin answers), and stops both.
# Then the smoke test's degraded mode must pass through the Worker in front of no origin, skip
# off and on, and with its cache on in front of an origin stopped after one smoke run. Then it
# starts the pair with EDGE_TRANSFORMS=toon on the Worker and runs the transform parity test
# three times: with the lexical scorer (and the release check on transforms.json), with the tiny
# model on the origin, and with the skip rule on both. Then it starts the pair again with the
# guardrails on (SKIP_ENABLED=true and
# contracts/cases/skip-tenant-profiles.json on both, the cache and the rate limits on the
# Worker) and runs the guardrail parity test and the release check on skip.json. Last, a short
# origin authentication run: the origin with ORIGIN_SHARED_SECRET (a new secret per run, never
# written outside the run's temporary directory), the Worker with
# ORIGIN_AUTH_MODE=shared-secret; a request through the Worker is served, a direct one without
# the header is 401; the smoke test's degraded mode must pass through a Worker with a wrong
# secret in front of the same origin; and with the break-glass switch a direct one is served
# while a wrong secret is still 401. Needs target/origin.jar (the Maven package) and edge/node_modules
# (`npm ci` in edge/); test.sh runs it after both exist.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/node.sh
. scripts/lib/servers.sh

logs=$(mktemp -d)
trap 'stop_pair; rm -rf "$logs"' EXIT

start_pair
python3 scripts/parity_test.py "$origin_url" "$edge_url"
python3 scripts/contract_fields.py --check "$origin_url/openapi.json"
python3 scripts/release_check.py --edge "$edge_url" --origin "$origin_url" --cases public-api
API_URL="$edge_url/compress" python3 scripts/smoke_test.py
# The degraded mode must see that this origin is not disabled: exit 1, for that reason.
degraded_status=0
SMOKE_MODE=degraded API_URL="$edge_url/compress" python3 scripts/smoke_test.py \
  >"$logs/degraded-live.out" || degraded_status=$?
if [ "$degraded_status" != 1 ] || ! grep -q 'it is not disabled' "$logs/degraded-live.out"; then
  cat "$logs/degraded-live.out" >&2
  echo "degraded mode in front of a live origin: exit $degraded_status, expected 1" >&2
  exit 1
fi
echo "degraded mode in front of a live origin: fails, as it must"
stop_pair

# Edge-degraded mode: the Worker with no origin at all, its ORIGIN_BASE_URL a free port where
# nothing listens, skip off and on; then the Worker with its cache on in front of an origin that
# answers the smoke test once and is then stopped. A refused connection fails at once
# (milliseconds under wrangler dev) and after ORIGIN_FAILURE_THRESHOLD of them the breaker
# answers without trying, so each smoke run takes about a second; ORIGIN_TIMEOUT_MS is cut to
# 2 s so that a port taken meanwhile by a server that does not answer costs seconds, not minutes.
# degraded_smoke SKIPS HITS: the smoke test's degraded mode must pass, with SKIPS cases answered
# by the edge's skip and HITS from its cache.
degraded_smoke() {
  local skips="$1" hits="$2" out="$logs/degraded.out" got
  SMOKE_MODE=degraded API_URL="$edge_url/compress" python3 scripts/smoke_test.py | tee "$out"
  got="$(grep -c -F 'X-Edge-Decision: skip-unchanged' "$out" || true) skips"
  got+=", $(grep -c -F 'X-Edge-Decision: cache-hit' "$out" || true) cache hits"
  if [ "$got" != "$skips skips, $hits cache hits" ]; then
    echo "degraded mode: $got, expected $skips skips, $hits cache hits" >&2
    return 1
  fi
}
no_origin="http://127.0.0.1:$(free_port)"
start_edge "$no_origin" --var ORIGIN_TIMEOUT_MS:2000
degraded_smoke 0 0
stop_pair
# With the skip on, the four cases it covers: the short text, the short chat, and
# aggressiveness 0 on both routes.
SKIP_ENABLED=true start_edge "$no_origin" --var ORIGIN_TIMEOUT_MS:2000
degraded_smoke 4 0
stop_pair
# Every case the origin answered 200 is a hit (all but the three 422 field checks).
start_pair --var CACHE_ENABLED:true --var ORIGIN_TIMEOUT_MS:2000
API_URL="$edge_url/compress" python3 scripts/smoke_test.py >"$logs/warm.out" ||
  { cat "$logs/warm.out" >&2; exit 1; }
stop_origin
degraded_smoke 0 14
stop_pair

start_pair --var EDGE_TRANSFORMS:toon
python3 scripts/transform_parity_test.py "$origin_url" "$edge_url"
python3 scripts/release_check.py --edge "$edge_url" --origin "$origin_url" --cases transforms
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
python3 scripts/release_check.py --edge "$edge_url" --origin "$origin_url" --cases skip
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

# new_secret FILE: sets `secret` to a new secret and writes it to FILE as the Worker's env file,
# readable by this user alone: a secret reaches the Worker through a file, never the command
# line.
new_secret() {
  secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
  (umask 077 && printf 'ORIGIN_SHARED_SECRET=%s\n' "$secret" >"$1")
}

new_secret "$logs/auth.env"
export ORIGIN_SHARED_SECRET="$secret"
start_pair --var ORIGIN_AUTH_MODE:shared-secret --env-file "$logs/auth.env"
expect_status 200 "$edge_url"
expect_status 401 "$origin_url"
expect_status 401 "$origin_url" -H 'X-Origin-Auth: not-the-secret'
# The runbook's quicker degraded drill: in front of the same origin, a Worker with a secret the
# origin refuses. Its /health carries its probe's 401, and every case that needs the origin
# must be 503 origin_unavailable.
stop_edge
mv "$logs/edge.log" "$logs/edge-secret.log"
new_secret "$logs/wrong-secret.env"
wrong_secret="$secret"
start_edge "$origin_url" --var ORIGIN_AUTH_MODE:shared-secret --env-file "$logs/wrong-secret.env"
degraded_smoke 0 0
if ! grep -q -F 'PASS health: answered by the edge, origin unhealthy (X-Origin-Status: 401)' \
  "$logs/degraded.out"; then
  echo "degraded mode behind a wrong secret: /health does not report the origin's 401" >&2
  exit 1
fi
stop_pair
mv "$logs/origin.log" "$logs/origin-secret.log"

export ORIGIN_ALLOW_UNAUTHENTICATED=true
start_origin
expect_status 200 "$origin_url"
expect_status 401 "$origin_url" -H 'X-Origin-Auth: not-the-secret'
if grep -q -F -e "$ORIGIN_SHARED_SECRET" -e "$wrong_secret" "$logs/origin-secret.log" \
  "$logs/edge-secret.log" "$logs/edge.log" "$logs/origin.log"; then
  echo "origin auth: a shared secret appears in a log" >&2
  exit 1
fi
echo "origin auth: shared secret through the Worker, 401 direct, a wrong secret degraded," \
  "break-glass direct: ok"
