#!/usr/bin/env bash
# The README's two commands, each self-sufficient on a fresh clone and a fresh Debian machine (Debian's Node 20
# first on PATH, or no Node at all, nothing cached):
#   bash scripts/dev.sh demo [demo options]   set up, then `npm run demo` (prints the URL to open)
#   bash scripts/dev.sh test                  set up, then `npm test` (every test, ending with the demo's smoke run)
#   bash scripts/dev.sh setup [demo|test]     only the set-up
# Set-up, each step skipped when already done: the Debian packages the command needs (apt-get, as root or through
# sudo), Node 24 when the machine's Node is older than 22 (scripts/node24.sh), `npm ci` when node_modules does not
# match package-lock.json, and code-server (scripts/setup-vscode.sh). Every step says what it does, how long it
# usually takes, and how long it took; long ones print a heartbeat so there is never a silent minute.
# A shell script rather than an npm script because npm itself may be missing or on the wrong Node when it starts.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/progress.sh
source "$root/scripts/progress.sh"

usage() {
  echo "Usage: bash scripts/dev.sh demo [--smoke] [--port N] [--archive-mb M] [--code-server]"
  echo "       bash scripts/dev.sh test"
  echo "       bash scripts/dev.sh setup [demo|test]"
}

# What each command needs from Debian. The demo builds code-server's native addons (compiler, Python,
# pkg-config, Kerberos headers); the tests also drive Chromium and run interop tests against Apache, curl and
# python-requests.
demo_packages=(build-essential python3 pkg-config libkrb5-dev ca-certificates)
test_packages=("${demo_packages[@]}" chromium apache2 python3-requests curl time git)

ensure_debian_packages() {
  local wanted=("$@") missing=() p
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || wanted+=(nodejs npm) # npm fetches Node 24
  if ! command -v dpkg-query >/dev/null 2>&1; then
    progress_note "not a Debian system (no dpkg-query): make sure these are installed: ${wanted[*]}"
    return 0
  fi
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    progress_note "Debian packages: all there (${wanted[*]})"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      progress_fail "these Debian packages are missing: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) and run this command again."
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  progress_run "apt-get update" 60 "${sudo[@]}" apt-get update -q
  # --no-upgrade: install what is missing, upgrade nothing on the user's machine.
  progress_run "apt-get install ${missing[*]}" 120 \
    "${sudo[@]}" apt-get install -y -q --no-install-recommends --no-upgrade "${missing[@]}"
}

ensure_node() {
  # node24.sh prints which Node it uses, and installs Node 24 into .cache/ (about 30 s) when it must.
  local started=$SECONDS
  # shellcheck source=scripts/node24.sh
  source "$root/scripts/node24.sh"
  command -v npm >/dev/null 2>&1 || progress_fail "npm is not on PATH: install Debian's npm (apt-get install npm)"
  progress_note "Node $(node -v), npm $(npm -v) ($((SECONDS - started)) s)"
}

# Installed from this very package-lock.json (a stamp written after our npm ci), or npm's own record of the last
# install (node_modules/.package-lock.json) is newer than the lock file.
npm_deps_current() {
  [ -f node_modules/.package-lock.json ] || return 1
  [ -f node_modules/.dev-sh-lock ] && [ "$(sha1sum package-lock.json | cut -c1-40)" = "$(cat node_modules/.dev-sh-lock)" ] &&
    return 0
  [ ! package-lock.json -nt node_modules/.package-lock.json ]
}

ensure_npm_deps() {
  if [ -L node_modules ]; then
    # A worktree sharing another checkout's install: npm ci would wipe that one.
    progress_note "npm dependencies: node_modules is a link to $(readlink node_modules); not touching it"
    return 0
  fi
  if npm_deps_current; then
    progress_note "npm dependencies: up to date with package-lock.json"
    return 0
  fi
  progress_run "npm ci (the project's npm dependencies)" 60 npm ci --no-audit --no-fund --loglevel=error
  sha1sum package-lock.json | cut -c1-40 >node_modules/.dev-sh-lock
}

ensure_code_server() {
  # setup-vscode.sh reports its own progress and returns at once when code-server is already installed.
  bash "$root/scripts/setup-vscode.sh"
}

setup() {
  local what="$1" started=$SECONDS
  progress_step "Set-up for '$what' (each step is skipped when already done)"
  if [ "$what" = test ]; then ensure_debian_packages "${test_packages[@]}"; else ensure_debian_packages "${demo_packages[@]}"; fi
  ensure_node
  ensure_npm_deps
  ensure_code_server
  progress_note "set-up done in $((SECONDS - started)) s"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  demo)
    smoke=0
    for arg in "$@"; do [ "$arg" = --smoke ] && smoke=1; done
    # The smoke run drives the workbench with Chromium, like the tests.
    if [ "$smoke" = 1 ]; then setup test; else setup demo; fi
    progress_step "npm run demo $*"
    exec npm run --silent demo -- "$@"
    ;;
  test)
    [ $# -eq 0 ] || { usage >&2; exit 2; }
    setup test
    progress_step "npm test (unit, integration and UI tests, then the demo's smoke run)"
    exec npm test
    ;;
  setup)
    setup "${1:-test}"
    ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
