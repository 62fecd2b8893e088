#!/usr/bin/env bash
# Behaviour tripwire for refactoring and performance work: the JSON report over every
# fixture answer must stay byte-identical. `scripts/same-output.sh save` records the
# reference (before a change); `scripts/same-output.sh` (no argument) rebuilds the debug
# binary and compares. The per-rule fixtures (fixtures/rules/) are left out: they test one
# rule each and grow with the rubric.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=target/same-output/fixtures.json
cargo build --quiet
mkdir -p target/same-output
# Exit 1 just means some answer scored below the bar; 2 would be an error worth seeing.
answers=(fixtures/calibration fixtures/holdout fixtures/holdout2 fixtures/sample.md
  fixtures/seed-lines-omitted.md fixtures/seeds fixtures/stories)
run() { target/debug/starlint check --format json --fail-under no_hire "${answers[@]}" || [ $? -eq 1 ]; }
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
