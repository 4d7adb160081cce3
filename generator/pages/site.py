"""The site as data: every page, as a value, made by the core from the site plan, the content
and the site's options, without an engine. `virtual-centre stage` writes them as a docs folder;
an engine renders its theme around them.

A page is a generated page or a resource (its content as finished HTML: a contributor's Markdown
converted and cleaned here) or a page of the site's own (its Markdown, each block it names
filled in: the engine converts it, keeping its table of contents).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from ..catalogue.resources import Resource
from ..model.content import body_of, split_front_matter
from ..model.languages import SOURCE
from ..model.words import words
from ..outputs.feeds import Feed
from ..validate.gate import ContentTree
from .fields import CardPresenter
from .head import head_tags
from .kinds import home_block
from .lifecycle import HOME_MARKER
from .markdown import MarkdownPages, page_address
from .plan import SitePlan, site_page_source
from .render import base_of
from .resource import render_resource
from .sanitize import clean_html
from .switcher import switcher
from .translated import translated_site_page


@dataclass(frozen=True)
class SiteOptions:
    """What the pages say of the site: its name, address, description, analytics."""

    name: str
    url: str = ""
    description: str = ""
    analytics: dict[str, Any] | None = None
    titles: dict[str, str] = field(default_factory=dict)
    """The navigation's title of each page in it (the engine shows it for the page's own)."""


@dataclass(frozen=True)
class SitePage:
    """One page of the site."""

    src_uri: str
    title: str
    """As readers see it (not escaped)."""
    settings: dict[str, Any]
    """What the engine reads of the page: its description, search and layout settings."""
    head: str
    """The tags of its head: feeds, Open Graph and X cards, analytics (HTML)."""
    html: str | None = None
    """Its content as finished HTML; None for a page of the site's own, given as Markdown."""
    markdown: str | None = None

    @property
    def url(self) -> str:
        return page_address(self.src_uri)


@dataclass
class SitePages:
    """Makes the pages of one site."""

    plan: SitePlan
    options: SiteOptions
    markdown: MarkdownPages

    def all(self, content_dir: Path, tree: ContentTree) -> Iterator[SitePage]:
        yield from self.generated()
        for r in self.plan.catalogue.by_id.values():
            yield self.resource(r, content_dir)
        for versions in self.plan.catalogue.translations.values():
            for translation in versions.values():
                yield self.resource(translation, content_dir)
        for src_uri in tree.site_pages:
            yield self.own(src_uri, content_dir)

    def presenter(self, src_uri: str) -> CardPresenter:
        return self.plan.presenter(src_uri)

    def head(self, src_uri: str, title: str, description: str, feeds: list[Feed],
             article: bool, lang: str | None = None) -> str:
        url, site_url = page_address(src_uri), self.options.url
        w = words(lang or self.plan.page_language(src_uri))
        return str(head_tags(
            self.options.name, base_of(url) + "feeds/", title=escape(title),
            description=description or self.options.description,
            feeds=[(f.key, f.title_in(w)) for f in feeds], everything=w._("Everything"),
            article=article,
            canonical_url=site_url.rstrip("/") + "/" + url if site_url else None,
            analytics=self.options.analytics))

    def title(self, src_uri: str, own: str) -> str:
        return self.options.titles.get(src_uri, own)

    def generated(self) -> Iterator[SitePage]:
        for src_uri, page in self.plan.pages.items():
            title = self.title(src_uri, page.title)
            p = self.presenter(src_uri)
            yield SitePage(src_uri, title, {**page.settings(), "vc_generated": True},
                           self.head(src_uri, title, "", page.feeds(self.plan), False),
                           html=str(switcher(self.plan, src_uri, p)) + page.render(self.plan, p))

    def resource(self, r: Resource, content_dir: Path) -> SitePage:
        place = r.url[: -len(".html")] + ".md"  # a translation's: in its language's folder
        body = clean_html(self.markdown.html(r.src_uri, body_of(content_dir / r.src_uri),
                                             place))
        feeds = [self.plan.feed_index[r.category]]
        settings = {"description": r.summary, "search": {"exclude": True}, "vc_resource": True}
        if r.lang:
            settings["vc_source"] = r.src_uri  # the file its edit link opens
        if (lang := self.plan.page_language(r.src_uri)) != SOURCE:
            settings["vc_lang"] = lang  # its interface in its language (partials/language.html)
        return SitePage(
            place, r.title, settings,
            self.head(place, r.title, r.summary, feeds, True, lang),
            html=render_resource(self.plan, r, body, self.presenter(r.src_uri)))

    def own(self, src_uri: str, content_dir: Path) -> SitePage:
        """A page of the site's own: its Markdown, each block it names filled in; a
        translation of one at its place (about.de.md: de/about.md)."""
        text = (content_dir / src_uri).read_text(encoding="utf-8")
        place = site_page_source(src_uri)
        source = src_uri
        if place != src_uri:
            known = {*self.plan.pages, *self.plan.site_pages}
            text, src_uri = translated_site_page(text, place, known.__contains__), place
        front, body, _ = split_front_matter(text)
        settings = (yaml.safe_load(front) if front else None) or {}
        settings.pop("vc_source", None)
        if source != src_uri:
            settings["vc_source"] = source  # the file its edit link opens
            settings["vc_lang"] = self.plan.page_language(src_uri)  # its interface's language
        p = self.presenter(src_uri)
        languages = str(switcher(self.plan, src_uri, p))
        body = (languages + "\n\n" if languages else "") + HOME_MARKER.sub(
            lambda m: home_block(self.plan.catalogue, m.group(1), p, self.plan.ways_in), body)
        title = self.title(src_uri, str(settings.pop("title", "")))
        head = self.head(src_uri, title, str(settings.get("description", "")), [], False)
        return SitePage(src_uri, title, settings, head, markdown=body)
