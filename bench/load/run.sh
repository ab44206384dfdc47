#!/usr/bin/env bash
# Load run: starts the packaged origin and, in front of it, the edge Worker with its committed
# local settings (rate limits, cache, skip and transforms off) twice: under plain workerd
# (start_workerd: the bundle `wrangler deploy` builds, nothing in front of it) and under
# `wrangler dev`, as scripts/edge_parity.sh starts it; and beside them the bare forwarder
# (start_forwarder: bench/load/forwarder.js on the same plain workerd), the floor any Worker pays
# here. All on free local ports. Runs bench/LoadBench.java against them, which writes
# bench/results/load.md, and stops them all, also when the run fails or is interrupted.
# WRANGLER_DEV=off leaves `wrangler dev` out and FORWARDER=off the bare forwarder, each a quarter
# shorter.
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
if [[ ! -x edge/node_modules/.bin/wrangler || ! -x edge/node_modules/.bin/workerd ]]; then
  echo "run.sh: edge/node_modules missing; run npm ci in edge/ first" >&2
  exit 1
fi
for switch in WRANGLER_DEV FORWARDER; do
  case "${!switch:-on}" in
    on | off) ;;
    *)
      echo "run.sh: $switch is \"${!switch}\"; expected on or off" >&2
      exit 1
      ;;
  esac
done

bench_pid=
logs=$(mktemp -d)
trap 'stop_process "$bench_pid"; stop_pair; rm -rf "$logs"' EXIT
# An interrupted run stops everything too: the EXIT trap runs on this exit. The benchmark runs in
# the background and is waited for, so that the trap runs at once rather than after it.
trap 'exit 130' INT TERM

started=$(date +%s)
start_origin
start_workerd "$origin_url"
sides=(--origin "$origin_url" --origin-pid "$origin_pid" --workerd "$workerd_url"
  --workerd-pid "$workerd_pid")
echo "run.sh: origin $origin_url (pid $origin_pid), Worker on plain workerd $workerd_url" \
  "(pid $workerd_pid)" >&2
if [[ "${FORWARDER:-on}" == on ]]; then
  start_forwarder "$origin_url"
  sides+=(--forwarder "$forwarder_url" --forwarder-pid "$forwarder_pid")
  echo "run.sh: bare forwarder on plain workerd $forwarder_url (pid $forwarder_pid)" >&2
fi
if [[ "${WRANGLER_DEV:-on}" == on ]]; then
  start_edge "$origin_url"
  sides+=(--wrangler-dev "$edge_url" --wrangler-dev-pgid "$edge_pid")
  echo "run.sh: Worker under wrangler dev $edge_url (process group $edge_pid)" >&2
fi
"$JAVA_HOME/bin/java" bench/LoadBench.java "${sides[@]}" "$@" >/dev/null &
bench_pid=$!
wait "$bench_pid"
bench_pid=
echo "run.sh: done in $(( $(date +%s) - started )) s" >&2
