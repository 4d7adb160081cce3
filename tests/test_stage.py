"""`virtual-centre stage OUT`: the site as a plain docs folder that MkDocs without our plugin, and
ProperDocs, render into the site the plugin builds: every page present, with the same content
(the same HTML but for what the README lists under "Engines")."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from virtual_centre.cli.main import main
from virtual_centre.staging.stage import MARK, StageRefused, stage

from .conftest import CONTENT, PUBLISHED, ROOT, main_html, write

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def build_day(site: Path) -> dt.date:
    """The day a site was built on (its home page's date in the sitemap)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = re.search(r"index\.html</loc>\s*<lastmod>([^<]+)<", sitemap)
    assert found
    return dt.date.fromisoformat(found[1])


def unwrapped(html: str) -> str:
    """A staged page without the stage's wrapper around its content (whose end is the last
    </div> of the page's article, the last of the page)."""
    if '<div class="vc-page">' not in html:
        return html
    html = html.replace('<div class="vc-page">\n', "", 1)
    end = html.rindex("</div>", 0, html.rindex("</article>"))
    return html[:end] + html[end + len("</div>"):]


def comparable(html: str) -> str:
    """A page with what the plugin alone does taken out: two attributes of Material's
    templates that the plugin removes (they are not valid HTML), the navigation's titles
    escaped as the plugin escapes them, the engine's name."""
    html = unwrapped(html).replace(' autocomplete="off"', "").replace(' tabindex=""', "")
    html = GENERATOR.sub("", html).replace("&#39;", "'")
    return re.sub(r"\s+", " ", html).strip()


def differing(plugin_site: Path, staged_site: Path) -> list[str]:
    """The pages whose whole HTML differs; for a page in another language than English, whose
    main content differs (an engine renders one navigation: the plugin gives each language
    its own, README "Engines")."""
    pages = {p.relative_to(plugin_site) for p in plugin_site.rglob("*.html")}
    staged = {p.relative_to(staged_site) for p in staged_site.rglob("*.html")}
    assert pages == staged
    differ = []
    for rel in sorted(pages):
        mine = (plugin_site / rel).read_text(encoding="utf-8")
        if '<html lang="en"' in mine or "<article" not in mine:
            same = comparable(mine) == comparable((staged_site / rel).read_text(encoding="utf-8"))
        else:
            same = comparable(main_html(plugin_site / rel)) == comparable(
                main_html(staged_site / rel))
        if not same:
            differ.append(str(rel))
    return differ


@pytest.fixture(scope="module")
def staged(published_site: Path, tmp_path_factory) -> Path:
    day = build_day(published_site)
    out = tmp_path_factory.mktemp("stage") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPO_URL", PUBLISHED["repo_url"])
        patch.setenv("SITE_URL", PUBLISHED["site_url"])
        result = stage(ROOT / "mkdocs.yml", out, today=day)
    assert result.problems == [] and result.config == out / "mkdocs.yml"
    return out


def test_the_staged_folder_has_no_plugin_and_no_contributors_markdown(staged: Path):
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "virtual-centre" not in str(config["plugins"])
    assert config["repo_url"] == PUBLISHED["repo_url"]
    body = (staged / "docs/offers/gallarate-cotton-cuttings.md").read_text(encoding="utf-8")
    assert body.startswith("---\n") and '<div class="vc-page">' in body
    assert "**" not in body.split("---\n", 2)[2]  # converted and cleaned, not Markdown


def test_mkdocs_without_our_plugin_renders_the_same_site(published_site: Path, staged: Path,
                                                        tmp_path: Path):
    config = load_config(config_file=str(staged / "mkdocs.yml"), site_dir=str(tmp_path / "s"))
    build(config)
    assert differing(published_site, tmp_path / "s") == []
    for data in ("assets/vc/directory-data.js", "data/listings.json", "feeds/all.rss.xml",
                 "assets/vc/search/index.js"):
        same = (published_site / data).read_bytes() == (tmp_path / "s" / data).read_bytes()
        assert same, data


def test_properdocs_renders_the_same_site(published_site: Path, staged: Path, tmp_path: Path):
    subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q",
                    "-f", str(staged / "mkdocs.yml"), "-d", str(tmp_path / "p")],
                   check=True, cwd=staged, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert differing(published_site, tmp_path / "p") == []


def test_stage_refuses_a_folder_it_did_not_write(tmp_path: Path):
    write(tmp_path / "mine", {"notes.txt": "my own file"})
    with pytest.raises(StageRefused):
        stage(ROOT / "mkdocs.yml", tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").exists()
    assert main(["stage", str(tmp_path / "mine")]) == 2


def test_content_with_a_problem_stages_nothing(tmp_path: Path, capsys):
    project = tmp_path / "project"
    write(project, {"mkdocs.yml": (ROOT / "mkdocs.yml").read_text(encoding="utf-8")})
    content = project / "content"
    content.mkdir()
    for name in ("index.md", "about.md"):
        (content / name).write_text((CONTENT / name).read_text(encoding="utf-8"),
                                    encoding="utf-8")
    write(content, {"offers/bad.md": "---\ntitle: no summary\n---\nbody\n"})
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    assert main(["stage", str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 1
    assert "offers/bad.md" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "out" / MARK).exists()
