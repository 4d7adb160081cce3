"""Contributors' text in the Markdown that our bots post on GitHub (issues, comments, job
summaries, the digest): shown as the text it is, never as markup.

GitHub renders comments as GitHub Flavored Markdown and then links, in the text that is left,
@mentions, #references, bare web addresses and e-mail addresses. So a value is made inert in
three steps:

- every line break and run of white space becomes one space (no new paragraph, heading, list
  item or table row can start inside a value), control and direction characters go;
- every ASCII punctuation character is escaped with a backslash (CommonMark allows it for each
  of them): no link, image, emphasis, code, HTML tag or comment, entity or table cell;
- a WORD JOINER (U+2060, invisible) goes after '@' and '#', before '://' and after 'www', so
  that the linkers that run on the text find no mention, reference or address.

Markers the bots parse back (the expiry report's day) are HTML comments: an escaped value can
never form one.
"""

from __future__ import annotations

import re
import string

WORD_JOINER = "\u2060"
_PUNCTUATION = str.maketrans({c: "\\" + c for c in string.punctuation})
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_LINKERS = re.compile(r"(?<=[@#])|(?=://)|(?<=www)(?=\.)", re.IGNORECASE)


def github_text(value: object) -> str:
    """A contributor's value as inert Markdown text on one line."""
    text = " ".join(_UNSEEN.sub(" ", str(value)).split())
    return _LINKERS.sub(WORD_JOINER, text).translate(_PUNCTUATION)


def github_code(value: object) -> str:
    """A value (a path, a field's name) as an inline code span: the backtick fence is longer
    than any run of backticks inside it, so nothing closes it early."""
    text = " ".join(_UNSEEN.sub(" ", str(value)).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"
