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

echo "== scripts: syntax, and the release check's and the smoke test's own tests against" \
  "stand-in servers"
python3 -m py_compile scripts/smoke_test.py scripts/smoke_cases.py scripts/smoke_fixtures.py \
  scripts/smoke_common.py scripts/smoke_modes.py scripts/parity_test.py \
  scripts/record_json_goldens.py scripts/record_token_goldens.py scripts/guardrail_parity_test.py \
  scripts/edge_tenant_profiles.py scripts/transform_parity_test.py \
  scripts/record_transform_goldens.py scripts/container_check.py scripts/parity_common.py \
  scripts/release_check.py scripts/release_rules.py scripts/release_check_test.py \
  scripts/stand_in.py scripts/smoke_test_test.py scripts/contract_fields.py \
  scripts/contract_fields_test.py
python3 scripts/contract_fields_test.py
python3 scripts/release_check_test.py
python3 scripts/smoke_test_test.py

logs=$(mktemp -d)
trap 'stop_origin; rm -rf "$logs"' EXIT

# Starts the packaged jar with the given extra environment, waits for /health, runs the smoke
# test and prints /health's compressor, then stops it.
smoke() {
  start_origin "$@"
  API_URL="$origin_url/compress" python3 scripts/smoke_test.py
  curl -fsS "$origin_url/health" | python3 -c \
    'import json, sys; print("health:", json.load(sys.stdin)["compressor"])'
  stop_origin
}

echo "== origin: smoke test against the started service (embedded lexical scorer)"
smoke

# The packaged jar must find the ONNX Runtime and tokenizer natives and load a model folder.
echo "== origin: smoke test against the started service (tiny LLMLingua-2 model)"
smoke MODEL_DIR=src/test/resources/lingua/models/tiny-bert-base-multilingual-cased

# The image without a Docker daemon (scripts/container_check.py): the Dockerfile's COPY paths
# exist and are not ignored, .dockerignore and .gcloudignore keep edge artifacts, build output
# and secrets out, and its ENTRYPOINT and ENV, run against the jar and lib/ laid out as the image
# holds them, serve /health on $PORT. Then SIGTERM while model requests run: they are answered
# and the JVM exits 0. (ONNX Runtime's own shutdown hook frees its environment; the service must
# be stopped before it runs.) The grace is long enough for a loaded machine: what is checked is
# that in-flight work is finished, not how fast.
echo "== origin: the image's start command, and SIGTERM with model requests in flight"
python3 scripts/container_check.py \
  --env MODEL_DIR="$PWD/src/test/resources/lingua/models/tiny-xlm-roberta-large" \
  --env SHUTDOWN_GRACE_SECONDS=120

# The Worker under wrangler dev in front of a started origin: every contract case must be answered
# the same through both, and the smoke test must pass through the Worker.
echo "== edge: parity with the origin, and the smoke test through the Worker"
./scripts/edge_parity.sh
