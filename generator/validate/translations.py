"""The languages of the content: a page's text is in the language it says (not its source's),
and a translation (name.<lang>.md beside name.md) has an original, is in a language of the
site and takes every field but its title and summary from the original."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from babel import Locale

from ..model import schemas
from ..model.content import SourceFile
from ..model.languages import SOURCE, available
from ..model.problems import Problem
from ..model.vocab import function_words
from .gate import SITE_PAGE_TRANSLATION

WORD = re.compile(r"[^\W\d_]+")


def language_name(code: str) -> str:
    """A language's English name (CLDR), for the problems' words."""
    return Locale.parse(SOURCE).languages.get(code, code)


def reads_as_english(text: str, lang: str) -> bool:
    """Whether a text said to be in lang reads as English: three or more of English's
    commonest short words and none of lang's (model/vocab/function_words.yaml); False for a
    language without a list."""
    words = function_words()
    if lang == SOURCE or lang not in words:
        return False
    tokens = WORD.findall(text.lower())
    return (sum(t in words[SOURCE] for t in tokens) >= 3
            and not any(t in words[lang] for t in tokens))


def _text(meta: dict[str, Any]) -> str:
    return f"{meta.get('title', '')} {meta.get('summary', '')}"


def language_problems(source: SourceFile) -> list[Problem]:
    """The text's language, not the source's: `language: hu` on an English summary of a
    Hungarian act is what `source_language` is for."""
    meta = source.meta or {}
    lang = meta.get("language")
    if not isinstance(lang, str) or not reads_as_english(_text(meta), lang):
        return []
    name = language_name(lang)
    return [Problem(source.path, source.line_of(("language",)), "language",
                    f"'language: {lang}' says the text of this page is {name}, but its title "
                    "and summary read as English. `language` is the language of the page's "
                    f"text: for an English summary of a source in {name}, write "
                    f"'language: en' and 'source_language: {lang}'")]


def translated_text_problems(source: SourceFile) -> list[Problem]:
    """A translation's title and summary are in the language its file name says."""
    if not reads_as_english(_text(source.meta or {}), source.lang):
        return []
    return [Problem(source.path, source.line_of(("summary",)), "summary",
                    f"the title and summary read as English, not {language_name(source.lang)}:"
                    f" a translation's text is in the language its file name ends in "
                    f"(.{source.lang}.md)")]


def site_languages(languages: Collection[str] | None) -> set[str]:
    """The languages a translation may be in: the site's, by default every language with a
    catalogue."""
    return set(languages if languages is not None else available()) - {SOURCE}


def not_a_site_language(lang: str, allowed: set[str]) -> str:
    return (f"'{lang}' is not a language of the site (they are: "
            f"{', '.join(sorted(allowed)) or 'English only'}): a translation's file name ends "
            "in one of them")


def site_translation_problems(path: str, src_uri: str,
                              languages: Collection[str] | None) -> list[Problem]:
    """A translation of a site page (about.de.md) is in a language of the site."""
    found = SITE_PAGE_TRANSLATION.match(src_uri)
    allowed = site_languages(languages)
    if not found or found[2] in allowed:
        return []
    return [Problem(path, 1, "file", not_a_site_language(found[2], allowed))]


def translation_problems(sources: list[SourceFile],
                         languages: Collection[str] | None = None) -> list[Problem]:
    """Every translation against its original and the site's languages (by default every
    language with a catalogue)."""
    originals = {s.id: s for s in sources if not s.original}
    allowed = site_languages(languages)
    problems = []
    for t in (s for s in sources if s.original):
        original = originals.get(t.original)
        if original is None:
            name = t.original.rsplit("/", 1)[-1]
            problems.append(Problem(t.path, 1, "file", (
                f"a translation of {t.original}, which does not exist: a translation is named "
                f"after the file it translates ({name}.{t.lang}.md beside {name}.md)")))
            continue
        if t.lang not in allowed:
            problems.append(Problem(t.path, 1, "file", not_a_site_language(t.lang, allowed)))
        elif (original.meta or {}).get("language") == t.lang:
            problems.append(Problem(t.path, 1, "file", (
                f"the original is written in {language_name(t.lang)} already "
                f"({original.path}, 'language: {t.lang}')")))
        if t.meta is not None and original.meta is not None:
            problems += inherited_field_problems(t, original)
    return problems


def inherited_field_problems(t: SourceFile, original: SourceFile) -> list[Problem]:
    """A translation's fields besides its own: each is its original's, never repeated."""
    own = schemas.documents()[schemas.schema_file(schemas.TRANSLATION)]["properties"]
    problems = []
    assert t.meta is not None and original.meta is not None
    for key, value in t.meta.items():
        if key in own:
            continue
        if key not in original.meta:
            message = (f"a translation holds only {', '.join(own)}; every other field is "
                       f"its original's ({original.path})")
        elif original.meta[key] == value:
            message = f"the original says the same: remove it (a translation takes it from " \
                      f"{original.path})"
        else:
            message = (f"contradicts the original ({original.path} says "
                       f"{original.meta[key]!r}): remove it; a translation takes every field "
                       "but its title and summary from the original")
        problems.append(Problem(t.path, t.line_of((key,)), str(key), message))
    return problems
