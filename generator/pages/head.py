"""The tags the site adds to every page's head: its feeds for autodiscovery, Open Graph and X
(Twitter) cards, an analytics script when one is configured (online only).

Made here rather than in the theme's template: every page of the site carries them, and the
template's lookups and URL filters cost the build about 1 s per 10,000 pages.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def head_tags(site_name: str, feeds_url: str, *, title: str | None, description: str,
              feeds: list[tuple[str, str]], article: bool, canonical_url: str | None,
              analytics: dict[str, Any] | None, everything: str = "Everything") -> Markup:
    """The tags, given the relative URL of the feeds' folder (ending in '/'); every text is
    escaped here (text escaped already, a Markup, is left as it is). feeds: (key, title) of
    the page's own feeds besides the site's, everything: the site's feed's title, both in the
    page's language.

    No <link rel="alternate" hreflang>: Material's script fetches the sitemap.xml beside every
    such link's address on every page view (1.5 MB at 10,000 resources); the languages of a
    page are in the sitemap (theme/sitemap.xml) and in the page's switcher instead."""
    name = escape(site_name)
    lines: list[str] = []
    for key, feed_title in [("all", everything), *feeds]:
        key, feed_title = escape(key), escape(feed_title)
        lines += [
            f'<link rel="alternate feed" type="application/rss+xml" title="{name}: '
            f'{feed_title} (RSS)" href="{feeds_url}{key}.rss.xml">',
            f'<link rel="alternate feed" type="application/atom+xml" title="{name}: '
            f'{feed_title} (Atom)" href="{feeds_url}{key}.atom.xml">',
        ]
    lines += [
        f'<meta property="og:type" content="{"article" if article else "website"}">',
        f'<meta property="og:site_name" content="{name}">',
        f'<meta property="og:title" content="{escape(title) if title else name}">',
        f'<meta property="og:description" content="{escape(description)}">',
    ]
    if canonical_url:
        lines.append(f'<meta property="og:url" content="{escape(canonical_url)}">')
    # X (Twitter) reads og:title and og:description when its own tags are absent.
    lines.append('<meta name="twitter:card" content="summary">')
    if analytics and analytics.get("src"):
        lines.append(f'<!-- vc:online-only --><script defer data-domain="'
                     f'{escape(analytics.get("domain", ""))}" src="{escape(analytics["src"])}">'
                     "</script><!-- /vc:online-only -->")
    return Markup("\n  ".join(lines) + "\n")
