"""Worst-case bodies: seconds per MB to convert and clean, next to an ordinary body.

    python benchmarks/hostile_bench.py [--mb 1.0]

Two tables (figures, not a test; BENCHMARKS.md):

1. Bodies made to be slow, as Python-Markdown handles them without the body rules
   (generator/body.py), at growing sizes: the time grows with the square of the size. Each is
   refused by `virtual-centre check`; the table shows what the rules spare the build.
2. The worst bodies the rules accept, each about --mb megabytes, converted with the site's own
   Markdown settings (mkdocs.yml's extensions and the SafeAttributes treeprocessor) and cleaned
   (nh3), beside an ordinary body of the same size; with the time the check itself takes.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml
from virtual_centre.outputs.search import plain_text
from virtual_centre.pages.sanitize import SafeAttributesExtension, clean_html
from virtual_centre.validate.body import (
    MAX_DEFINITIONS,
    MAX_HEADINGS,
    MAX_MARKUP_CHARS,
    MAX_QUOTE_DEPTH,
    body_problems,
)

ROOT = Path(__file__).resolve().parent.parent
UNIT = 9_000  # characters of one paragraph, under the rules' 10,000
# Refused patterns: each repeated to the size measured.
SLOW = {
    "open brackets '['": "[",
    "link openers '[a]('": "[a](",
    "image openers '!['": "![",
    "references '[a]['": "[a][",
    "unclosed autolinks '<http://a'": "<http://a ",
    "CDATA openers": "<![CDATA[ ",
    "unclosed tags '<a '": "<a ",
}


def markdown_settings() -> tuple[list, dict]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        extensions.append(name)
        if options:
            configs[name] = options
    return [*extensions, SafeAttributesExtension()], configs


def convert(body: str) -> float:
    extensions, configs = markdown_settings()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    start = time.perf_counter()
    clean_html(md.convert(body))
    return time.perf_counter() - start


def paragraphs(unit: str, mb: float, separator: str = "\n\n", markup: int = 0) -> str:
    """Paragraphs of about UNIT characters, as many of the pattern as the rules allow
    (`markup`: its markup characters) and plain words for the rest, to about mb megabytes."""
    times = UNIT // len(unit)
    if markup:
        times = min(times, MAX_MARKUP_CHARS // markup)
    one = unit * times + ("word " * UNIT)[: UNIT - len(unit) * times]
    return separator.join([one] * max(1, int(mb * 1e6 / (UNIT + len(separator)))))


ORDINARY = ("Textile waste from cutting rooms is sorted by colour and fibre before it goes to "
            "a [mechanical recycler](https://example.org/recycler), who tears it back to "
            "fibre. *Cotton* and **wool** are worth most when they are pure; elastane and "
            "coatings make recycling harder. See the [field reference](../reference.md).\n\n"
            "- cutting scraps\n- roll ends\n- selvedges\n\n")


def accepted(mb: float) -> dict[str, Callable[[], str]]:
    """The worst bodies the rules let through, each about mb megabytes."""
    quote = "\n".join("> " * MAX_QUOTE_DEPTH + "deep" for _ in range(50)) + "\n\n"
    headings = "".join(f"## Heading {i} {{: #h{i} }}\n\ntext\n\n" for i in range(MAX_HEADINGS))
    definitions = "".join("term\n:   definition\n" for _ in range(MAX_DEFINITIONS)) + "\n"
    # As many as the link-scan budget lets through in 1 MB: each scans to its paragraph's end.
    unclosed_brackets = "word " * 1780 + "[" * 120 + "\n\n"
    return {
        "ordinary prose, links and lists": lambda: ORDINARY * int(mb * 1e6 / len(ORDINARY)),
        "links '[a](b)' packed": lambda: paragraphs("[a](b) ", mb, markup=2),
        "emphasis markers '*_'": lambda: paragraphs("*_", mb, markup=2),
        "escapes '\\['": lambda: paragraphs("\\[", mb, markup=2),
        "entities '&amp;amp;'": lambda: paragraphs("&amp;amp; ", mb, markup=2),
        "closed tags '<b>x</b>'": lambda: paragraphs("<b>x</b> ", mb, markup=4),
        "closed autolinks '<https://a.b>'": lambda: paragraphs("<https://a.b> ", mb,
                                                              markup=2),
        "table rows": lambda: "|a|b|\n|-|-|\n" + paragraphs("|x|y|\n", mb, ""),
        f"quotes {MAX_QUOTE_DEPTH} deep": lambda: quote * int(mb * 1e6 / len(quote)),
        f"{MAX_HEADINGS} headings, then prose": lambda: headings + ORDINARY * int(
            (mb * 1e6 - len(headings)) / len(ORDINARY)),
        f"{MAX_DEFINITIONS} definitions a block": lambda: definitions * int(
            mb * 1e6 / len(definitions)),
        "unclosed '< ' (no tag)": lambda: paragraphs("< ", mb, markup=1),
        "unclosed '[' at each paragraph's end": lambda: unclosed_brackets * int(
            mb * 1e6 / len(unclosed_brackets)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--accepted-only", action="store_true",
                        help="skip the refused bodies (minutes of quadratic conversions)")
    args = parser.parse_args()
    if not args.accepted_only:
        refused()
    accepted_table(args.mb)


def refused() -> None:
    print("Refused bodies, converted without the rules (seconds at 10, 20, 40 kB):")
    print("| body | 10 kB | 20 kB | 40 kB | growth per doubling | 1 MB at that rate |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, unit in SLOW.items():
        times = []
        for kb in (10, 20, 40):
            body = unit * (kb * 1000 // len(unit))
            assert body_problems(body, 1), name  # the rules refuse it
            times.append(convert(body))
            if times[-1] > 20:  # the next size would take minutes
                break
        growth = times[-1] / times[-2] if len(times) > 1 and times[-2] else float("nan")
        reached = 10 * 2 ** (len(times) - 1)  # kB of the last size measured
        projected = times[-1] * growth ** math.log2(1000 / reached)
        cells = " | ".join(f"{t:.2f}" for t in times) + " | –" * (3 - len(times))
        print(f"| {name} | {cells} | ×{growth:.1f} | ~{projected:,.0f} s |", flush=True)



def accepted_table(mb: float) -> None:
    print(f"\nAccepted worst cases, about {mb:g} MB each (convert + clean; check; search text):")
    print("| body | bytes | convert + clean s/MB | check s/MB | search text s/MB |")
    print("|---|---:|---:|---:|---:|")
    for name, make in accepted(mb).items():
        body = make()
        size = len(body.encode())
        start = time.perf_counter()
        problems = body_problems(body, 1)
        checked = time.perf_counter() - start
        assert not problems, (name, problems[:2])
        start = time.perf_counter()
        plain_text(body)  # what the search index takes of a body
        indexed = time.perf_counter() - start
        seconds = convert(body)
        print(f"| {name} | {size:,} | {seconds / size * 1e6:.2f} | "
              f"{checked / size * 1e6:.3f} | {indexed / size * 1e6:.3f} |", flush=True)


if __name__ == "__main__":
    main()
