"""Contributors' HTML cut down to what reading needs.

- Raw HTML in bodies goes through an allowlist (nh3, i.e. ammonia): scripts, event handlers,
  styles and javascript:/data: URLs go; links keep http(s), mailto and relative URLs.
- Ids and classes can never name an element of the theme (Material's `__…` and `md-…`) or of
  the site (`vc-…`), nor clobber a global of their scripts: an id is a plain lowercase slug or
  is dropped, a class a plain name or is dropped. The same rule runs on what Markdown makes
  (SafeAttributes, before the table of contents reads the headings' ids) and on raw HTML.
- An image from another host becomes a plain link to it: no page asks another host for
  anything. Its address is read as browsers read it (model/urls.py), entities, tabs, line
  breaks and controls included.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import nh3
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..model.urls import leaves_the_site

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}

SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
SAFE_CLASS = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,59}")
# The theme's and the site's own names (Material: __drawer, __search, md-header, …; ours:
# vc-search, vc-results, …).
RESERVED_PREFIXES = ("md-", "md_", "vc-", "vc_")
# Theme classes meant for content: a link shown as a button.
CONTENT_CLASSES = frozenset({"md-button", "md-button--primary"})
TRIMMED = re.compile("[\t\n\r]")
C0_AND_SPACE = "".join(map(chr, range(0x21)))
# nh3's output: every attribute value double-quoted, '"' written &quot; inside it.
IMG_TAG = re.compile(r'<img((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(r'([^\s=>/"]+)(?:="([^"]*)")?')


def safe_id(value: str) -> str | None:
    """The id if it can name nothing of the theme or the site, else None."""
    if SAFE_ID.fullmatch(value) and not value.startswith(RESERVED_PREFIXES):
        return value
    return None


def safe_classes(value: str) -> str | None:
    """The classes that name nothing of the theme or the site, or None if none is left."""
    kept = [c for c in value.split() if SAFE_CLASS.fullmatch(c)
            and (c in CONTENT_CLASSES or not c.startswith(RESERVED_PREFIXES))]
    return " ".join(kept) or None


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return safe_id(value)
    if name == "class":
        return safe_classes(value)
    return value


def _image_as_link(match: re.Match[str]) -> str:
    attrs = {name: value or "" for name, value in ATTRIBUTE.findall(match.group(1))}
    src = html.unescape(attrs.get("src", ""))
    if not leaves_the_site(src):
        return match.group(0)
    alt = html.unescape(attrs.get("alt", "")).strip()
    text = f"Image: {alt}" if alt else "Image"
    href = TRIMMED.sub("", src).strip(C0_AND_SPACE)  # as a browser reads it: a valid attribute
    return (f'<a href="{html.escape(href)}" rel="noopener noreferrer">'
            f"{html.escape(text)} (on another site)</a>")


def clean_html(text: str) -> str:
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute,
    )
    return IMG_TAG.sub(_image_as_link, cleaned) if "<img" in cleaned else cleaned


class SafeAttributes(Treeprocessor):
    """What Markdown made (attribute lists included) keeps the allowlist's attributes, safe
    ids and classes: it runs after attr_list (8) and before toc (5), so the table of contents
    the theme prints, unescaped, reads only safe ids, and no `data-toc-label` at all."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(str(el.tag), set())
            for name in list(el.attrib):
                value = el.attrib[name]
                kept = _attribute(str(el.tag), name, value) if name in allowed else None
                # Markdown's own attributes (a table cell's alignment, a link's title) stay.
                if kept is None and name not in MARKDOWN_ATTRIBUTES.get(str(el.tag), ()):
                    del el.attrib[name]
                elif kept is not None and kept != value:
                    el.attrib[name] = kept


# Attributes Python-Markdown itself sets that are left to nh3 (which drops them from bodies):
# a table cell's style="text-align: …".
MARKDOWN_ATTRIBUTES: dict[str, tuple[str, ...]] = {"th": ("style",), "td": ("style",)}


class SafeAttributesExtension(Extension):
    """Registers SafeAttributes (markdown_extensions, or the plugin's on_config)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(SafeAttributes(md), "vc_safe_attributes", 6)
