#!/usr/bin/env bash
# The "VS Code executable" the integration tests hand to runTests() where desktop VS Code is not available:
# runs the tests in code-server + Chromium (see codeServerShim.ts). Needs `npm run compile-tests` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# code-server's native addons are built for Node 24; the shim spawns it with the Node that runs the shim.
FORCE_NODE24=1 source "$root/scripts/node24.sh" 2>/dev/null
exec node "$root/out/test/vscode/codeServerShim.js" "$@"
