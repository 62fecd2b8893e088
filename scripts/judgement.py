#!/usr/bin/env python3
"""The judgement figures the issue notes and docs quote, measured, never estimated.

    scripts/judgement.py [-v] [BIN]   (default target/release/starlint; build it first;
                                      -v lists the pairs out of order)

Prints, for the development corpus (fixtures/corpus, fixtures/pairs, both listed in their
index.toml):
  - agreement with the two blind raters (fixtures/ratings/rater-{a,b}*.toml) as quadratic
    weighted kappa over the four verdicts, and pass/fail (Hire or better) agreement;
  - publisher-ranked pairs in order: for every two answers of one group with different
    ranks, the better one has a strictly higher score and a verdict no lower;
and, for the gaming texts (fixtures/gaming), how many runs under every LP land above
Leaning No Hire (the aim is none). Python 3.11+, standard library only.
"""
import collections
import json
import os
import subprocess
import sys
import tomllib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "fixtures")
ARGS = [a for a in sys.argv[1:] if not a.startswith("-")]
BIN = ARGS[0] if ARGS else os.path.join(ROOT, "target/release/starlint")
V = ["no_hire", "leaning_no_hire", "hire", "strong_hire"]
LPS = ["general", "customer-obsession", "ownership", "invent-and-simplify", "are-right-a-lot",
       "learn-and-be-curious", "hire-and-develop-the-best", "insist-on-the-highest-standards",
       "think-big", "bias-for-action", "frugality", "earn-trust", "dive-deep", "have-backbone",
       "deliver-results", "strive-to-be-earths-best-employer",
       "success-and-scale-bring-broad-responsibility"]


def qwk(a, b, k=4):
    """Quadratic weighted kappa of two lists of verdict indices."""
    n = len(a)
    o = [[0] * k for _ in range(k)]
    for x, y in zip(a, b):
        o[x][y] += 1
    ha = [sum(o[i]) for i in range(k)]
    hb = [sum(o[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * o[i][j]
            den += w * ha[i] * hb[j] / n
    return 1 - num / den if den else 1.0


def judge(path, lp):
    out = subprocess.run([BIN, "check", "--format", "json", "--lp", lp, path],
                         capture_output=True, text=True)
    a = json.loads(out.stdout)["answers"][0]
    return V.index(a["verdict"]), a["score"]


def raters():
    got = {}
    for name in ("a", "b"):
        got[name] = {}
        for suffix in ("", "-round2", "-round3", "-round4", "-round5", "-round6", "-round7", "-round8", "-round9", "-round10", "-round11", "-round12"):
            p = os.path.join(FIX, "ratings", f"rater-{name}{suffix}.toml")
            if os.path.exists(p):
                for r in tomllib.load(open(p, "rb"))["rating"]:
                    got[name][r["file"]] = V.index(r["verdict"])
    return got["a"], got["b"]


def main():
    entries = {}
    for d in ("corpus", "pairs"):
        for e in tomllib.load(open(os.path.join(FIX, d, "index.toml"), "rb"))["answer"]:
            entries[f"{d}/{e['file']}"] = (d, e)
    res = {f: judge(os.path.join(FIX, f), e["lp"]) for f, (d, e) in sorted(entries.items())}
    a, b = raters()
    rated = sorted(f for f in res if f in a and f in b)
    print(f"blind raters, {len(rated)} answers: raters agree kappa "
          f"{qwk([a[f] for f in rated], [b[f] for f in rated]):.3f}")
    for name, r in (("A", a), ("B", b)):
        k = qwk([r[f] for f in rated], [res[f][0] for f in rated])
        pf = sum((r[f] >= 2) == (res[f][0] >= 2) for f in rated) / len(rated)
        print(f"  starlint vs rater {name}: kappa {k:.3f}, pass/fail {pf:.3f}")
    agreed = [f for f in rated if (a[f] >= 2) == (b[f] >= 2)]
    right = sum((a[f] >= 2) == (res[f][0] >= 2) for f in agreed)
    print(f"  pass/fail where the raters agree: {right}/{len(agreed)}")
    groups = collections.defaultdict(list)
    for f, (d, e) in entries.items():
        if "pair" in e and "rank" in e:
            groups[f"{d}/{e['pair']}"].append((e["rank"], f))
    ok = total = 0
    for _, members in sorted(groups.items()):
        members.sort()
        for i, (ri, lo) in enumerate(members):
            for rk, hi in members[i + 1:]:
                if ri == rk:
                    continue
                total += 1
                good = res[hi][1] > res[lo][1] and res[hi][0] >= res[lo][0]
                ok += good
                if not good and "-v" in sys.argv:
                    print(f"    misordered {lo} {res[lo]} / {hi} {res[hi]}")
    print(f"publisher-ranked pairs in order: {ok}/{total} ({len(groups)} groups)")
    gaming = os.path.join(FIX, "gaming")
    counts = collections.Counter()
    above = []
    for e in tomllib.load(open(os.path.join(gaming, "index.toml"), "rb"))["text"]:
        for lp in LPS:
            v, s = judge(os.path.join(gaming, e["file"]), lp)
            counts[V[v]] += 1
            if v > 1:
                above.append((e["file"], lp, V[v], s))
    print(f"gaming texts: {sum(counts.values())} runs, {len(above)} above Leaning No Hire, "
          f"{dict(counts)}")
    for f in above[:40]:
        print("   ", *f)


if __name__ == "__main__":
    main()
