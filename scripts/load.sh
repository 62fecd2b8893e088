#!/usr/bin/env bash
# Load figures for `starlint serve` on this machine (docs/deploy.md quotes them):
#   1. 16 concurrent clients (wrk: 2 threads, 16 keep-alive connections) posting one
#      answer to /api/check for DURATION seconds: requests/s and latency p50/p99;
#   2. one client, the same answer again and again: the warm re-score time of one answer
#      (HTTP on the loopback included);
#   3. a flood of malformed requests (scripts/flood.py), after which /healthz must still
#      answer 200 and /api/check must still score.
# Needs wrk (Debian: apt-get install wrk) and python3. Builds the release binary, serves
# on a free port on 127.0.0.1 only, and stops the server at the end. Not run by CI.
#   scripts/load.sh [DURATION]      (default 15 s)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
command -v wrk >/dev/null || { echo "scripts/load.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
cargo build --release --locked -q
log="$(mktemp)"
target/release/starlint serve --port 0 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log" "$body"' EXIT
for _ in $(seq 50); do grep -q http:// "$log" && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' "$log")"
body="$(mktemp)"
python3 - "$body" <<'PY'
import json, sys
answer = open("fixtures/sample.md", encoding="utf-8").read()
json.dump({"answer": answer, "lp": "ownership", "level": "sde2"}, open(sys.argv[1], "w"))
PY
lua="$(mktemp --suffix=.lua)"
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$body", "rb"); wrk.body = f:read("*a"); f:close()
LUA
echo "== $(nproc) cores; answer: fixtures/sample.md ($(wc -w < fixtures/sample.md) words)"
echo "== 16 concurrent clients, ${duration} s, POST /api/check"
wrk -t2 -c16 -d"${duration}s" --latency -s "$lua" "${url}api/check" | grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"
echo "== 1 client, ${duration} s: the warm re-score time of one answer"
wrk -t1 -c1 -d"${duration}s" --latency -s "$lua" "${url}api/check" | grep -E "Requests/sec|50%|99%"
echo "== a flood of malformed requests"
python3 scripts/flood.py "$url"
status="$(curl -s -o /dev/null -w '%{http_code}' "${url}healthz")"
scored="$(curl -s -X POST --data-binary @"$body" "${url}api/check" | python3 -c 'import json,sys; print(json.load(sys.stdin)["answers"][0]["verdict"])')"
echo "after the flood: /healthz $status, /api/check scores: $scored"
rm -f "$lua"
[ "$status" = 200 ]
