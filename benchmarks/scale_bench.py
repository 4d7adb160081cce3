"""Scale benchmark: the project against a plain Material build of the same Markdown.

    python benchmarks/scale_bench.py [--n 10000] [--small 1000 2000] [--repeat 3] [--profile]
                                     [--english]
    (make bench runs it with --repeat 3 --english)

For each size it generates a schema-valid synthetic catalogue over every category, builds it
with the project and as a plain Material for MkDocs site (same theme, the same navigation with
one-line stand-ins for the generated section pages, resources out of the navigation, no project
plugin), each in its own process, and prints build seconds, peak
memory, total site bytes, the largest page, the search payload, and the ratios. With
--english it also builds the project with `languages: []` and compares the site in every
configured language with the English-only one (issue 34: at most 1.3 × in time and bytes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from virtual_centre.model.categories import CATEGORIES  # noqa: E402

from benchmarks.synthetic import generate  # noqa: E402


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def pss_kb(pid: int) -> int:
    """The proportional set size of a process and its descendants: memory they share (a
    forked child shares its parent's pages) is counted once in the sum."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return total
    return total + sum(pss_kb(int(child)) for child in children)


def run(kind: str, content: Path, site: Path, profile: bool) -> dict:
    """One build in its own process, its memory sampled every 100 ms from here."""
    args = [sys.executable, str(ROOT / "benchmarks" / "build_once.py"), kind, str(content),
            str(site)] + (["--profile"] if profile else [])
    with tempfile.TemporaryFile("w+") as out:
        build = subprocess.Popen(args, stdout=out, stderr=subprocess.DEVNULL, text=True,
                                 env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        peak = 0
        while build.poll() is None:
            peak = max(peak, pss_kb(build.pid))
            time.sleep(0.1)  # reading smaps costs CPU: more often would slow the build
        if build.returncode:
            raise SystemExit(f"the {kind} build failed ({build.returncode})")
        out.seek(0)
        figures = json.loads(out.read().strip().splitlines()[-1])
    return {**figures, "pss_kb": peak}


def sizes(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".zip"]
    pages = [p for p in files if p.suffix == ".html"]
    resources = [p for p in pages if p.parent.parent == site and p.parent.name in CATEGORIES
                 and p.name != "index.html" and not p.name.startswith("page-")]
    search = [site / "search" / "search_index.json", site / "assets/vc/catalogue-index.js"]
    return {
        "total": sum(p.stat().st_size for p in files),
        "largest": max(p.stat().st_size for p in pages),
        "largest_page": str(max(pages, key=lambda p: p.stat().st_size).relative_to(site)),
        "largest_resource": max((p.stat().st_size for p in resources), default=0),
        "largest_resource_page": str(max(resources, key=lambda p: p.stat().st_size)
                                     .relative_to(site)) if resources else "",
        "search": sum(p.stat().st_size for p in search if p.exists()),
        "zip": sum(p.stat().st_size for p in site.rglob("*.zip")),
    }


def measure(n: int, work: Path, profile: bool, repeat: int, kinds: tuple[str, ...]) -> dict:
    """Both builds, alternating, `repeat` times each: the figures of each kind's fastest build
    (the least disturbed by the machine; the spread is printed too) and its largest memory."""
    content = work / f"content-{n}"
    content.mkdir()
    for page in ("index.md", "about.md"):
        shutil.copy(ROOT / "content" / page, content / page)
    say(f"[{n}] generating {n:,} synthetic resources …")
    generate(content, n)
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for attempt in range(1, repeat + 1):
        for kind in kinds:
            say(f"[{n}] building the {kind} site ({attempt} of {repeat}) …")
            site = work / f"site-{kind}-{n}"
            runs[kind].append({**run(kind, content, site, profile and kind == "project"),
                               **sizes(site)})
            shutil.rmtree(site)
            shutil.rmtree(work / f"plain-content-{site.name}", ignore_errors=True)
    out = {}
    for kind, results in runs.items():
        best = min(results, key=lambda r: r["seconds"])
        out[kind] = {**best, "all_seconds": [r["seconds"] for r in results],
                     "pss_kb": max(r["pss_kb"] for r in results)}
    return out


def table(n: int, r: dict) -> None:
    plain, proj = r["plain"], r["project"]
    print(f"\n{n:,} resources            plain Material        project    ratio   target")
    rows = [("build (s)", "seconds", "{:.1f}", "≤ 1.25"), ("peak memory (MB)", "pss_kb", "mb",
            "≤ 1.5"), ("site bytes", "total", "{:,}", "≤ 1.25"),
            ("largest page (bytes)", "largest", "{:,}", ""),
            ("largest resource page", "largest_resource", "{:,}", ""),
            ("search payload (bytes)", "search", "{:,}", "")]
    for label, key, fmt, target in rows:
        a, b = plain[key], proj[key]
        if fmt == "mb":
            a, b, fmt = a / 1024, b / 1024, "{:.0f}"
        ratio = f"{b / a:.2f}" if a else "-"
        print(f"  {label:24}{fmt.format(a):>14}{fmt.format(b):>15}{ratio:>9}   {target}")
    if len(plain["all_seconds"]) > 1:
        print("  build seconds of every run: plain "
              + ", ".join(f"{x:.1f}" for x in plain["all_seconds"]) + "; project "
              + ", ".join(f"{x:.1f}" for x in proj["all_seconds"]) + " (the fastest counts)")
    print("  peak memory: the largest sum of the proportional set sizes (PSS) of the build "
          "process and its children, sampled every 100 ms (the largest of the runs)")
    print(f"  peak resident sizes (ru_maxrss): plain {plain['own_peak_kb'] / 1024:.0f} MB; project "
          f"{proj['own_peak_kb'] / 1024:.0f} MB, its largest child process "
          f"{proj['children_peak_kb'] / 1024:.0f} MB (a child's peak counts the pages of the build "
          "it was started from, until it runs its own program)")
    print(f"  largest resource page of the project: {proj['largest_resource_page']}")
    print(f"  largest page of the project: {proj['largest_page']}; offline zip "
          f"{proj['zip']:,} bytes (not in the site bytes above)")
    if "english" in r:
        english = r["english"]
        print(f"  every language against English only (languages: []): build "
              f"{english['seconds']:.1f} → {proj['seconds']:.1f} s "
              f"({proj['seconds'] / english['seconds']:.2f} ×), bytes {english['total']:,} → "
              f"{proj['total']:,} ({proj['total'] / english['total']:.2f} ×), peak memory "
              f"{english['pss_kb'] / 1024:.0f} → {proj['pss_kb'] / 1024:.0f} MB; target ≤ 1.3 ×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--small", type=int, nargs="+", default=[1_000, 2_000],
                        help="the sizes editors have, beside --n")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each site this many times, alternating; the fastest counts")
    parser.add_argument("--english", action="store_true",
                        help="also build the project in English only (languages: [])")
    args = parser.parse_args()
    kinds = ("plain", "english", "project") if args.english else ("plain", "project")
    with tempfile.TemporaryDirectory() as tmp:
        results = {n: measure(n, Path(tmp), args.profile, args.repeat, kinds)
                   for n in (*args.small, args.n)}
    for n, r in results.items():
        table(n, r)
    big, small = results[args.n]["project"], results[args.small[0]]["project"]
    growth = big["largest_resource"] / small["largest_resource"] - 1
    print(f"\nlargest resource page at {args.n:,} vs {args.small[0]:,}: {growth:+.1%} "
          "(target within ±10 %)")
    print(f"no page over 1 MB: {'met' if big['largest'] <= 1_000_000 else 'NOT met'}")
    if args.profile:
        print("\nProfile of the project build (cumulative, top entries):")
        print(big.get("profile", ""))


if __name__ == "__main__":
    main()
