"""Search benchmark: a synthetic catalogue of N resources, built once, three searches measured.

    python benchmarks/search_bench.py [--n 10000] [--no-material]     (make bench-search)

Prints, for the catalogue search (over file://), for Pagefind (`pagefind` from PyPI, run over
the same built site, served by a local HTTP server: it cannot work from disk) and for Material's
own search over a plain Material site of the same Markdown (the project leaves resources out of
Material's search): index build seconds, total index bytes, bytes loaded before the first
results and per further query (gzip, of the files the page asked for), first results after
page load (median and p95 of LOADS loads) and keystroke-to-results (median and p95).
"""

from __future__ import annotations

import argparse
import builtins
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_once import PLAIN, plain_nav  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from virtual_centre.catalogue.resources import Catalogue  # noqa: E402
from virtual_centre.outputs import search, search_files  # noqa: E402
from virtual_centre.validate.gate import load_content  # noqa: E402

from benchmarks.synthetic import generate  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's; make test installs it
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "recycling cotton"
LOADS = 20
# Keys typed as a person types them: one every GAP ms (a fast typist; the next key waits for the
# results if they take longer), from START ms after the page is ready (the time to reach the
# field). Also measured back to back (a key as soon as the last one's results are shown).
GAP, START = 150, 1000
# Typed once each, key by key (a query typed again would be answered from the page's cache).
TYPED = ["recycling cotton", "polyester fibre sorting", "chemnitz nonwoven felt",
         "lodz yarn waste", "denim knitwear collection"]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9))


def timed(obj, name: str, seconds: dict[str, float], key: str) -> None:
    """Wrap obj.name so that its run time is added to seconds[key]."""
    real = getattr(obj, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - start

    setattr(obj, name, wrapper)


def catalogue_index_seconds(content: Path, site: Path) -> float:
    """The catalogue search's files built and written as the build's second process does it
    (validate/checker.py), timed in this process."""
    catalogue = Catalogue.from_sources(load_content(content))
    bodies = {r.id: search.index_text(r.body) for r in catalogue.by_id.values()}
    start = time.perf_counter()
    search_files.write_search(search.build(catalogue, bodies), site)
    return time.perf_counter() - start


def folder_sizes(folder: Path) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) of every file under folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    return len(files), raw, sum(sizes(p)[1] for p in files)


def pagefind_index(site: Path) -> float:
    """Pagefind run over the built site (its default: every page's body)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build_sites(n: int, work: Path, material: bool) -> tuple[Path, Path | None,
                                                           dict[str, float]]:
    """The project's site and a plain Material site of the same Markdown."""
    content = work / "content"
    content.mkdir()
    for page in ("index.md", "about.md"):
        shutil.copy(ROOT / "content" / page, content / page)
    say(f"generating {n} synthetic resources …")
    generate(content, n)
    seconds = {"catalogue": catalogue_index_seconds(content, work / "index-only")}
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(content),
                         site_dir=str(work / "site"))
    say("building the site with MkDocs …")
    start = time.perf_counter()
    build(config)
    seconds["site"] = time.perf_counter() - start
    say("indexing the site with Pagefind …")
    seconds["pagefind"] = pagefind_index(work / "site")
    if not material:
        return work / "site", None, seconds
    say("building the plain Material site (Material's search over every page) …")
    plain = work / "plain-content"
    shutil.copytree(content, plain)
    # Material's search from disk needs its offline plugin and the iframe-worker shim, as in
    # the project (mkdocs.yml).
    shim = plain / "assets" / "vendor" / "iframe-worker" / "shim.js"
    shim.parent.mkdir(parents=True)
    shutil.copy(ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js", shim)
    plain_config = PLAIN.format(content=plain, site=work / "plain-site", nav=plain_nav(plain))
    plain_config = plain_config.replace(
        "plugins:\n  - search\n",
        "plugins:\n  - search\n  - offline\nextra:\n"
        "  polyfills: [assets/vendor/iframe-worker/shim.js]\n")
    assert "offline" in plain_config
    config_file = work / "plain.yml"
    config_file.write_text(plain_config)
    config = load_config(config_file=str(config_file))
    # MkDocs registers a plugin's bound methods when it loads the config: time the method that
    # writes Material's search index through its instance's event list.
    material = config.plugins["material/search"]
    for event in ("page_context", "post_build"):
        handlers = config.plugins.events[event]
        for n, handler in enumerate(handlers):
            if getattr(handler, "__self__", None) is material:
                holder = type("H", (), {})()
                holder.run = handler
                timed(holder, "run", seconds, "material")
                handlers[n] = holder.run
    build(config)
    return work / "site", work / "plain-site", seconds


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


KEYSTROKES_OURS = """async ([query, gap]) => {
  const input = document.getElementById('vc-q'), root = document.getElementById('vc-search');
  const out = [];
  for (let i = 1; i <= query.length; i++) {
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => {
        if (!root.hasAttribute('data-busy')) { obs.disconnect(); resolve(); }
      });
      obs.observe(root, {attributes: true, attributeFilter: ['data-busy']});
    });
    const t0 = performance.now();
    input.value = query.slice(0, i);
    input.dispatchEvent(new Event('input'));
    await done;
    document.getElementById('vc-results').offsetHeight;  // include layout
    out.push(performance.now() - t0);
    await new Promise(r => setTimeout(r, Math.max(0, t0 + gap - performance.now())));
  }
  return out;
}"""

QUERY_OURS = """async (query) => {
  const input = document.getElementById('vc-q'), root = document.getElementById('vc-search');
  const done = new Promise(resolve => {
    const obs = new MutationObserver(() => {
      if (!root.hasAttribute('data-busy')) { obs.disconnect(); resolve(); }
    });
    obs.observe(root, {attributes: true, attributeFilter: ['data-busy']});
  });
  input.value = query;
  input.dispatchEvent(new Event('input'));
  await done;
}"""

PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>Pagefind benchmark</title>
<script type="module">
import * as pagefind from "./pagefind/pagefind.js";
window.pagefind = pagefind;
window.find = async (q) => {
  const r = await pagefind.search(q);
  await Promise.all(r.results.slice(0, 20).map(x => x.data()));  // a page of 20 results
  return r.results.length;
};
const q = new URLSearchParams(location.hash.slice(1)).get("q");
if (q) { await window.find(q); window.firstResults = performance.now(); }
document.documentElement.dataset.ready = "1";
</script>"""

# One key at a time from Python, so that a run at 100,000 (seconds a key) says each as it goes.
KEYSTROKE_PAGEFIND = """async ([text, gap]) => {
  const since = window.lastKey === undefined ? 0 : window.lastKey + gap - performance.now();
  await new Promise(r => setTimeout(r, Math.max(0, since)));
  const t0 = performance.now();
  window.lastKey = t0;
  await window.find(text);
  return performance.now() - t0;
}"""

KEYSTROKES_MATERIAL = """async ([query, gap]) => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__meta');
  const out = [];
  for (let i = 1; i <= query.length; i++) {
    const before = list.textContent;
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
      obs.observe(document.querySelector('.md-search-result'),
                  {childList: true, subtree: true, characterData: true});
      setTimeout(() => { obs.disconnect(); resolve(); }, 5000);
    });
    const t0 = performance.now();
    input.value = query.slice(0, i);
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: query[i - 1]}));
    await done;
    out.push(performance.now() - t0);
    await new Promise(r => setTimeout(r, Math.max(0, t0 + gap - performance.now())));
  }
  return out;
}"""

MATERIAL_FIRST = """async (query) => {
  const input = document.querySelector('.md-search__input');
  input.focus();
  while (!document.querySelector('.md-search-result__item')) {
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'x'}));
    await new Promise(r => setTimeout(r, 5));
  }
  return performance.now();
}"""


# The files of each search (the page around it and its theme are not counted).
SEARCH_FILES = ("assets/vc/search/", "assets/vc/lunr.js", "assets/vc/search-engine.js",
                "assets/vc/catalogue-search.js", "pagefind/", "assets/vc/stem")


class Requests:
    """The files a page asks for, as gzip bytes of the site's files (file:// or HTTP)."""

    def __init__(self, page, site: Path, prefix: str):
        self.site, self.prefix, self.urls = site, prefix, []
        page.on("request", lambda r: self.urls.append(r.url))

    def gzip_bytes(self, start: int = 0, search_only: bool = True) -> int:
        """What the search asked for (its scripts and index; not the page and its theme)."""
        total = 0
        for url in self.urls[start:]:
            if not url.startswith(self.prefix):
                continue
            rel = url[len(self.prefix):].split("#")[0].split("?")[0]
            if search_only and not rel.startswith(SEARCH_FILES):
                continue
            path = self.site / rel
            if path.is_file():
                total += sizes(path)[1]
        return total


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


CONTENT_LOADED = "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def theme_alone(browser, site: Path) -> float:
    """When a page of the same site without search has run its scripts (DOMContentLoaded, ms
    after navigation): what the theme takes before any search can show results."""
    page = browser.new_page()
    page.goto((site / "about.html").as_uri())
    page.wait_for_load_state("load")
    ms = page.evaluate(CONTENT_LOADED)
    page.close()
    return ms


def index_file(site: Path, name: str) -> Path:
    """A file the engine asked for by name (search-engine.js: FILES)."""
    return site / f"assets/vc/{name}.js" if name.startswith("stem") else \
        site / search_files.SEARCH_DIR / f"{name}.js"


def first_results(browser, site: Path, page_path: str, loads: int,
                  query: str = QUERY.split()[0]) -> dict:
    """Loads of a search page with a query: ms to the first results, and the gzip bytes of the
    search's files loaded before them (its scripts and the files the query asked for)."""
    firsts, loaded, after_theme = [], [], []
    for _ in range(loads):
        page = browser.new_page()
        page.goto((site / page_path).as_uri() + "#q=" + query)
        page.wait_for_selector("#vc-search[data-ready=true]", timeout=120_000)
        firsts.append(float(page.get_attribute("#vc-search", "data-first-results-ms")))
        after_theme.append(firsts[-1] - page.evaluate(CONTENT_LOADED))
        needed = page.get_attribute("#vc-search", "data-first-files").split()
        loaded.append(sum(sizes(site / f)[1] for f in SEARCH_FILES[1:4])
                      + sum(sizes(index_file(site, n))[1] for n in needed))
        page.close()
    return {"firsts": firsts, "first": firsts, "before_first": max(loaded),
            "after_theme": after_theme}


def keystrokes(browser, site: Path, page_path: str, gap: int) -> tuple[list[float], int]:
    """Each query of TYPED typed on a fresh page, a key every `gap` ms: ms from each key to
    its results, and the gzip bytes the page loaded ahead meanwhile."""
    page = browser.new_page()  # each word's files loaded as typed
    page.goto((site / page_path).as_uri())
    page.wait_for_selector("#vc-search[data-ready=true]:not([data-busy])", timeout=120_000)
    page.wait_for_timeout(START if gap else 0)
    times = [t for typed in TYPED for t in page.evaluate(KEYSTROKES_OURS, [typed, gap])]
    ahead = page.evaluate("VCSearch.open(document.getElementById('vc-search').dataset.base)"
                          ".ahead")
    page.close()
    return times, sum(sizes(index_file(site, n))[1] for n in ahead)


def measure_ours(browser, site: Path) -> dict:
    say("measuring the catalogue search in Chromium (file://) …")
    out: dict = first_results(browser, site, "search.html", LOADS)
    out["theme"] = [theme_alone(browser, site) for _ in range(LOADS)]
    page = browser.new_page()
    seen = Requests(page, site, site.as_uri() + "/")
    page.goto((site / "search.html").as_uri() + "#q=" + QUERY.split()[0])
    page.wait_for_selector("#vc-search[data-ready=true]:not([data-busy])", timeout=120_000)
    per_query = []
    for typed in TYPED:
        start = len(seen.urls)
        page.evaluate(QUERY_OURS, typed + " ")
        per_query.append(seen.gzip_bytes(start))
    out["per_query"] = statistics.mean(per_query)
    page.close()
    out["keys"], out["ahead"] = keystrokes(browser, site, "search.html", GAP)
    out["keys_burst"], _ = keystrokes(browser, site, "search.html", 0)
    return out


# A word that names no concept of the thesaurus: read through the page's language's stemmer.
STEMMED = "chemnitz"


def measure_language(browser, site: Path, code: str) -> dict:
    """The search page in another language: every word also read through its stemmer (its
    script loaded with the first query: German's own, Polish's the WebAssembly of all)."""
    say(f"measuring the catalogue search of the {code} page …")
    out = first_results(browser, site, f"{code}/search.html", LOADS // 2, STEMMED)
    out["keys"], out["ahead"] = keystrokes(browser, site, f"{code}/search.html", GAP)
    return out


def measure_pagefind(browser, site: Path, loads: int = LOADS, typed: list[str] = TYPED,
                     burst: bool = True) -> dict:
    """loads and typed can be fewer, and keys back to back left out, at 100,000 resources, where
    Pagefind takes seconds a keystroke (the full run did not end within an hour)."""
    out: dict = {}
    say("measuring Pagefind in Chromium (local HTTP) …")
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    server, base = serve(site)
    try:
        firsts, loaded = [], []
        for _ in range(loads):
            page = browser.new_page()
            seen = Requests(page, site, base)
            page.goto(base + "pagefind-bench.html#q=" + QUERY.split()[0])
            page.wait_for_function("window.firstResults", timeout=120_000)
            firsts.append(page.evaluate("window.firstResults"))
            loaded.append(seen.gzip_bytes())
            page.close()
        out["first"], out["firsts"], out["before_first"] = firsts, firsts, max(loaded)
        page = browser.new_page()
        seen = Requests(page, site, base)
        page.goto(base + "pagefind-bench.html#q=" + QUERY.split()[0])
        page.wait_for_function("window.firstResults", timeout=120_000)
        per_query = []
        for query in typed:
            start = len(seen.urls)
            page.evaluate("q => window.find(q)", query)
            per_query.append(seen.gzip_bytes(start))
        out["per_query"] = statistics.mean(per_query)
        page.close()
        for key, gap in (("keys", GAP), ("keys_burst", 0))[:2 if burst else 1]:
            page = browser.new_page()
            page.goto(base + "pagefind-bench.html")
            page.wait_for_function("document.documentElement.dataset.ready")
            page.wait_for_timeout(START if gap else 0)
            out[key] = []
            for query in typed:
                for i in range(1, len(query) + 1):
                    out[key].append(page.evaluate(KEYSTROKE_PAGEFIND, [query[:i], gap]))
                    say(f"  Pagefind, {key}, {query[:i]!r}: {out[key][-1]:,.0f} ms")
            page.close()
    finally:
        server.shutdown()
    return out


def measure_material(browser, plain_site: Path) -> dict:
    out: dict = {}
    say("measuring Material's header search in Chromium (file://) …")
    page = browser.new_page()
    page.goto((plain_site / "index.html").as_uri())
    out["firsts"] = [page.evaluate(MATERIAL_FIRST, QUERY.split()[0])]
    for key, gap in (("keys", GAP), ("keys_burst", 0)):
        times = []
        for typed in TYPED:
            page.evaluate("() => { const i = document.querySelector('.md-search__input');"
                          " i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));"
                          " }")
            times += page.evaluate(KEYSTROKES_MATERIAL, [typed, gap])
        out[key] = times
    out["before_first"] = sizes(plain_site / "search" / "search_index.js")[1]
    out["per_query"] = 0
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="synthetic resources")
    parser.add_argument("--quick-pagefind", action="store_true",
                        help="Pagefind measured on 5 loads and one query typed a key every "
                             f"{GAP} ms (at 100,000, where it takes seconds a key)")
    parser.add_argument("--no-material", action="store_true",
                        help="leave Material's search out (its index at 100,000 resources "
                             "is hundreds of MB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site, plain_site, seconds = build_sites(args.n, Path(tmp), not args.no_material)
        payload = folder_sizes(site / search_files.SEARCH_DIR)
        figures = {"catalogue search": {**dict(zip(("files", "raw", "gzip"), payload,
                                                   strict=True)), "build": seconds["catalogue"]},
                   "Pagefind": {**dict(zip(("files", "raw", "gzip"), folder_sizes(
                       site / "pagefind"), strict=True)), "build": seconds["pagefind"]}}
        if plain_site is not None:
            figures["Material"] = {"files": 1, **dict(zip(("raw", "gzip"), sizes(
                plain_site / "search" / "search_index.js"), strict=True)),
                "build": seconds.get("material", 0)}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            figures["catalogue search"].update(measure_ours(browser, site))
            for code in ("de", "pl"):
                figures[f"catalogue search, {code} page"] = {
                    **figures["catalogue search"], **measure_language(browser, site, code)}
                for key in ("theme", "per_query", "keys_burst"):
                    figures[f"catalogue search, {code} page"].pop(key)
            # Ours first, in full, in case a slower search's run is cut short (at 100,000).
            report(args.n, seconds["site"], {k: v for k, v in figures.items()
                                             if k.startswith("catalogue search")},
                   out=sys.stderr)
            quick = {"loads": 5, "typed": TYPED[:1], "burst": False} if args.quick_pagefind else {}
            figures["Pagefind"].update(measure_pagefind(browser, site, **quick))
            if plain_site is not None:
                figures["Material"].update(measure_material(browser, plain_site))
            browser.close()
    report(args.n, seconds["site"], figures)


def report(n: int, site_seconds: float, figures: dict[str, dict], out=sys.stdout) -> None:
    print = partial(builtins.print, file=out)  # noqa: A001 - the whole report to one stream
    names = list(figures)
    print(f"\n## Search, {n:,} synthetic resources (site built in {site_seconds:.0f} s; every "
          "body word indexed)\n")
    print("| figure | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    rows = [
        ("index build (s)", lambda f: f"{f['build']:.1f}"),
        ("index files", lambda f: f"{f['files']:,}"),
        ("index bytes, raw / gzip", lambda f: f"{f['raw'] / 1e6:,.1f} MB / "
                                              f"{f['gzip'] / 1e6:,.1f} MB"),
        ("loaded before the first results (gzip)", lambda f: f"{f['before_first'] / 1e3:,.0f} kB"),
        ("loaded per further query (gzip, mean)",
         lambda f: f"{f['per_query'] / 1e3:,.0f} kB" if "per_query" in f else "–"),
        ("loaded ahead, in the background (gzip)",
         lambda f: f"{f['ahead'] / 1e3:,.0f} kB" if "ahead" in f else "–"),
        ("first results after page load, median / p95 (ms)",
         lambda f: f"{statistics.median(f['firsts']):,.0f} / {p95(f['firsts']):,.0f}"),
        ("of which after the page's scripts ran (DOMContentLoaded), median / p95 (ms)",
         lambda f: f"{statistics.median(f['after_theme']):,.0f} / {p95(f['after_theme']):,.0f}"
         if "after_theme" in f else "–"),
        ("the theme alone: a page without search, DOMContentLoaded, median / p95 (ms)",
         lambda f: f"{statistics.median(f['theme']):,.0f} / {p95(f['theme']):,.0f}"
         if "theme" in f else "–"),
        (f"keystroke to results, a key every {GAP} ms, median / p95 (ms)",
         lambda f: f"{statistics.median(f['keys']):,.1f} / {p95(f['keys']):,.1f}"),
        ("keystroke to results, keys back to back, median / p95 (ms)",
         lambda f: f"{statistics.median(f['keys_burst']):,.1f} / {p95(f['keys_burst']):,.1f}"
         if "keys_burst" in f else "–"),
    ]
    for label, show in rows:
        print(f"| {label} | " + " | ".join(show(figures[name]) for name in names) + " |")
    ours = figures["catalogue search"]
    print(f"\ncatalogue search over file://, Pagefind over local HTTP, Material over file://; "
          f"first results of {LOADS} loads for the first two (Material: one load); the language "
          f"pages: {LOADS // 2} loads of '{STEMMED}', a word no concept names.")
    print(f"targets: before first results <= 300 kB gzip "
          f"({'met' if ours['before_first'] <= 300_000 else 'NOT met'}); first results p95 <= "
          f"300 ms ({'met' if p95(ours['firsts']) <= 300 else 'NOT met'}); keystroke p95 <= 30 ms "
          f"({'met' if p95(ours['keys']) <= 30 else 'NOT met'})")


if __name__ == "__main__":
    main()
