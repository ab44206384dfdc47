#!/usr/bin/env bash
# Runs every check and test: formatting, static analysis, unit and HTTP tests (the Maven build and
# the edge Worker's npm test), then the smoke test against a freshly started origin, which this
# script starts and stops, and the parity test of the edge Worker in front of one.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/jdk.sh
. scripts/lib/node.sh
. scripts/lib/servers.sh

if [ ! -d ../shared/corpus ]; then
  echo "note: ../shared/corpus is absent beside the checkout; the corpus tests will be skipped"
fi
if [ ! -d ../shared/toon-fixtures ]; then
  echo "note: ../shared/toon-fixtures is absent beside the checkout; the TOON conformance tests" \
    "will be skipped"
fi

# The TOON encoder's differential test runs the pinned reference package under this Node.js.
echo "== toon reference: npm ci (Node.js $("$NODE_BIN" --version))"
(cd tools/toon-reference && npm ci --silent --no-audit --no-fund)

# The edge Worker: Prettier, the TypeScript check and its tests, which run inside workerd.
echo "== edge: npm ci, format, types, tests in workerd"
(cd edge && npm ci --silent --no-audit --no-fund && npm test --silent)

# The local secret files Wrangler reads beside wrangler.jsonc must never be committed.
if git rev-parse --git-dir >/dev/null 2>&1; then
  for file in edge/.dev.vars edge/.dev.vars.staging edge/.env edge/.env.production.local; do
    git check-ignore -q "$file" || { echo "$file is not git-ignored" >&2; exit 1; }
  done
fi

echo "== origin: format, static checks, tests"
./mvnw -B verify -Dtoon.node="$NODE_BIN"

echo "== scripts: syntax"
python3 -m py_compile scripts/smoke_test.py scripts/parity_test.py scripts/record_json_goldens.py \
  scripts/record_token_goldens.py scripts/guardrail_parity_test.py \
  scripts/edge_tenant_profiles.py

origin_pid=
log=
stop_origin() {
  if [ -n "$origin_pid" ]; then
    kill "$origin_pid" 2>/dev/null || true
    wait "$origin_pid" 2>/dev/null || true
    origin_pid=
  fi
  if [ -n "$log" ]; then
    rm -f "$log"
  fi
}
trap stop_origin EXIT

# Starts the packaged jar with the given extra environment, waits for /health, runs the smoke
# test and prints /health's compressor, then stops it.
smoke() {
  local port
  port=$(free_port)
  log=$(mktemp)
  env HOST=127.0.0.1 PORT="$port" "$@" "$JAVA_HOME/bin/java" -jar target/origin.jar >"$log" 2>&1 &
  origin_pid=$!
  wait_for "http://127.0.0.1:$port/health" "$origin_pid" "$log"
  API_URL="http://127.0.0.1:$port/compress" python3 scripts/smoke_test.py
  curl -fsS "http://127.0.0.1:$port/health" | python3 -c \
    'import json, sys; print("health:", json.load(sys.stdin)["compressor"])'
  stop_origin
}

echo "== origin: smoke test against the started service (embedded lexical scorer)"
smoke

# The packaged jar must find the ONNX Runtime and tokenizer natives and load a model folder.
echo "== origin: smoke test against the started service (tiny LLMLingua-2 model)"
smoke MODEL_DIR=src/test/resources/lingua/models/tiny-bert-base-multilingual-cased

# SIGTERM while model requests run: they are answered and the JVM exits cleanly. (ONNX Runtime's
# own shutdown hook frees its environment; the service must be stopped before it runs.)
echo "== origin: SIGTERM with model requests in flight"
body=$(mktemp)
python3 -c 'import json, random, string, sys
random.seed(7)
words = ("".join(random.choices(string.ascii_lowercase, k=6)) for _ in range(20000))
sys.stdout.write(json.dumps({"text": " ".join(words)}))' >"$body"
port=$(free_port)
log=$(mktemp)
# A grace long enough for a loaded machine: what is checked is that in-flight work is finished,
# not how fast.
env HOST=127.0.0.1 PORT="$port" MODEL_DIR=src/test/resources/lingua/models/tiny-xlm-roberta-large \
  SHUTDOWN_GRACE_SECONDS=120 "$JAVA_HOME/bin/java" -jar target/origin.jar >"$log" 2>&1 &
origin_pid=$!
wait_for "http://127.0.0.1:$port/health" "$origin_pid" "$log"
statuses=$(mktemp)
for _ in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/compress" \
    -H 'Content-Type: application/json' --data-binary @"$body" >>"$statuses" &
done
sleep 1
kill -TERM "$origin_pid"
exit_code=0
wait "$origin_pid" || exit_code=$?
origin_pid=
wait
rm -f "$body"
answered=$(grep -c '^200$' "$statuses" || true)
if [ "$exit_code" -ne 0 ] || grep -q SIGSEGV "$log" || [ "$answered" -ne 3 ]; then
  echo "SIGTERM check failed: exit $exit_code, statuses $(tr '\n' ' ' <"$statuses")" >&2
  tail -20 "$log" >&2
  rm -f "$statuses"
  exit 1
fi
rm -f "$statuses" "$log"
log=
echo "PASS 3 in-flight requests answered, exit 0"

# The Worker under wrangler dev in front of a started origin: every contract case must be answered
# the same through both, and the smoke test must pass through the Worker.
echo "== edge: parity with the origin, and the smoke test through the Worker"
./scripts/edge_parity.sh
