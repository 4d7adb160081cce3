"""Matchmaking benchmark: N synthetic offers against N synthetic demands.

    python benchmarks/match_bench.py [--n 10000]     (make bench-match)

Prints the seconds of the blocked matchmaking (on every core, and in one process), the pairs
that pass every hard condition, and beside them a brute-force reference timed on a sample and
extrapolated to all pairs.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from virtual_centre.catalogue.matchmaking import match_all, score  # noqa: E402

from benchmarks.synthetic import listings  # noqa: E402

TODAY = dt.date(2026, 11, 26)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    print(f"generating {args.n} offers and {args.n} demands …", file=sys.stderr)
    offers, demands = listings(args.n, args.n)
    runs = {}
    for label, workers in (("all cores", None), ("one process", 1)):
        print(f"matching ({label}) …", file=sys.stderr)
        o, d = copy.deepcopy(offers), copy.deepcopy(demands)
        start = time.perf_counter()
        matches = match_all(o, d, TODAY, workers=workers)
        runs[label] = (time.perf_counter() - start, matches.surviving, len(matches.top_triples()))
    print("timing brute force on a sample …", file=sys.stderr)
    sample_o, sample_d = offers[:300], demands[:300]
    start = time.perf_counter()
    for dm in sample_d:
        for of in sample_o:
            score(of, dm, TODAY)
    per_pair = (time.perf_counter() - start) / (len(sample_o) * len(sample_d))
    brute = per_pair * len(offers) * len(demands)
    print(f"Matchmaking benchmark: {args.n:,} offers × {args.n:,} demands "
          f"({os.cpu_count()} cores)")
    for label, (seconds, surviving, top) in runs.items():
        print(f"  blocked, {label:12} {seconds:8.2f} s   {surviving:,} pairs pass every hard "
              f"condition; {top:,} in some listing's top 10")
    print(f"  brute force (extrapolated) {brute:8.1f} s   ({per_pair * 1e6:.1f} µs a pair, "
          f"{len(offers) * len(demands):,} pairs)")
    best = runs["all cores"][0]
    print(f"  speed-up over brute force: {brute / best:.0f}×; target ≤ 3 s: "
          f"{'met' if best <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
