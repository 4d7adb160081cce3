"""What GitHub shows of the Markdown our bots write, for the tests: a reader's text (backslash
escapes and code spans undone, the invisible word joiner gone), and the markup it would
render (links, images, mentions, HTML, headings) found in it."""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"


def as_github_shows(markdown: str) -> str:
    """The text a reader sees (only what escaping changes is undone)."""
    text = re.sub(r"(?<!\\)(`+) ?(.*?) ?(?<!`)\1(?!`)", r"\2", markdown)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace(WORD_JOINER, "")


def live_markup(markdown: str) -> list[str]:
    """Markup of contributors' making that GitHub would render: links, images, mentions,
    HTML tags and comments, bare web addresses (escaped characters and code spans removed
    first, as GitHub reads them). A value's line breaks are tested apart."""
    text = re.sub(r"(?<!\\)(`+).*?(?<!`)\1(?!`)", "", markdown)  # code spans are text
    text = re.sub(r"\\[!-/:-@\[-`{-~]", "", text)  # an escaped character is text
    patterns = [r"\]\(", r"!\[", r"(?<![\w`])@[A-Za-z0-9]", r"<[A-Za-z!/]", r"https?://",
                r"www\."]
    return [p for p in patterns if re.search(p, text)]
