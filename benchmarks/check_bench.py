"""`virtual-centre check PATH` of one file (what a pre-commit hook or an editor runs) beside
`virtual-centre check` of the whole catalogue, each as the command a user runs (a process of
its own, its start included).

    python benchmarks/check_bench.py --n 10000 [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMAND = Path(sys.executable).parent / "virtual-centre"
FILES = ["offers/synthetic-00001.md", "technologies/synthetic-00002.md",
         "organisations/synthetic-00003.md"]


def seconds(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(COMMAND), "check", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        generate(content, args.n)
        one = [seconds("--content", str(content), str(content / FILES[i % len(FILES)]))
               for i in range(args.repeat)]
        whole = [seconds("--content", str(content)) for _ in range(2)]
    print(f"## {args.n:,} resources: virtual-centre check")
    print(f"one file: median {statistics.median(one):.2f} s, max {max(one):.2f} s "
          f"({args.repeat} runs: {', '.join(f'{s:.2f}' for s in one)})")
    print(f"the whole catalogue: {min(whole):.2f} s (fastest of 2)")


if __name__ == "__main__":
    main()
