"""One build in its own process, so that its peak memory is its own: prints JSON figures.

    python benchmarks/build_once.py project|english|plain CONTENT_DIR SITE_DIR [--profile]

project: the repository's mkdocs.yml (English and the languages it lists); english: the same
with `languages: []`; plain: a plain Material site of the same Markdown.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

PLAIN = """\
site_name: Plain Material build
docs_dir: {content}
site_dir: {site}
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.top, navigation.indexes]
plugins:
  - search
markdown_extensions: [admonition, attr_list, def_list, tables, toc]
nav:
{nav}
validation:
  nav: {{omitted_files: ignore}}
  links: {{not_found: ignore}}
"""


def plain_nav(content: Path) -> str:
    """The project's navigation, its generated section pages standing in as one-line pages
    (written into the content copy), so both sites carry the same navigation in every page."""
    import yaml

    nav = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text().split("\nnav:\n", 1)[1].replace("!ENV", ""))

    def stub(path: str) -> str:
        target = content / path
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {Path(path).stem}\n\nA section page.\n")
        return path

    def walk(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(stub(item))
            else:
                (label, value), = item.items()
                out.append({label: walk(value) if isinstance(value, list) else stub(value)})
        return out

    return yaml.safe_dump(walk(nav), allow_unicode=True, sort_keys=False)


def main() -> None:
    kind, content, site = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if kind == "plain":
        # The same Markdown, in a copy that also holds the stand-in section pages.
        copy = site.parent / f"plain-content-{site.name}"
        shutil.copytree(content, copy)
        content = copy
        config_file = site.parent / f"plain-{site.name}.yml"
        config_file.write_text(PLAIN.format(content=content, site=site, nav=plain_nav(content)))
        config = load_config(config_file=str(config_file))
    else:
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(content),
                             site_dir=str(site))
        if kind == "english":
            config.plugins["virtual-centre"].config.languages = []
    profiler = cProfile.Profile() if "--profile" in sys.argv else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    build(config)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    # Peak resident sizes; scale_bench.py also samples the PSS of this process and its
    # children (the project forks some work), which counts shared pages once.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = {"seconds": seconds, "own_peak_kb": own, "children_peak_kb": children}
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
        out["profile"] = text.getvalue()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
