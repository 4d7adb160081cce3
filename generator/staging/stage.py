"""The site as a plain docs folder (`virtual-centre stage OUT`): every page the plugin makes, as a
Markdown file whose content is already the page's HTML (contributors' Markdown converted and
cleaned here, never by the engine), the site's own pages as Markdown, every asset, data file,
feed and search file, our theme overrides and a mkdocs.yml without our plugin. MkDocs or
ProperDocs with Material render it into the site the plugin builds (tests/test_stage.py);
README, "Engines", says what is lost and what Zensical makes of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from ..catalogue.directory import day_of, source_date_epoch, start_of_today
from ..catalogue.resources import Resource
from ..model.content import body_of, split_front_matter
from ..model.problems import Problem
from ..outputs.assets import SHIM, MissingAsset, shim_js, site_assets
from ..pages.context import BuildContext
from ..pages.fields import CardPresenter
from ..pages.head import head_tags
from ..pages.kinds import home_block
from ..pages.lifecycle import HOME_MARKER, checked, write_outputs
from ..pages.markdown import MarkdownPages, page_address
from ..pages.plan import SitePlan
from ..pages.render import THEME, base_of
from ..pages.resource import render_resource
from ..pages.sanitize import clean_html
from ..validate.gate import ContentTree, scan
from .config import (
    STAGED_DOCS,
    STAGED_THEME,
    extensions,
    nav_titles,
    plugin_options,
    read_config,
    staged_config,
    write_config,
)

MARK = ".virtual-centre-stage"  # a folder the stage wrote, and may write again
THEME_FILES = ("main.html", "404.html", "partials")  # what the engine renders of ours


@dataclass
class Staged:
    problems: list[Problem]
    pages: int = 0
    config: Path | None = None


class StageRefused(Exception):
    """The output folder holds something the stage did not write."""


@dataclass
class Stager:
    """Writes one site's pages into the staged docs folder."""

    plan: SitePlan
    docs: Path
    config: dict[str, Any]
    markdown: MarkdownPages
    titles: dict[str, str]
    """The navigation's title of each page in it."""

    def head(self, src_uri: str, title: str, description: str, feeds: list, article: bool
             ) -> str:
        url, site_url = page_address(src_uri), self.config.get("site_url") or ""
        title = self.titles.get(src_uri, title)
        return str(head_tags(
            self.config.get("site_name", ""), base_of(url) + "feeds/", title=escape(title),
            description=description or self.config.get("site_description") or "",
            feeds=[(f.key, f.title) for f in feeds], article=article,
            canonical_url=site_url.rstrip("/") + "/" + url if site_url else None,
            analytics=plugin_options(self.config).get("analytics")))

    def write(self, src_uri: str, settings: dict[str, Any], body: str) -> None:
        """A page: its settings (titles and descriptions escaped, as the theme prints them
        raw) and its body."""
        if src_uri in self.titles:  # the navigation's title, as the plugin's build shows it
            settings = {**settings, "title": self.titles[src_uri]}
        settings = {k: (str(escape(v)) if k in ("title", "description") else v)
                    for k, v in settings.items()}
        front = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000)
        target = self.docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")

    def presenter(self, src_uri: str) -> CardPresenter:
        return CardPresenter(self.plan.catalogue, base_of(page_address(src_uri)),
                             self.plan.cards)

    def generated_pages(self) -> None:
        for src_uri, page in self.plan.pages.items():
            html = page.render(self.plan, self.presenter(src_uri))
            head = self.head(src_uri, page.title, "", page.feeds(self.plan), False)
            self.write(src_uri, {**page.settings(), "vc_generated": True, "vc_head": head},
                       as_raw_html(html))

    def resource_page(self, r: Resource, content_dir: Path) -> None:
        body = clean_html(self.markdown.html(r.src_uri, body_of(content_dir / r.src_uri)))
        html = render_resource(self.plan, r, body, self.presenter(r.src_uri))
        feeds = [self.plan.feed_index[r.category]]
        settings = {"title": r.title, "description": r.summary, "search": {"exclude": True},
                    "vc_resource": True,
                    "vc_head": self.head(r.src_uri, r.title, r.summary, feeds, True)}
        self.write(r.src_uri, settings, as_raw_html(html))

    def site_page(self, src_uri: str, content_dir: Path) -> None:
        """A page of the site's own: its Markdown, each block it names filled in."""
        front, body, _ = split_front_matter((content_dir / src_uri).read_text(encoding="utf-8"))
        settings = (yaml.safe_load(front) if front else None) or {}
        p = self.presenter(src_uri)
        body = HOME_MARKER.sub(lambda m: home_block(self.plan.catalogue, m.group(1), p,
                                                    self.plan.ways_in), body)
        title = str(settings.get("title", ""))
        settings["vc_head"] = self.head(src_uri, title, str(settings.get("description", "")),
                                        [], False)
        self.write(src_uri, settings, body)


def as_raw_html(html: str) -> str:
    """HTML that Markdown passes through untouched: one block-level element around it."""
    return f'<div class="vc-page">\n{html}\n</div>'


def prepare_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MARK).exists():
        raise StageRefused(f"{out} is not empty and was not written by `virtual-centre stage`: "
                           "give an empty or new folder")
    shutil.rmtree(out, ignore_errors=True)
    (out / STAGED_DOCS).mkdir(parents=True)
    (out / MARK).write_text("written by virtual-centre stage\n", encoding="utf-8")


def stage(config_file: Path, out: Path, today: dt.date | None = None,
          display_root: Path | None = None) -> Staged:
    """Stage the site of config_file into out; nothing is written if the content has
    problems (they are returned)."""
    config = read_config(config_file)
    root = config_file.resolve().parent
    options = plugin_options(config)
    custom = config.get("theme", {}).get("custom_dir")
    ctx = BuildContext(
        content_dir=root / config.get("docs_dir", "docs"), display_root=display_root or root,
        site_dir=out / STAGED_DOCS, site_name=config.get("site_name", ""),
        site_url=config.get("site_url") or "", repo_url=config.get("repo_url") or "",
        today=today or day_of(source_date_epoch() or start_of_today()), offline_zip=False,
        template_dirs=(str(root / custom), THEME) if custom else (THEME,),
        node_modules=root / options.get("node_modules", "node_modules"))
    problems, plan = checked(ctx)
    if plan is None:
        return Staged(problems)
    prepare_out(out)
    write_outputs(plan, ctx)
    tree = scan(ctx.content_dir, ctx.display_root)
    write_assets(config, root, options, ctx.site_dir)
    pages = write_pages(plan, ctx, tree, config)
    copy_theme(ctx.template_dirs, out / STAGED_THEME)
    return Staged([], pages, write_config(staged_config(config, not_found_head(config)), out))


def not_found_head(config: dict[str, Any]) -> str:
    """The head of the 404 page, which the engine serves at any address (its links from the
    site's root, as MkDocs makes them with a site_url)."""
    site_url = config.get("site_url") or ""
    root = (urlsplit(site_url).path or "/") if site_url else ""
    return str(head_tags(config.get("site_name", ""), root + "feeds/", title=None,
                         description=config.get("site_description") or "", feeds=[],
                         article=False, canonical_url=None,
                         analytics=plugin_options(config).get("analytics")))


def write_pages(plan: SitePlan, ctx: BuildContext, tree: ContentTree,
                config: dict[str, Any]) -> int:
    files = frozenset({*tree.published(), *plan.pages,
                       *(r.src_uri for r in plan.catalogue.by_id.values())})
    stager = Stager(plan, ctx.site_dir, config, MarkdownPages(*extensions(config), files),
                    nav_titles(config.get("nav")))
    stager.generated_pages()
    for r in plan.catalogue.by_id.values():
        stager.resource_page(r, ctx.content_dir)
    for src_uri in tree.site_pages:
        stager.site_page(src_uri, ctx.content_dir)
    for src_uri in tree.assets:
        target = ctx.site_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ctx.content_dir / src_uri, target)
    return len(plan.pages) + len(plan.catalogue.by_id) + len(tree.site_pages)


def write_assets(config: dict[str, Any], root: Path, options: dict[str, Any],
                 docs: Path) -> None:
    shim = None
    if SHIM in config.get("extra", {}).get("polyfills", []):
        shim = shim_js(root, options.get("node_modules", "node_modules"))
    for uri, text in site_assets(shim).items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def copy_theme(template_dirs: tuple[str, ...], target: Path) -> None:
    """Our overrides of Material's templates, then the site's own on top of them."""
    for folder in reversed(template_dirs):
        names = THEME_FILES if folder == THEME else [p.name for p in Path(folder).iterdir()]
        for name in names:
            source = Path(folder) / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / name)


__all__ = ["MissingAsset", "StageRefused", "Staged", "stage"]
