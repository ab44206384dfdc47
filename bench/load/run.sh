#!/usr/bin/env bash
# Load run: starts the packaged origin and, in front of it, the edge Worker under `wrangler dev`
# with its committed local settings (rate limits, cache, skip and transforms off), both on free
# local ports as scripts/edge_parity.sh starts them; runs bench/LoadBench.java against the two,
# which writes bench/results/load.md; and stops both, also when the run fails or is interrupted.
#
# Builds nothing: target/origin.jar and target/lib/ (./mvnw -B -q -DskipTests package) and
# edge/node_modules (npm ci in edge/) must exist. Arguments are passed on to LoadBench.java (see
# bench/README.md), such as --seconds 20 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/jdk.sh
. scripts/lib/node.sh
. scripts/lib/servers.sh

if [[ ! -f target/origin.jar || ! -d target/lib ]]; then
  echo "run.sh: target/origin.jar or target/lib/ missing; build first:" \
    "./mvnw -B -q -DskipTests package" >&2
  exit 1
fi
if [[ ! -x edge/node_modules/.bin/wrangler ]]; then
  echo "run.sh: edge/node_modules missing; run npm ci in edge/ first" >&2
  exit 1
fi

bench_pid=
logs=$(mktemp -d)
trap 'stop_process "$bench_pid"; stop_pair; rm -rf "$logs"' EXIT
# An interrupted run stops everything too: the EXIT trap runs on this exit. The benchmark runs in
# the background and is waited for, so that the trap runs at once rather than after it.
trap 'exit 130' INT TERM

started=$(date +%s)
start_pair
echo "run.sh: origin $origin_url (pid $origin_pid), Worker $edge_url (process group" \
  "$edge_pid)" >&2
"$JAVA_HOME/bin/java" bench/LoadBench.java --origin "$origin_url" --edge "$edge_url" \
  --origin-pid "$origin_pid" --edge-pgid "$edge_pid" "$@" >/dev/null &
bench_pid=$!
wait "$bench_pid"
bench_pid=
echo "run.sh: done in $(( $(date +%s) - started )) s" >&2
