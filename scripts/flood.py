#!/usr/bin/env python3
"""A bounded flood of malformed HTTP requests at a starlint server on this machine.

    scripts/flood.py http://127.0.0.1:PORT/ [REQUESTS]

Sends REQUESTS (default 5,000) malformed or abandoned requests from 16 threads, only to
a loopback address, and prints how many got an HTTP answer, how many were closed without
one, and how many 5xx answers came back (there must be none). Used by scripts/load.sh.
"""
import random
import socket
import sys
import threading
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
host, port = url.hostname, url.port
if host not in ("127.0.0.1", "localhost", "::1"):
    sys.exit("flood.py only sends to this machine's loopback address")
total = int(sys.argv[2]) if len(sys.argv) > 2 else 5000

BAD = [
    b"\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET /\x00\xff HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n\xff\xfe\xfd",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n[[[[[[[[[[",
    b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n{\"answer\":",
    b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n",
]

counts = {"answered": 0, "closed": 0, "5xx": 0}
lock = threading.Lock()


def worker(n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        if rng.random() < 0.25:
            req = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 2000)))
        else:
            req = rng.choice(BAD)
        try:
            s = socket.create_connection((host, port), timeout=30)
            s.sendall(req)
            if rng.random() < 0.3:
                s.close()  # hang up at once
                key = "closed"
            else:
                s.shutdown(socket.SHUT_WR)
                data = s.recv(64)
                s.close()
                key = "answered" if data.startswith(b"HTTP/1.1 ") else "closed"
                if data[9:10] == b"5":
                    key = "5xx"
        except OSError:
            key = "closed"
        with lock:
            counts[key] += 1


threads = [threading.Thread(target=worker, args=(total // 16, i)) for i in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{sum(counts.values())} malformed requests: {counts['answered']} answered, "
      f"{counts['closed']} closed without an answer, {counts['5xx']} 5xx")
sys.exit(1 if counts["5xx"] else 0)
