"""A file naming thousands of ids that are nearly right: `virtual-centre check` of that file,
and of the whole catalogue, at catalogue sizes, beside the brute force it replaced (difflib
over every id of the catalogue for each reference, as validate/rules.py did before
validate/suggest.py).

    python benchmarks/near_miss_bench.py [--sizes 1000 10000] [--refs 4000]

Figures, not a test (BENCHMARKS.md). Each check is the command a user runs, a process of its
own (its start included); the brute force is timed in this process on a sample of the same
references and scaled to all of them where the whole would take minutes.
"""

from __future__ import annotations

import argparse
import difflib
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import generate  # noqa: E402

COMMAND = Path(sys.executable).parent / "virtual-centre"
LOOK_ALIKE = {"0": "O", "1": "l", "2": "Z", "5": "S", "-": "_"}


def near_misses(ids: list[str], count: int, seed: int = 3) -> list[str]:
    """`count` ids each one character off a real one (a digit for a look-alike letter)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        rid = rng.choice(ids)
        spots = [i for i, c in enumerate(rid) if c in LOOK_ALIKE and i > rid.index("/")]
        i = rng.choice(spots)
        out.append(rid[:i] + LOOK_ALIKE[rid[i]].lower() + rid[i + 1:])
    return out


def hostile_file(refs: list[str]) -> str:
    related = "\n".join(f"- {r}" for r in refs)
    return ("---\ntitle: A study naming thousands of ids nearly right\nsummary: Every related "
            "id is one character off a real one.\ndate: '2026-12-01'\nlanguage: en\n"
            "kind: report\ncreators:\n- name: Nobody\n  url: https://example.org/\n"
            f"related:\n{related}\n---\nBody.\n")


def timed(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(COMMAND), "check", *args], capture_output=True, text=True)
    assert done.returncode == 1 and "did you mean" in done.stdout, done.stderr[-500:]
    return time.perf_counter() - start


def brute_force(refs: list[str], ids: list[str], budget: float = 20.0) -> tuple[float, int]:
    """(seconds for every reference, references actually timed): difflib over every id."""
    start, done = time.perf_counter(), 0
    for ref in refs:
        difflib.get_close_matches(ref, ids, n=1, cutoff=0.6)
        done += 1
        if time.perf_counter() - start > budget:
            break
    return (time.perf_counter() - start) * len(refs) / done, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--refs", type=int, default=4000)
    args = parser.parse_args()
    print(f"A file with {args.refs:,} near-miss references (seconds):")
    print("| resources | check of the file | check of the catalogue | brute force "
          "did-you-means (difflib over every id) |")
    print("|---:|---:|---:|---:|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            content = Path(tmp) / "content"
            generate(content, n)
            ids = sorted(p.relative_to(content).with_suffix("").as_posix()
                         for p in content.glob("*/*.md"))
            refs = near_misses(ids, args.refs)
            target = content / "research" / "near-misses.md"
            target.write_text(hostile_file(refs), encoding="utf-8")
            one = timed("--content", str(content), str(target))
            whole = timed("--content", str(content))
            brute, sampled = brute_force(refs, ids)
            scaled = "" if sampled == len(refs) else f" (from {sampled:,} references)"
            print(f"| {n:,} | {one:.2f} | {whole:.2f} | {brute:,.1f}{scaled} |", flush=True)


if __name__ == "__main__":
    main()
