# Sourced by the scripts that start local servers: a free port, and waiting for a server to
# answer.

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
