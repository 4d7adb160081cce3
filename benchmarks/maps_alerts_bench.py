"""What maps and alerts weigh, at the numbers of listings directories really have and at 10,000
(issue 20): a synthetic catalogue whose resources are mostly listings, built once with the
project's mkdocs.yml, then measured from the built site.

    python benchmarks/maps_alerts_bench.py [--listings 1000 10000]

- maps: the bytes each map adds to its page (the directory, a listing, the network page), raw and
  gzip; the shared base map file, loaded once and cached;
- the directory page: its weight with every open listing in its HTML;
- alerts: how many feed files, their total and largest size, the most entries in one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import SHARES, generate  # noqa: E402

DIRECTORY_JS = ROOT / "generator" / "assets" / "directory.js"
FIGURE = re.compile(r'<figure class="vc-map-figure">.*?</figure>', re.S)


def listing_shares(listings: int, total: int) -> dict[str, float]:
    """Shares of the categories that make `listings` offers and demands in `total` resources,
    the rest spread like the ordinary synthetic catalogue."""
    rest = {c: s for c, s in SHARES.items() if c not in ("offers", "demands")}
    scale = (total - listings) / total / sum(rest.values())
    return {**{c: s * scale for c, s in rest.items()},
            "offers": listings / 2 / total, "demands": listings / 2 / total}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def weight(text: str) -> tuple[int, int]:
    data = text.encode("utf-8")
    return len(data), gz(data)


def map_code_bytes() -> int:
    """The bytes of directory.js that draw the map (from its map comment to write())."""
    code = DIRECTORY_JS.read_text(encoding="utf-8")
    return len(code[code.index("/* The map:"):code.index("/* \"Follow this filter\"")]
               .encode("utf-8"))


def measure(listings: int, work: Path) -> dict:
    total = int(listings * 1.1)
    content = work / f"content-{listings}"
    content.mkdir()
    for page in ("index.md", "about.md"):
        shutil.copy(ROOT / "content" / page, content / page)
    plan = generate(content, total, shares=listing_shares(listings, total))
    site = work / f"site-{listings}"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_once.py"), "project",
                    str(content), str(site)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={"NO_MKDOCS_2_WARNING": "1",
                                                   "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - start
    directory = (site / "directory.html").read_text(encoding="utf-8")
    dir_map = FIGURE.search(directory).group(0)
    listing_maps = []
    for page in [*sorted((site / "offers").glob("*.html"))[:300],
                 *sorted((site / "demands").glob("*.html"))[:300]]:
        found = FIGURE.search(page.read_text(encoding="utf-8"))
        if found:
            listing_maps.append(weight(found.group(0)))
    network = FIGURE.search((site / "organisations/index.html").read_text(encoding="utf-8"))
    feeds = sorted((site / "feeds").iterdir())
    alerts = [p for p in feeds if re.match(r"(offers|demands)-(material|country|ewc)-", p.name)]
    entries = max(len(re.findall(r"<entry>", p.read_text(encoding="utf-8")))
                  for p in feeds if p.name.endswith(".atom.xml"))
    records = json.loads((site / "data/listings.json").read_text(encoding="utf-8"))["listings"]
    base_map = (site / "assets/vc/map/europe.svg").read_bytes()
    return {
        "listings": plan["offers"] + plan["demands"],
        "open": sum(1 for r in records if not r["archived"]),
        "resources": sum(plan.values()),
        "build_seconds": round(seconds, 1),
        "directory_map": weight(dir_map),
        "directory_map_code": map_code_bytes(),
        "directory_page": weight(directory),
        "listing_map_median": tuple(statistics.median(w[i] for w in listing_maps)
                                    for i in (0, 1)),
        "listing_map_max": max(listing_maps),
        "network_map": weight(network.group(0)) if network else (0, 0),
        "base_map": (len(base_map), gz(base_map)),
        "feed_files": len(feeds),
        "alert_files": len(alerts),
        "feeds_bytes": sum(p.stat().st_size for p in feeds),
        "largest_feed": max(p.stat().st_size for p in feeds),
        "most_entries": entries,
    }


def kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1000:,.1f} kB ({pair[1] / 1000:,.1f} kB gzip)"


def report(r: dict) -> None:
    print(f"\n## {r['listings']:,} listings ({r['open']:,} open) in {r['resources']:,} resources"
          f" — build {r['build_seconds']} s\n")
    print("| figure | value |\n| --- | --- |")
    print(f"| directory: its map (SVG shell, key, projection) | {kb(r['directory_map'])} |")
    print(f"| directory: map code in directory.js | {r['directory_map_code'] / 1000:.1f} kB |")
    print(f"| directory page, every open listing in its HTML | {kb(r['directory_page'])} |")
    print(f"| a listing's map, median (largest) | {kb(r['listing_map_median'])} "
          f"({kb(r['listing_map_max'])}) |")
    print(f"| network page's map | {kb(r['network_map'])} |")
    print(f"| base map, one file shared and cached | {kb(r['base_map'])} |")
    print(f"| feed files (of which alerts) | {r['feed_files']:,} ({r['alert_files']:,}) |")
    print(f"| feeds: total, largest file | {r['feeds_bytes'] / 1e6:.2f} MB, "
          f"{r['largest_feed'] / 1000:.1f} kB |")
    print(f"| most entries in one feed | {r['most_entries']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.listings:
            print(f"[{n}] generating and building …", file=sys.stderr)
            report(measure(n, Path(tmp)))


if __name__ == "__main__":
    main()
