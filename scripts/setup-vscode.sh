#!/usr/bin/env bash
# Installs the pinned code-server (a real VS Code: workbench + Node extension host) into .cache/, where the
# integration and UI tests find it. Idempotent: a second run with the same lock file does nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/progress.sh
source "$root/scripts/progress.sh"
# code-server's postinstall refuses any Node but 24.
FORCE_NODE24=1 source "$root/scripts/node24.sh"
src="$root/test/vscode/code-server"
dest="$root/.cache/code-server"
# The stamp names the manifest + lock it was installed from, so editing either triggers a reinstall.
stamp_of() { echo "$dest/.installed-$(cat "$src"/package*.json | sha1sum | cut -c1-12)"; }
stamp="$(stamp_of)"
if [ -f "$stamp" ] && [ -x "$dest/node_modules/.bin/code-server" ]; then
  echo "[setup-vscode] code-server already installed in $dest"
  exit 0
fi
echo "[setup-vscode] installing code-server into $dest (about 600 MB; most of the time goes to compiling its native addons)"
rm -rf "$dest"
mkdir -p "$dest"
cp "$src/package.json" "$dest/"
# What the heartbeat shows: packages unpacked so far, then native addons built.
progress_detail() {
  local packages addons building="" pid cwd
  packages=$(find "$dest/node_modules" -mindepth 2 -maxdepth 3 -name package.json 2>/dev/null | wc -l)
  addons=$(find "$dest/node_modules" -path '*/build/Release/*.node' 2>/dev/null | wc -l)
  # Which addon the compiler is on (sqlite takes the longest): a make or compiler running inside our folder.
  for pid in $(pgrep -x 'make|cc1|cc1plus' 2>/dev/null); do
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    case "$cwd" in
      "$dest"/node_modules/*) building="${cwd%%/build*}" && building="${building##*/node_modules/}" && break ;;
    esac
  done
  echo "$packages packages unpacked, $addons native addons built${building:+, compiling $building}"
}
if [ -f "$src/package-lock.json" ]; then
  cp "$src/package-lock.json" "$dest/"
  (cd "$dest" && progress_run "code-server: npm ci" 300 npm ci --no-audit --no-fund --loglevel=error)
else
  (cd "$dest" && progress_run "code-server: npm install" 300 npm install --no-audit --no-fund --loglevel=error &&
    cp package-lock.json "$src/")
fi
# Recomputed: a first install has just written the lock file, which is part of the stamp.
touch "$(stamp_of)"
# --config /dev/null: without it code-server writes ~/.config/code-server/config.yaml.
echo "[setup-vscode] $("$dest/node_modules/.bin/code-server" --config /dev/null --version | head -1)"
