"""Markdown to HTML as the site's engine converts a page, without the engine: the configured
extensions, and each relative link to a file of the site rewritten to that file's address
from the page (`offers/a.md` -> `a.html`), as MkDocs does with `use_directory_urls: false`.
`virtual-centre stage` converts the resources' bodies with it before cleaning them, so that
an engine without our plugin never sees a contributor's Markdown.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

# The extensions every MkDocs build has, before the configured ones.
ENGINE_BUILTINS = ("toc", "tables", "fenced_code")


def page_address(src_uri: str) -> str:
    """A file's address in the site: a Markdown page's is its .html, any other file's its
    path."""
    return src_uri[: -len(".md")] + ".html" if src_uri.endswith(".md") else src_uri


def relative_url(url: str, other: str) -> str:
    """url relative to the folder of other (a page), as MkDocs' get_relative_url makes it."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


class RelativeLinks(Treeprocessor):
    """Links and images to a file of the site, relative to the page's address."""

    def __init__(self, md: Markdown, src_uri: str, files: frozenset[str], page: str):
        super().__init__(md)
        self.src_uri, self.files, self.page = src_uri, files, page

    def run(self, root: Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key is not None and element.get(key) is not None:
                element.set(key, self.address(element.get(key) or ""))

    def address(self, url: str) -> str:
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url or not path:
            return url
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(self.src_uri), unquote(path)).lstrip("/"))
        if target not in self.files:
            return url  # `virtual-centre check` reports a link to nothing
        relative = relative_url(page_address(target), page_address(self.page))
        return urlunsplit(("", "", relative, query, anchor))


class _Links(Extension):
    def __init__(self, src_uri: str, files: frozenset[str], page: str):
        super().__init__()
        self.src_uri, self.files, self.page = src_uri, files, page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(RelativeLinks(md, self.src_uri, self.files, self.page),
                                   "relpath", 0)


class MarkdownPages:
    """Converts the pages of one site: its extensions, and the files its links may reach."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, dict[str, Any]],
                 files: frozenset[str]):
        self.extensions = [*ENGINE_BUILTINS,
                           *(e for e in extensions if e not in ENGINE_BUILTINS)]
        self.configs = dict(configs)
        self.files = files

    def html(self, src_uri: str, markdown: str, page: str | None = None) -> str:
        """A file's Markdown as HTML: its links found from the file, written from its page
        (a translation's page is in its language's folder: page, where it is not src_uri)."""
        md = Markdown(extensions=[*self.extensions, _Links(src_uri, self.files, page or src_uri)],
                      extension_configs=self.configs)
        return md.convert(markdown)
