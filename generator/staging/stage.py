"""The site as a plain docs folder (`virtual-centre stage OUT`): every page as the core makes it
(pages/site.py), as a Markdown file whose content is already the page's HTML (contributors'
Markdown converted and cleaned by the core, never by the engine), the site's own pages as
Markdown, every asset, data file,
feed and search file, our theme overrides and a mkdocs.yml without our plugin. MkDocs or
ProperDocs with Material render it into the site the plugin builds (tests/test_stage.py);
README, "Engines", says what is lost and what Zensical makes of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from ..catalogue.directory import day_of, source_date_epoch, start_of_today
from ..model.languages import languages
from ..model.problems import Problem
from ..outputs.assets import SHIM, MissingAsset, shim_js, site_assets, stemmer_assets
from ..pages.context import BuildContext
from ..pages.head import head_tags
from ..pages.lifecycle import checked, write_outputs
from ..pages.markdown import MarkdownPages
from ..pages.plan import SitePlan
from ..pages.render import THEME
from ..pages.site import SiteOptions, SitePage, SitePages
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


def write_page(docs: Path, page: SitePage) -> None:
    """A page as a Markdown file: its settings (title and description escaped, as the theme
    prints them raw; its head's tags as `vc_head`) and its content (HTML, or the Markdown of a
    page of the site's own)."""
    settings: dict[str, Any] = {"title": page.title} if page.title else {}
    settings.update((k, v) for k, v in page.settings.items() if k != "title")
    settings = {k: (str(escape(v)) if k in ("title", "description") else v)
                for k, v in settings.items()}
    settings["vc_head"] = page.head
    front = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000)
    body = as_raw_html(page.html) if page.html is not None else page.markdown
    target = docs / page.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


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
        node_modules=root / options.get("node_modules", "node_modules"),
        languages=tuple(lang.code for lang in languages(options.get("languages") or [])))
    tree = scan(ctx.content_dir, ctx.display_root)
    ctx = dataclasses.replace(ctx, site_pages=tuple(tree.site_pages))
    problems, plan = checked(ctx)
    if plan is None:
        return Staged(problems)
    prepare_out(out)
    write_outputs(plan, ctx)
    write_assets(config, root, options, ctx.site_dir, plan.languages)
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
    """Every page of the site (pages/site.py) into the docs folder, and the content's images."""
    files = frozenset({*tree.published(), *plan.pages,
                       *(r.src_uri for r in plan.catalogue.by_id.values())})
    options = SiteOptions(ctx.site_name, ctx.site_url, config.get("site_description") or "",
                          plugin_options(config).get("analytics"),
                          nav_titles(config.get("nav")))
    pages = SitePages(plan, options, MarkdownPages(*extensions(config), files))
    count = 0
    for page in pages.all(ctx.content_dir, tree):
        write_page(ctx.site_dir, page)
        count += 1
    for src_uri in tree.assets:
        target = ctx.site_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ctx.content_dir / src_uri, target)
    return count


def write_assets(config: dict[str, Any], root: Path, options: dict[str, Any],
                 docs: Path, languages: tuple[str, ...]) -> None:
    shim = None
    if SHIM in config.get("extra", {}).get("polyfills", []):
        shim = shim_js(root, options.get("node_modules", "node_modules"))
    stemmers = stemmer_assets(root, options.get("node_modules", "node_modules"))
    for uri, text in site_assets(shim, languages, stemmers).items():
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
