"""Web addresses as browsers read them: the one rule for every URL a contributor gives.

A URL is parsed by the WHATWG URL standard (ada, the parser Node.js uses), which is what a
browser does with a link, and by the standard library's urllib.parse, which our own tools
use (the link checker, the importer's matching by website): a URL is accepted only where both
read it, with the scheme http or https, a host and a valid port. The schemas' `format: uri`
and an offer's or demand's contact page run this same function (schemas/validation.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import ada_url

SCHEMES = ("http", "https")
# Browsers drop tabs and line breaks from a URL and trim spaces and controls: a URL that
# holds them is read otherwise than it is written.
UNSEEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def web_address_problem(value: str) -> str | None:
    """Why `value` is no web address a reader can open, in a problem's words; None if it is."""
    if UNSEEN.search(value):
        return "holds a space, a line break or a control character (write a space as %20)"
    if not ada_url.check_url(value):
        return "is not a web address a browser can read: check its host and port"
    url = ada_url.URL(value)
    if url.protocol.rstrip(":") not in SCHEMES:
        return "must start with https:// or http://"
    if not url.hostname:
        return "names no host"
    if url.username or url.password:  # https://bank.example@evil.example/ reads as a bank
        return "holds a user name or password before '@': link to the page itself"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that urllib cannot read
    except ValueError:
        return "is not a web address every tool can read: check its host and port"
    if not parts.hostname:
        return "names no host"
    return None


def host_of(value: str) -> str:
    """The host of a web address, lower case without 'www.'; '' where there is none."""
    try:
        host = urlsplit(value.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


# Where a page of the site may be read from: its own host over HTTP(S), or the disk.
PAGE_BASES = ("https://vc.invalid/a/b.html", "http://vc.invalid/a/b.html", "file:///vc/a/b.html")


def leaves_the_site(src: str) -> bool:
    """Whether a browser that loads `src` from a page of the site (over HTTP(S) or from disk)
    would ask another host, or another scheme, for it: the address resolved as browsers
    resolve it (tabs and line breaks dropped, controls trimmed, backslashes as slashes).
    An address no browser can read counts as leaving."""
    for base in PAGE_BASES:
        try:
            page, url = ada_url.URL(base), ada_url.URL(src, base)
        except ValueError:
            return True
        if (url.protocol, url.host) != (page.protocol, page.host):
            return True
    return False
