#!/usr/bin/env bash
# Behaviour tripwire for performance work: the JSON report over every fixture must stay
# byte-identical. `scripts/same-output.sh save` records the reference (before a change);
# `scripts/same-output.sh` (no argument) rebuilds the debug binary and compares.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=target/same-output/fixtures.json
cargo build --quiet
mkdir -p target/same-output
# Exit 1 just means some answer scored below the bar; 2 would be an error worth seeing.
run() { target/debug/starlint check --format json --fail-under no_hire fixtures/ || [ $? -eq 1 ]; }
if [ "${1:-}" = save ]; then
  run >"$ref"
  echo "saved $(wc -c <"$ref") bytes to $ref"
else
  run >target/same-output/now.json
  if cmp -s "$ref" target/same-output/now.json; then
    echo "same output: $(wc -c <"$ref") bytes identical"
  else
    diff <(tr ',' '\n' <"$ref") <(tr ',' '\n' <target/same-output/now.json) | head -40
    echo "OUTPUT CHANGED" >&2
    exit 1
  fi
fi
