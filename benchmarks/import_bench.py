"""`make bench-import`: N offer rows in an .xlsx (synthetic, schema-valid, naming the example
organisations) imported into a copy of the repository's content, each step in a process of
its own: seconds and peak memory of the dry run (read and check every row), of the import (and
the files written), of a second import of the same sheet (nothing to write), and, beside them,
`virtual-centre check` of the whole content with the files the import wrote: what checking the
same offers costs when they come as Markdown files.

    python benchmarks/import_bench.py [--n 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from virtual_centre.model.columns import columns  # noqa: E402

from benchmarks.synthetic import CITIES, MAIN_FIBRES  # noqa: E402

STEP = """
import json, resource, sys, time
from virtual_centre.cli.main import main
start = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
print(json.dumps({"code": code, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
ORGANISATIONS = ["example-brno-composites", "example-chemnitz-nonwovens",
                 "example-lodz-garments", "example-prato-wool", "example-varese-weaving",
                 "example-szombathely-sorting", "example-zgierz-recycling"]
FORMS = ["fibres", "yarn", "fabric-cuttings", "roll-ends", "selvedges", "garments"]


def row(rng: random.Random, i: int) -> dict:
    country, city = rng.choice(CITIES)
    main_fibre = rng.choice(MAIN_FIBRES)
    share = rng.choice([100, 95, 90, 80, 65])
    composition = f"{main_fibre} {share}" + ("" if share == 100 else f"; elastane {100 - share}")
    return {
        "id": f"bench-offer-{i:05d}", "title": f"Synthetic offer {i}: {main_fibre} from {city}",
        "summary": "A synthetic offer for the import benchmark.", "date": "2026-11-20",
        "language": "en", "countries": country, "organisation": rng.choice(ORGANISATIONS),
        "contact": "https://example.org/contact", "valid_until": "2027-06-30",
        "status": "open", "location.country": country, "location.city": city,
        "origin": rng.choice(["pre-consumer", "post-consumer"]), "form": rng.choice(FORMS),
        "ewc": rng.choice(["04 02 21", "04 02 22", "20 01 10", "20 01 11"]),
        "composition": composition, "quantity.amount": rng.randint(1, 500),
        "quantity.unit": "t", "quantity.per": rng.choice(["month", "year"]), "example": True,
    }


def write_sheet(path: Path, n: int) -> None:
    rng = random.Random(3)
    book = Workbook(write_only=True)
    ws = book.create_sheet("offers")
    headers = [c.name for c in columns("offers")]
    ws.append(headers)
    for i in range(n):
        cells = row(rng, i)
        ws.append([cells.get(h) for h in headers])
    book.save(path)


def step(*args: str, cwd: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", STEP, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=3600)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures["code"] not in (0,):
        raise SystemExit(f"{args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "content", work / "content")
        sheet = work / "offers.xlsx"
        write_sheet(sheet, n)
        print(f"{n:,} rows, {sheet.stat().st_size:,} bytes", file=sys.stderr)
        common = ("--category", "offers", "--content", "content")
        results = {
            "dry run (read and check every row)": step("import", str(sheet), *common,
                                                       "--dry-run", cwd=work),
            "import (and write the files)": step("import", str(sheet), *common, cwd=work),
            "second import (nothing to write)": step("import", str(sheet), *common, cwd=work),
            "check of the content with the files written": step("check", "--content",
                                                                "content", cwd=work),
        }
    print(f"Import benchmark: {n:,} offer rows (.xlsx), 2 cores; target under 10 s and "
          "300 MB")
    for name, figures in results.items():
        print(f"  {name:46} {figures['seconds']:7.2f} s  {figures['peak_mb']:6.0f} MB")


if __name__ == "__main__":
    main()
