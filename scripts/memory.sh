#!/usr/bin/env bash
# Peak memory of a streaming batch: N answers (generated from fixtures/stories and
# fixtures/calibration, cycled) as JSON lines in, JSON lines out, under /usr/bin/time -v.
# Usage: scripts/memory.sh [N ...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p target/memory
for n in "${@:-10000 100000}"; do
  for n1 in $n; do
    in=target/memory/answers-$n1.jsonl
    [ -s "$in" ] || python3 - "$n1" "$in" <<'PY'
import glob, json, sys
n, out = int(sys.argv[1]), sys.argv[2]
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("fixtures/stories/*.md") + glob.glob("fixtures/calibration/*.md"))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"a{i}", "answer": texts[i % len(texts)]}) + "\n")
PY
    /usr/bin/time -f "$n1 answers: %e s wall, peak RSS %M KB" \
      target/release/starlint check --input jsonl --format jsonl "$in" >/dev/null || [ $? -eq 1 ]
  done
done
