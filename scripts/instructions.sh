#!/usr/bin/env bash
# Instructions one run of the release binary executes (valgrind cachegrind): unlike wall
# time on a shared 2-core machine (±20 % run to run), the count moves only when the code
# does, so it shows what a start-up change is worth.
# Usage: scripts/instructions.sh [starlint arguments...]
#   (default: check --format json --jobs 1 fixtures/sample.md, then --version)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
count() {
  # Exit 1 (an answer below the bar) is a normal run here.
  { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    target/release/starlint "$@" 2>&1 >/dev/null || true; } |
    awk -v what="$*" '/I *refs/ { gsub(",", "", $4); printf "%8.1f M instructions: starlint %s\n", $4 / 1e6, what }'
}
if [ $# -gt 0 ]; then
  count "$@"
else
  count check --format json --jobs 1 fixtures/sample.md
  count --version
fi
