"""Shared helpers: write a content tree, build it with the real MkDocs, read the pages."""

from __future__ import annotations

# First: the package has openpyxl parse without lxml (its __init__), as the command does.
import virtual_centre  # noqa: F401

# isort: split
import logging
import re
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from virtual_centre.staging.config import plugin_options, read_config

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

ORG = """\
---
title: Test Textile Institute
summary: A research centre that exists only in the tests.
date: 2026-01-10
language: en
kind: research-centre
country: DE
city: Chemnitz
website: https://example.org/institute
---
An institute for tests.
"""

TECH = """\
---
title: Test Sorter
summary: A sorting machine that exists only in the tests.
date: 2026-02-01
language: en
developer: test-institute
developer_url: https://example.org/sorter
trl: 7
processes: [sorting]
---
Sorts things.
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def site_pages(root: Path) -> None:
    """The site's own pages (home, about), so a test tree builds like the real one."""
    for name in ("index.md", "about.md"):
        shutil.copy(CONTENT / name, root / name)


@pytest.fixture
def content(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A content folder with the site pages and the given files."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        site_pages(root)
        return write(root, files)

    return make


TRANSLATION_FILE = re.compile(r".+\.[a-z]{2}\.md")


def without_translations(content_dir: Path) -> Path:
    """A copy of the content without its translations (name.<lang>.md), for a site in English
    only: a translation into a language the site does not have is a problem."""
    if not any(TRANSLATION_FILE.fullmatch(p.name) for p in content_dir.rglob("*.md")):
        return content_dir
    copy = Path(tempfile.mkdtemp(prefix="english-only-")) / "content"
    shutil.copytree(content_dir, copy, ignore=lambda _, names: [
        n for n in names if TRANSLATION_FILE.fullmatch(n)])
    return copy


def build_site(content_dir: Path, site_dir: Path, completion: str = "second-process",
               languages: list[str] | None = None, **settings: Any) -> Path:
    """Build with MkDocs itself and the project's mkdocs.yml (and these settings), from
    another content folder; in English only unless languages are given (the site in its
    languages is built by published_site and tests/test_languages_site.py: each language
    adds its generated pages to every build)."""
    if not languages:
        content_dir = without_translations(content_dir)
    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        docs_dir=str(content_dir),
        site_dir=str(site_dir),
        strict=True,
        **settings,
    )
    config.plugins["virtual-centre"].config.display_root = str(content_dir.parent)
    config.plugins["virtual-centre"].config.completion = completion
    config.plugins["virtual-centre"].config.languages = languages or []
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    build(config)
    return site_dir


# The languages of the repository's mkdocs.yml besides English.
LANGUAGES: list[str] = plugin_options(read_config(ROOT / "mkdocs.yml"))["languages"]
# What .github/workflows/pages.yml sets (REPO_URL, SITE_URL) for a repository ORG/virtual-centre.
PUBLISHED = {"repo_url": "https://github.com/ORG/virtual-centre",
             "site_url": "https://org.github.io/virtual-centre/"}


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The repository's content, built once with the real MkDocs, configured as the Pages
    workflow configures it (the repository's and the published site's addresses)."""
    return build_site(CONTENT, tmp_path_factory.mktemp("published") / "site",
                      languages=LANGUAGES, **PUBLISHED)


@pytest.fixture
def built(tmp_path: Path) -> Callable[[Path], Path]:
    def run(content_dir: Path) -> Path:
        return build_site(content_dir, tmp_path / "site")

    return run


def main_html(page: Path) -> str:
    """The content of a built page's <article>, without Material's chrome."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</main>", start)]
