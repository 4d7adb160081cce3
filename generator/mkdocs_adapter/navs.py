"""The navigation in each language of the site: a copy of the site's (mkdocs.yml's `nav`) with
its titles translated and, where the site generates a page in that language, that page in
place of the English one (so the menus, the tabs and the current page's place in them are the
language's). A page the site has in English only stays an English link. Each page in a
language is rendered with its language's navigation (plugin.py, on_page_context)."""

from __future__ import annotations

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..model.languages import SOURCE, Language, translations


def language_navs(nav: Navigation, files: Files, codes: tuple[str, ...]
                  ) -> dict[str, Navigation]:
    return {code: translated(nav, files, code) for code in codes if code != SOURCE}


def translated(nav: Navigation, files: Files, code: str) -> Navigation:
    words = translations(code).gettext
    pages: list[Page] = []

    def copy(item: StructureItem, parent: Section | None) -> StructureItem:
        title = words(item.title) if item.title else item.title
        if isinstance(item, Section):
            section = Section(title, [])
            section.parent = parent
            section.children = [copy(child, section) for child in item.children]
            return section
        twin = (files.get_file_from_path(Language(code).prefix + item.file.src_uri)
                if isinstance(item, Page) else None)
        if twin is not None and twin.page is not None:
            twin.page.title, twin.page.parent = title, parent
            pages.append(twin.page)
            return twin.page
        link = Link(title, str(item.url))
        link.parent = parent
        return link

    navigation = Navigation([copy(item, None) for item in nav.items], pages)
    home = files.get_file_from_path(Language(code).prefix + "index.md")
    navigation.homepage = home.page if home is not None else nav.homepage
    return navigation

