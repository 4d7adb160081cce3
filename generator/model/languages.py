"""The languages of the site's interface: English (the source, at the site's root) and those a
site configures (the plugin's `languages` option), each one catalogue of translations.

The interface's words are English in the code and the templates, marked for gettext; each
language's translations are a gettext catalogue, `generator/locales/<code>/LC_MESSAGES/
messages.po`, which translators edit with the tools they know (Poedit, Weblate) and correct by
pull request (`make messages` extracts the words and updates every catalogue). A build reads a
catalogue as it is, compiled in memory (Babel): nothing to compile by hand. A word a catalogue
lacks stays English (gettext's fallback), and the build log says how many are missing.
Names of languages, countries and dates come from CLDR, through Babel.
"""

from __future__ import annotations

import gettext
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

import yaml
from babel import Locale
from babel.messages.extract import extract_javascript
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = "en"  # the language of the code's own words (the msgids)
LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
log = logging.getLogger("mkdocs.plugins.virtual-centre")


def N_(text: str) -> str:  # noqa: N802 - gettext's name for "marked, translated later"
    """Marks an English text of the code for translation (`make messages` extracts it); the
    page that shows it translates it into its language."""
    return text


# Folders of catalogues a project adds to the package's (the plugin's `locales`, a `locales/`
# folder beside mkdocs.yml): a new region's language without a change to the package. A
# project's catalogue of a language the package has comes first.
PROJECT_CATALOGUES: list[Path] = []


def add_catalogues(folder: Path) -> None:
    """Use a project's folder of catalogues (<folder>/<code>/LC_MESSAGES/messages.po)."""
    folder = folder.resolve()
    if folder.is_dir() and folder not in PROJECT_CATALOGUES and folder != LOCALES:
        PROJECT_CATALOGUES.insert(0, folder)
        translations.cache_clear()


def _folders(folder: Path) -> list[Path]:
    return [*PROJECT_CATALOGUES, LOCALES] if folder == LOCALES else [folder]


def catalogue_path(code: str, folder: Path = LOCALES) -> Path:
    """A language's catalogue: the project's where it has one, else the package's."""
    paths = [where / code / "LC_MESSAGES" / f"{DOMAIN}.po" for where in _folders(folder)]
    return next((path for path in paths if path.is_file()), paths[-1])


def available(folder: Path = LOCALES) -> list[str]:
    """The languages with a catalogue, besides English."""
    return sorted({p.parent.parent.name for where in _folders(folder)
                   for p in where.glob(f"*/LC_MESSAGES/{DOMAIN}.po")})


class UnknownLanguage(ValueError):
    """A configured language without a catalogue, or not a language CLDR knows."""


@dataclass(frozen=True)
class Language:
    """One language of the interface."""

    code: str
    """ISO 639-1, as in a URL (/de/) and <html lang>."""

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself (CLDR): what a reader looks for in a switcher."""
        return self.locale.get_display_name(self.locale) or self.code

    @property
    def prefix(self) -> str:
        """Where its pages are, from the site's root: '' for English, 'de/' for German."""
        return "" if self.code == SOURCE else f"{self.code}/"

    @property
    def translations(self) -> gettext.NullTranslations:
        return translations(self.code)

    def country_name(self, code: str) -> str | None:
        """A country's name in this language (CLDR), None if CLDR has none."""
        return self.locale.territories.get(code.upper())


def languages(codes: list[str] | tuple[str, ...], folder: Path = LOCALES) -> tuple[Language, ...]:
    """English, then the configured languages, each checked: a catalogue and a CLDR locale."""
    out, known = [Language(SOURCE)], set(available(folder))
    for code in codes:
        if code == SOURCE or code in (lang.code for lang in out):
            continue
        if code not in known:
            raise UnknownLanguage(f"no catalogue for the language {code!r}: add "
                                  f"{catalogue_path(code, folder)} (CONTRIBUTING.md)")
        try:
            Locale.parse(code)
        except (ValueError, LookupError) as error:
            raise UnknownLanguage(f"{code!r} is not a language code CLDR knows") from error
        out.append(Language(code))
    return tuple(out)


@cache
def translations(code: str, folder: Path = LOCALES) -> gettext.NullTranslations:
    """A language's catalogue, compiled in memory; English: the words as they are."""
    if code == SOURCE:
        return gettext.NullTranslations()
    with catalogue_path(code, folder).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
    if missing:
        log.warning("virtual-centre: %d of the interface's words are not translated into %s "
                    "yet: they stay English", missing, code)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


SCRIPTS = LOCALES.parent / "assets"


@cache
def scripts_marked() -> frozenset[str]:
    """What the site's scripts mark for translation (_() and ngettext(), as `make messages`
    extracts them): read from the scripts themselves, so the catalogues need no locations."""
    found = set()
    for script in sorted(SCRIPTS.glob("*.js")):
        with script.open("rb") as source:
            for _line, _func, message, _comments in extract_javascript(
                    source, ["_", "ngettext"], [], {}):
                found.add(message[0] if isinstance(message, (list, tuple)) else message)
    return frozenset(m for m in found if m)


# A catalogue's Plural-Forms expression is C, which is JavaScript too; only its characters.
PLURAL_EXPRESSION = re.compile(r"[n0-9%<>=!&|?:() ]+")


def script_words(code: str, also: tuple[str, ...] = (), folder: Path = LOCALES) -> str:
    """The words the site's scripts show (marked in generator/assets/*.js, and `also`), in a
    language, as a script that gives them to VCDom (dom.js): assets/vc/words/<code>.js."""
    with catalogue_path(code, folder).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    wanted = set(also) | scripts_marked()
    words: dict[str, Any] = {}
    for m in catalog:
        key = m.id[0] if isinstance(m.id, (list, tuple)) else m.id
        if not key or m.fuzzy or key not in wanted:
            continue
        if isinstance(m.string, (list, tuple)):
            if all(m.string):
                words[key] = list(m.string)
        elif m.string:
            words[key] = m.string
    expression = catalog.plural_expr
    if not PLURAL_EXPRESSION.fullmatch(expression):
        raise UnknownLanguage(f"{catalogue_path(code, folder)}: its Plural-Forms is not a "
                              "plain expression of n")
    data = json.dumps(words, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (f"window.VCWords={{lang:{json.dumps(code)},words:{data},"
            f"plural:function(n){{return Number({expression});}}}};\n")


def nav_words(nav: Any) -> Iterator[str]:
    """Every title of a navigation (mkdocs.yml's `nav`): its sections' and its pages'."""
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                yield str(title)
                if isinstance(target, list):
                    yield from nav_words(target)


def extract_nav(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for mkdocs.yml (babel.cfg): its navigation's titles, which
    the menus of each language show translated (mkdocs_adapter/navs.py)."""

    class Loader(yaml.SafeLoader):
        """mkdocs.yml's own tags (!ENV …) read as nothing: only the titles matter here."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load(fileobj, Loader=Loader) or {}  # noqa: S506 - a SafeLoader
    for title in dict.fromkeys(nav_words(config.get("nav"))):
        yield 0, "gettext", title, []
