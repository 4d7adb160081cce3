"""The M3P directory's page at catalogue sizes: its HTML bytes (raw and gzip), and where its
first listing stands on a phone (390 × 844, in Debian's Chromium, over file://).

    python benchmarks/directory_bench.py [--sizes 1000 10000]

Figures, not a test (BENCHMARKS.md). Each catalogue is the synthetic one of `make bench`
(benchmarks/synthetic.py: offers and demands are 5 % each), built once by the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def first_listing(page_url: str) -> tuple[float, float]:
    """(top of the first listing in px, the same in screens) at 390 × 844."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                   has_touch=True).new_page()
        page.goto(page_url)
        page.wait_for_selector("#vc-directory[data-ready=true]", timeout=120_000)
        top = page.eval_on_selector("#vc-dir-results li", "e => e.getBoundingClientRect().top")
        browser.close()
    return top, top / 844


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()
    print("| resources | open listings | directory.html | gzip | first listing on a phone |")
    print("|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            content, site = Path(tmp) / "content", Path(tmp) / "site"
            generate(content, n)
            for name in ("index.md", "about.md"):
                (content / name).write_bytes((ROOT / "content" / name).read_bytes())
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_once.py"),
                            "project", str(content), str(site)], check=True,
                           stdout=subprocess.DEVNULL)
            html = (site / "directory.html").read_bytes()
            listings = json.loads((site / "data" / "listings.json").read_text())["listings"]
            open_count = sum(not x["archived"] for x in listings)
            top, screens = first_listing((site / "directory.html").as_uri())
            print(f"| {n:,} | {open_count:,} | {len(html) / 1000:,.0f} kB | "
                  f"{len(gzip.compress(html)) / 1000:,.0f} kB | {top:.0f} px "
                  f"({screens:.2f} screens) |", flush=True)


if __name__ == "__main__":
    main()
