"""The MkDocs adapter: calls the core at the right events and nothing else.

on_config   our theme overrides and stylesheet; file URLs (the site must work from disk); the
            Markdown extension that keeps contributed ids and classes safe
on_pre_build  the gate over the content folder (validate/gate.py): symbolic links stop the
            build before MkDocs lists the files
on_files    start the completer (pages/second_process.py: it validates the content, writes the
            search payload and data files, later completes and zips the pages); load all
            content, build the catalogue, keep only what the gate allows (no drafts), add the
            generated pages
on_env      the build fails on any problem the completer found; the settings of the
            site's own pages set aside until each is rendered (the navigation reads them)
on_page_read_source, on_page_markdown   a resource's body, its title (its fields are read once)
on_page_content   a page's content while MkDocs builds it (resource and list pages: a skeleton,
                  virtual_centre.pages.lifecycle)
on_page_context   the page's settings back; escaped title and description (MkDocs themes do
                  not autoescape); the head's feeds and cards (generator/pages/head.py)
on_post_page      the page handed to the completer, which completes it (the skeleton filled in
                  from the site plan) and adds it to the offline zip
on_post_build     first: wait for every page to be completed; last: the offline zip finished

What differs between `mkdocs build` and `mkdocs serve --dirty` is one object, self.builds
(builds.py: OneBuild; serving.py: ServeSession), called at each of these steps.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from ..catalogue.directory import day_of, source_date_epoch, start_of_today
from ..catalogue.resources import Catalogue, Resource
from ..model.content import resource_id
from ..model.cores import can_fork
from ..model.languages import SOURCE, UnknownLanguage, add_catalogues, languages
from ..model.words import words
from ..outputs.assets import PAGE_SCRIPT, STYLESHEET
from ..pages.completers import Completer, InProcessCompleter, KnownPlanCompleter
from ..pages.context import BuildContext
from ..pages.head import head_tags
from ..pages.lifecycle import skeleton, valid_html
from ..pages.plan import SitePlan
from ..pages.render import THEME
from ..pages.sanitize import SafeAttributesExtension
from ..pages.second_process import SecondProcessCompleter
from ..validate.gate import ContentTree, scan
from .builds import OneBuild
from .config import VirtualCentreConfig
from .navs import language_navs
from .serving import ServeSession, config_key
from .site_files import add_assets, add_pages, dates_and_titles, keep_what_the_gate_allows
from .watching import DirtyWarningFilter, watch_natively

log = logging.getLogger("mkdocs.plugins.virtual-centre")
FEEDS = "feeds/all.rss.xml"  # the site's feed, next to every other feed
# What Material's navigation reads of the settings of each page in it, on every page.
NAV_SETTINGS = frozenset({"icon", "subtitle", "status"})


def site_description(config: MkDocsConfig) -> str:
    return config.site_description or ""


class VirtualCentrePlugin(BasePlugin[VirtualCentreConfig]):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.plan: SitePlan | None = None
        self.completer: Completer | None = None
        self.epoch: int | None = None  # the build's time (SOURCE_DATE_EPOCH)
        self.languages: tuple[str, ...] = (SOURCE,)  # the interface's, English first
        self.navs: dict[str, Navigation] = {}  # the navigation in each other language
        self.set_epoch: str | None = None  # SOURCE_DATE_EPOCH as this build set it, if it did
        self.set_aside: dict[str, dict] = {}  # see set_settings_aside
        self.tree: ContentTree | None = None  # what the gate found (on_pre_build)
        self.builds: OneBuild = OneBuild()  # or `mkdocs serve --dirty`'s ServeSession

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs serve --dirty` (`make serve`): incremental builds. Defining this event also
        has MkDocs keep this plugin, and the session, from one build of `serve` to the next."""
        if command == "serve" and dirty and not isinstance(self.builds, ServeSession):
            self.builds = ServeSession()
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyWarningFilter())

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if isinstance(self.builds, ServeSession):
            watch_natively(server)
        return server

    def on_shutdown(self) -> None:
        self.builds.close()
        self.builds = OneBuild()

    def unset_epoch(self) -> None:
        """SOURCE_DATE_EPOCH back as the user left it: the next build reads the clock again."""
        if self.set_epoch is not None and os.environ.get("SOURCE_DATE_EPOCH") == self.set_epoch:
            del os.environ["SOURCE_DATE_EPOCH"]
        self.set_epoch = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Listings are judged on the day the site is built (the daily build archives one past
        # its valid_until without a commit). The build's time is that day's midnight (UTC), or
        # SOURCE_DATE_EPOCH where the user pins it: two builds of one commit on one day, or with
        # one pinned date, are the same bytes. The expiry and the offline zip get it from the
        # build context; MkDocs (the sitemap) reads SOURCE_DATE_EPOCH, so it is set for this
        # build only and taken back when the build ends (a `make serve` left running past
        # midnight builds on the new day).
        add_catalogues(Path(config.config_file_path or ".").parent / self.config.locales)
        try:
            self.languages = tuple(lang.code for lang in languages(self.config.languages))
        except UnknownLanguage as error:
            raise PluginError(str(error)) from error
        self.epoch = source_date_epoch()
        if self.epoch is None:
            self.epoch = start_of_today()
            os.environ["SOURCE_DATE_EPOCH"] = self.set_epoch = str(self.epoch)
        # Our theme overrides Material's; a site's custom_dir overrides ours (our templates
        # included: generator/pages/render.py looks them up in these folders).
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME)
        # Directory URLs ("page/") open a folder listing from disk: use "page.html".
        config.use_directory_urls = False
        if not config.repo_url:  # no repository configured: no "Edit this page" links
            config.edit_uri = None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        # Online-only integrations, for the theme (never in the offline edition).
        config.extra["vc_comments"] = dict(self.config.comments)
        config.extra["vc_analytics"] = dict(self.config.analytics)
        if PAGE_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(PAGE_SCRIPT)
        # Safe ids and classes in what Markdown makes, before the table of contents reads them.
        if not any(isinstance(e, SafeAttributesExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeAttributesExtension())
        return config

    def display_root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.display_root or Path(config.config_file_path or ".").parent)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """The gate, before MkDocs lists the content: MkDocs follows symbolic links to folders
        (one to / would have it walk the whole machine), so a build with any stops here, with
        every problem of the content."""
        docs_dir, root = Path(config.docs_dir), self.display_root(config)
        self.tree = scan(docs_dir, root)
        if self.tree.links:
            from ..validate.rules import check_content  # jsonschema: only where it is needed

            self.fail_on(check_content(docs_dir, root)[1])
        key = config_key(config.config_file_path, config.theme.dirs, self.epoch)
        self.builds.start(docs_dir, self.tree, key, Path(config.site_dir))

    def build_context(self, config: MkDocsConfig) -> BuildContext:
        return BuildContext(
            content_dir=Path(config.docs_dir), display_root=self.display_root(config),
            site_dir=Path(config.site_dir), site_name=config.site_name,
            site_url=config.site_url or "", repo_url=config.repo_url or "",
            today=day_of(self.epoch), epoch=self.epoch,
            offline_zip=self.config.offline_zip and self.builds.zips,
            template_dirs=tuple(config.theme.dirs),
            skeleton_dir=self.builds.skeleton_dir,
            node_modules=Path(config.config_file_path or ".").parent / self.config.node_modules,
            languages=self.languages)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        root = self.display_root(config)
        tree = self.tree or scan(docs_dir, root)
        context = dataclasses.replace(self.build_context(config),
                                      site_pages=tuple(tree.site_pages))
        self.fail_on(self.builds.problems(docs_dir, tree, root))
        if not self.builds.incremental:
            # Validation, the search payload and the data files (in a process of their own,
            # as builds do it, while MkDocs converts the Markdown); on_env waits for the
            # verdict, so no page is written from invalid content.
            second = self.config.completion == "second-process" and can_fork()
            self.completer = (SecondProcessCompleter if second else InProcessCompleter)(context)
        # Each body is handed over to MkDocs (on_page_read_source).
        sources = self.builds.load_sources(docs_dir, tree, root)
        try:
            self.catalogue = self.builds.catalogue(sources)
            self.plan = SitePlan(self.catalogue, repo_url=context.repo_url,
                                 site_url=context.site_url, theme=context.theme,
                                 languages=context.languages, site_pages=context.site_pages)
            keep_what_the_gate_allows(files, config, tree, self.catalogue, self.plan)
            add_pages(files, config, self.plan, self.builds.markdown_file)
            add_assets(files, config, self.plan, self.config.node_modules)
        except Exception:
            self.check()  # invalid content explains the failure
            raise
        if self.builds.incremental:
            self.builds.plan_pages(self.plan, context, tree.site_pages)
            self.completer = KnownPlanCompleter(context, self.plan)
        gc.freeze()  # the catalogue and the plan live until the build ends (see on_env)
        drafts = sum(1 for s in sources if s.meta and s.meta.get("draft"))
        log.info("virtual-centre: %d files, %d resources published (%d drafts left out), "
                 "%d pages generated", len(sources), len(self.catalogue), drafts,
                 len(self.plan.pages))
        return files

    def check(self) -> None:
        """The build fails here on any problem of the content."""
        if self.completer is not None:
            self.fail_on(self.completer.problems())

    @staticmethod
    def fail_on(problems: list) -> None:
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise PluginError(
                f"{len(problems)} problem(s) in the content: fix them and build again "
                "(`virtual-centre check` lists them without building)."
            )

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs = language_navs(nav, files, self.languages)  # navs.py
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Before MkDocs copies the assets (the search payload among them) and writes pages.
        self.check()
        # Templates do not change during a build (`mkdocs serve` makes a new environment for
        # each build): no stat of every template a page includes, for every page.
        env.auto_reload = False
        self.set_settings_aside(files)
        dates_and_titles(files, self.plan, self.published)
        self.builds.env_ready(env, files)
        # Every page and the catalogue now live until the build ends: out of the garbage
        # collector's passes, each of which would walk them all again (gc.freeze; unfrozen
        # when the build ends, so `mkdocs serve` can free them).
        gc.freeze()
        return env

    def set_settings_aside(self, files: Files) -> None:
        """The settings (front matter) of the site's own pages are set aside until each page
        is rendered: the navigation on every page looks up an icon, subtitle and status in the
        settings of each page in it that has any, about 100 lookups a page (~1 s per 10,000).
        A page whose settings hold one of those keeps them."""
        self.set_aside = {}
        for file in files.documentation_pages():
            page = file.page
            if (page is not None and page.meta and not NAV_SETTINGS & page.meta.keys()
                    and not resource_id(file.src_uri)):
                page.title = page.title  # as its settings give it, kept without them
                self.set_aside[file.src_uri] = page.meta
                page.meta = {}

    @event_priority(100)  # before Material's search reads them (search.exclude)
    def _settings_back(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext:
        if page.file.src_uri in self.set_aside:
            page.meta = self.set_aside[page.file.src_uri]
        return context

    @event_priority(-200)  # last: what the completer completes is what MkDocs writes
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.set_aside:
            page.meta = {}  # rendered: set aside again for the pages still to come
        self.builds.rendered(page.file.src_uri)
        if self.completer is not None and output.strip():  # MkDocs writes no empty page
            return self.completer.page(page.file.src_uri, page.file.dest_uri, output)
        return output

    @event_priority(200)  # first: the pages are complete before anything else reads them
    def _pages_complete(self, config: MkDocsConfig) -> None:
        if self.completer is not None:
            self.completer.pages_done()
        if self.plan is not None:
            self.builds.pages_written(self.plan, self.build_context(config))

    @event_priority(100)  # after the pages, before Material's search writes its index
    def _search_entries(self, config: MkDocsConfig) -> None:
        self.builds.merge_search_entries(config.plugins)

    @event_priority(-200)  # after Material's offline plugin (-100) writes search_index.js
    def _offline_zip(self, config: MkDocsConfig) -> None:
        gc.unfreeze()
        self.unset_epoch()
        if self.completer is not None:
            path = self.completer.finish()
            self.completer = None
            if path is not None:
                log.info("virtual-centre: offline edition %s, %d bytes", path,
                         path.stat().st_size)
        if self.plan is not None:
            self.builds.succeeded(self.plan)

    on_post_build = CombinedEvent(_pages_complete, _search_entries, _offline_zip)

    def on_build_error(self, error: Exception) -> None:
        gc.unfreeze()
        self.unset_epoch()
        self.builds.failed()
        if self.completer is not None:
            self.completer.cancel()
            self.completer = None

    def on_post_template(self, output_content: str, template_name: str,
                         config: MkDocsConfig) -> str:
        return valid_html(output_content)  # 404.html

    def published(self, page: Page) -> Resource | None:
        return self.catalogue.at(page.file.src_uri) if self.catalogue else None

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """A resource's body without its front matter: the build has its fields already (and
        they are no page settings of MkDocs), so the file is not read a second time. The body
        is handed over (MkDocs keeps it), not kept twice. The blank line first keeps a body
        that starts with '---' from being taken for front matter."""
        resource = self.published(page)
        if resource is None:
            return None
        body, resource.body = resource.body, ""
        return "\n" + body

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        resource = self.published(page)
        if resource is not None:
            page.meta["title"] = resource.title
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.plan is not None
        if resource_id(page.file.src_uri):
            # Resources are searched by the catalogue search (header-search.js links to it):
            # in Material's index too, they would make it ~3 times the catalogue's payload.
            page.meta["search"] = {"exclude": True}
        try:
            return skeleton(self.plan, page.file.src_uri, html)
        except Exception:
            self.check()  # invalid content explains the failure
            raise

    def _page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        title = escape(str(page.title or ""))
        page.title = title
        if "title" in page.meta:
            page.meta["title"] = title
        resource = self.published(page)
        generated = self.plan.pages.get(page.file.src_uri) if self.plan else None
        # Autodiscovery of the page's feeds (a resource's: its section's).
        feeds = generated.feeds(self.plan) if generated is not None and self.plan else []
        if resource is not None and self.plan is not None:
            feeds = [self.plan.feed_index[resource.category]]
            page.meta["vc_resource"] = True
            page.meta["description"] = escape(resource.summary)
        elif "description" in page.meta:
            page.meta["description"] = escape(str(page.meta["description"]))
        feeds_url = normalize_url(FEEDS, page)[: -len("all.rss.xml")]
        lang = self.plan.page_language(page.file.src_uri) if self.plan else SOURCE
        page.meta.pop("vc_source", None)  # the file an edit link opens: ours to say
        if self.plan is not None and (source := self.plan.source_of(page.file.src_uri)):
            page.meta["vc_source"] = source
        if lang != SOURCE:
            page.meta["vc_lang"] = lang  # the theme's language (partials/language.html)
            context["nav"] = self.navs.get(lang, nav)  # its menus in its language
        context["vc_head"] = head_tags(
            config.site_name, feeds_url, title=title,
            description=page.meta.get("description") or site_description(config),
            feeds=[(f.key, f.title_in(words(lang))) for f in feeds],
            everything=words(lang)._("Everything"),
            article=resource is not None, canonical_url=page.canonical_url,
            analytics=config.extra.get("vc_analytics"))
        return context

    on_page_context = CombinedEvent(_settings_back, _page_context)

    def on_template_context(self, context: TemplateContext, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """The head of the theme's own pages (404.html); each page's languages in the sitemap
        (theme/sitemap.xml)."""
        if template_name == "sitemap.xml" and self.plan is not None:
            context["vc_alternates"] = self.plan.every_alternate(config.site_url or "")
            return context
        base = context.get("base_url", "")
        context["vc_head"] = head_tags(
            config.site_name, normalize_url(FEEDS, None, base)[: -len("all.rss.xml")],
            title=None, description=site_description(config), feeds=[], article=False,
            canonical_url=None, analytics=config.extra.get("vc_analytics"))
        return context
