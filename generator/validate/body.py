"""The rules a Markdown body must keep: text a page can show, and work bounded by its size.

Python-Markdown handles some inputs in quadratic time or deeper than Python's recursion
limit: for every '[' it scans ahead to the matching ']' (to the end of the paragraph when there
is none), and for every '](' to the matching ')'; it copies a paragraph once per link, tag or
emphasis found in it; it numbers duplicate heading ids by trying every number from 1; it nests
a definition list once per definition; its raw-HTML reader goes back over the text for every
'<' that opens a tag it cannot close. A body of a few kilobytes built that way takes minutes.

So a body is refused (as problems with their lines) when a unit of inline text (a paragraph,
a list item, a table row, a heading) is longer than MAX_UNIT_CHARS or holds more than
MAX_MARKUP_CHARS characters that start inline markup, when the bracket scans add
up to more than MAX_BRACKET_SCAN characters, when it has more than MAX_HEADINGS headings or
MAX_DEFINITIONS definitions without a blank line, when quotes nest deeper than
MAX_QUOTE_DEPTH, or when a raw '<' opens a tag it does not close on the same line (write &lt;
for a '<' of the text).
benchmarks/hostile_bench.py measures what is left: seconds per MB of the worst bodies these
rules accept, next to an ordinary body (BENCHMARKS.md).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from ..model.content import CONTROL_RE
from .gate import GENERATED_FOLDER

MAX_UNIT_CHARS = 10_000
MAX_MARKUP_CHARS = 1_000  # of MARKUP_CHARS in one unit
MAX_BRACKET_SCAN = 1_000_000
MAX_HEADINGS = 200
MAX_DEFINITIONS = 100
MAX_QUOTE_DEPTH = 20

# A line that starts a unit of its own: a list item, a table row, a heading, a quote, a
# definition.
UNIT_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#|>|:[ \t])")
HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)|[ \t]{0,3}(?:=+|-+)[ \t]*$")
DEFINITION = re.compile(r"[ \t]{0,3}:[ \t]")
QUOTES = re.compile(r"[ \t]*(?:>[ \t]*)+")
BRACKETS = re.compile(r"\\.|\]\(|[\[\]()]")
# A '<' that opens markup: a tag, an end tag, a comment, a declaration, an instruction.
MARKUP_OPEN = re.compile(r"<[A-Za-z/!?]")
TAG_CLOSED = re.compile(r"</?[A-Za-z][^<>]*>")  # stops at the next '<': linear
# Characters that may start inline markup: Python-Markdown copies the unit once for each
# element they make.
MARKUP_CHARS = "*_[]<>\\&`!"
CODE_SPAN = re.compile(r"`[^`\n]*`")  # Markdown shows markup in code as text


def units(lines: list[str]) -> Iterator[tuple[int, int, int]]:
    """(first line index, last line index + 1, characters) of each unit of inline text."""
    start, size = None, 0
    for i, line in enumerate(lines):
        if not line.strip():
            if start is not None:
                yield start, i, size
            start, size = None, 0
            continue
        if start is not None and UNIT_START.match(line):
            yield start, i, size
            start, size = None, 0
        if start is None:
            start = i
        size += len(line) + 1
    if start is not None:
        yield start, len(lines), size


def bracket_scan(text: str) -> int:
    """How many characters Python-Markdown's link parsing scans in one unit: from each '['
    to its ']' (or the end), from each '](' to its ')' (or the end)."""
    squares: list[int] = []
    rounds: list[int | None] = []  # None: a '(' that opens no link target
    scanned = 0
    for m in BRACKETS.finditer(text):
        token, at = m.group(), m.start()
        if token == "[":
            squares.append(at)
        elif token in ("]", "]("):
            if squares:
                scanned += at - squares.pop()
            if token == "](":
                rounds.append(at + 1)
        elif token == "(":
            rounds.append(None)
        elif token == ")" and rounds and (opened := rounds.pop()) is not None:
            scanned += at - opened
    end = len(text)
    scanned += sum(end - at for at in squares)
    scanned += sum(end - at for at in rounds if at is not None)
    return scanned


def without_comments(line: str) -> str | None:
    """The line without its HTML comments; None if one does not close on it."""
    parts, at = [], 0
    while (start := line.find("<!--", at)) >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            return None
        parts.append(line[at:start])
        at = end + 3
    return "".join(parts) + line[at:]


def markup_problems(line: str) -> str | None:
    """Why a line's raw markup is refused, or None."""
    rest = without_comments(CODE_SPAN.sub("", line))
    if rest is None:
        return "an HTML comment ('<!--') must close ('-->') on the same line"
    rest = TAG_CLOSED.sub("", rest)
    found = MARKUP_OPEN.search(rest)
    if found is None:
        return None
    opened = rest[found.start():found.start() + 12]
    if opened.startswith(("<!", "<?")):
        return (f"'{opened}…' is markup no page needs (a declaration, CDATA or processing "
                "instruction): remove it")
    return (f"'{opened}…' opens a tag that does not close on the same line: close it, or "
            "write &lt; for a '<' of the text")


def body_problems(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for everything a body may not hold; empty for a good body."""
    out: list[tuple[int, str]] = []
    lines = body.split("\n")
    if (found := CONTROL_RE.search(body)) is not None:
        line = first_line + body.count("\n", 0, found.start())
        out.append((line, f"holds a control character ({found.group()!r}) that no page can "
                          "show: remove it"))
    headings = definitions = scanned = 0
    for i, line in enumerate(lines):
        if HEADING.match(line):
            headings += 1
            if headings == MAX_HEADINGS + 1:
                out.append((first_line + i, f"more than {MAX_HEADINGS} headings: split the "
                                            "text into several resources"))
        if not line.strip():
            definitions = 0
        elif DEFINITION.match(line):
            definitions += 1
            if definitions == MAX_DEFINITIONS + 1:
                out.append((first_line + i, f"more than {MAX_DEFINITIONS} definitions "
                                            "without a blank line: separate them"))
        if (quotes := QUOTES.match(line)) and quotes.group().count(">") > MAX_QUOTE_DEPTH:
            out.append((first_line + i, f"quotes nested more than {MAX_QUOTE_DEPTH} deep"))
        if "<" in line and (why := markup_problems(line)):
            out.append((first_line + i, why))
    for start, end, size in units(lines):
        if size > MAX_UNIT_CHARS:
            out.append((first_line + start, f"a paragraph (or list item, table row, heading) "
                                            f"of {size:,} characters; the limit is "
                                            f"{MAX_UNIT_CHARS:,}: split it"))
        text = "\n".join(lines[start:end])
        markup = sum(text.count(c) for c in MARKUP_CHARS)
        if markup > MAX_MARKUP_CHARS:
            out.append((first_line + start, f"a paragraph (or list item, table row, heading) "
                                            f"with {markup:,} markup characters "
                                            f"({' '.join(MARKUP_CHARS)}); the limit is "
                                            f"{MAX_MARKUP_CHARS:,}: split it"))
        if "[" in text or "(" in text:
            scanned += bracket_scan(text)
            if scanned > MAX_BRACKET_SCAN:
                out.append((first_line + start, "too many unclosed '[' or '(' for the "
                                                "page to be built in time: close them, or "
                                                "write \\[ for a '[' of the text"))
                break
    return out


# -- links to the site's own files -----------------------------------------------------------

LINK_TARGETS = re.compile(
    r"\]\(\s*<?([^)\s>]+)"  # [text](target) and ![alt](target)
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"  # [label]: target
    r"""|\b(?:href|src)[ \t]*=[ \t]*["']?([^"'\s>]+)""",  # raw HTML
    re.M)
LOCAL_FILE = re.compile(r"\.(?:md|png|jpe?g|gif|webp)$", re.I)


def local_targets(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, target) of every link or image to a file of the site's content, as written."""
    for m in LINK_TARGETS.finditer(body):
        target = next(g for g in m.groups() if g is not None)
        path = target.split("#", 1)[0].split("?", 1)[0]
        if (path and not REMOTE_OR_ROOTED.match(path) and LOCAL_FILE.search(path)):
            yield first_line + body.count("\n", 0, m.start()), path


REMOTE_OR_ROOTED = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[\\/]")


def link_problems(src_uri: str, body: str, first_line: int,
                  files: set[str]) -> list[tuple[int, str]]:
    """(line, message) for each link to a content file that the site will not have: MkDocs
    would leave the link broken. `files` are the content's pages and images (relative to the
    content folder)."""
    folder = posixpath.dirname(src_uri)
    out = []
    for line, target in local_targets(body, first_line):
        resolved = posixpath.normpath(posixpath.join(folder, unquote(target)))
        if resolved.startswith("../") or resolved == "..":
            out.append((line, f"the link '{target}' points outside the site"))
        elif resolved not in files and not resolved.startswith(GENERATED_FOLDER):
            out.append((line, f"the link '{target}' leads to no page or image of the site "
                              f"(looked for content/{resolved})"))
    return out
