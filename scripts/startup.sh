#!/usr/bin/env bash
# The start-up ratio: one ~2 kB answer through the release binary against `--version`.
#
#   scripts/startup.sh [ROUNDS] [RUNS]      (defaults 5 rounds of 40 runs)
#
# A single hyperfine run on a shared 2-core machine drifts by a quarter between minutes,
# so the commands are run in ROUNDS interleaved hyperfine rounds (each round times every
# command once, in turn) and each command's figure is the median of its rounds' medians.
# The ratio is taken from those medians, so both sides see the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
runs=${2:-40}
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is not installed" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/starlint
cmds=(
  "$bin --version"
  "$bin check fixtures/sample.md"
  "$bin check --format json fixtures/sample.md"
  "$bin check --format json - < fixtures/sample.md"
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for i in "${!cmds[@]}"; do
    # Reading stdin needs a shell for the redirect; the others run without one (-N).
    if [[ ${cmds[$i]} == *"<"* ]]; then shell=(--shell=bash); else shell=(-N); fi
    hyperfine "${shell[@]}" --warmup 3 --runs "$runs" --style none \
      --export-json "$tmp/$i.$r.json" "${cmds[$i]}" >/dev/null 2>&1
  done
done
python3 - "$tmp" "$rounds" "${cmds[@]}" <<'EOF'
import json, statistics, sys
tmp, rounds, cmds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
medians = []
for i, cmd in enumerate(cmds):
    per_round = [json.load(open(f"{tmp}/{i}.{r}.json"))["results"][0]["median"] * 1000
                 for r in range(1, rounds + 1)]
    medians.append(statistics.median(per_round))
    spread = f"{min(per_round):.2f}-{max(per_round):.2f}"
    print(f"{medians[-1]:7.2f} ms  (rounds {spread})  {cmd}")
base = medians[0]
for cmd, m in zip(cmds[1:], medians[1:]):
    print(f"{m / base:5.2f}x  {cmd}")
EOF
