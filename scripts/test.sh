#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run, after fmt and clippy) and what the README
# tells you to run.
#   1. What the browser tests need: Chromium (Debian's `chromium` package, installed with
#      apt-get when /usr/bin/chromium is missing) and playwright-core (`npm ci` in
#      tests/browser/, from its lockfile). Node.js 20 or later must be there already.
#   2. `cargo build --locked`, then `cargo test --locked` (unit and integration tests).
#   3. The browser tests (tests/browser/*.test.mjs) against the binary just built: the
#      cohort report, and the paste page and practice round of `starlint serve` (each
#      test file starts its own server on a free port and stops it).
# STARLINT_BLESS=1 also rewrites docs/images/cohort-report.png, paste-page.png and
# practice.png from the browser tests' screenshots; review the pictures before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "scripts/test.sh: installing Debian's chromium for the browser tests" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
    echo "scripts/test.sh: the browser tests need Node.js 20 or later (found: ${node_major})" >&2
    exit 1
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

cargo build --locked
cargo test --locked

STARLINT_BIN="$PWD/target/debug/starlint" CHROMIUM="$chromium" npm --prefix tests/browser test
