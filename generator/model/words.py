"""The words a reader sees for the content's fields and values, in one language of the interface.

A field's label comes from its name (`min_lot` -> "Min lot") unless LABELS names it better; a
value of a closed list from its slug (`in-force` -> "In force"); a vocabulary's value from the
vocabulary's label (model/vocab/*.yaml). All of them are English in the code, extracted for
gettext by `make messages` (extract_words below) and translated in each language's catalogue.
Names of countries and languages come from CLDR (Babel). List of Waste entries and fibre names
have an official wording in each language version of their EU act: official_words.yaml holds
the ones we could source, with their sources; where it has none, the English stays (and the
README says so), never a wording of our own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import IO, Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from .languages import SOURCE, translations
from .vocab import EU, vocabularies
from .vocab import HERE as VOCAB_FOLDER

LABELS = {
    "trl": "Technology readiness (TRL)",
    "ewc": "Waste code (EWC)",
    "doi": "DOI",
    "duration_hours": "Duration (hours)",
    "key_dates": "Key dates",
    "checked": "Facts last checked against the sources",
    "tags": "Topics",
    "min_share": "Least share of these materials",
    "source": "As the developer states it",
    "textile_rules": "Textile rules",
    # The rules of the page "Where each country stands" (pages/textile_rules.py).
    "separate_collection": "Separate collection of textiles",
    "epr": "Extended producer responsibility for textiles",
    "transposition": "Directive (EU) 2025/1892 transposed",
    "ecodesign": "Ecodesign rules for textiles",
}
# Values whose hyphen is the word's own (the others stand for spaces).
HYPHENATED = frozenset({"pre-consumer", "post-consumer", "by-product", "end-of-waste",
                        "self-paced", "fibre-to-fibre"})


def label_of(name: str) -> str:
    """A field's label in English (the msgid its translations are found by)."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


def value_label(value: str) -> str:
    """A value of a closed list in English words where no vocabulary names it: 'in-force' ->
    'In force', 'research-centre' -> 'Research centre', 'by-product' -> 'By-product'."""
    words = value if value in HYPHENATED else value.replace("-", " ")
    return words.replace("_", " ").capitalize()


@cache
def official_words() -> dict[str, Any]:
    """The official wording of List of Waste entries and fibre names per language, with their
    sources (official_words.yaml)."""
    return yaml.safe_load((VOCAB_FOLDER / "official_words.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Words:
    """The fields' and the vocabularies' words in one language (English: the vocabularies')."""

    lang: str = SOURCE

    def _(self, text: str) -> str:
        return translations(self.lang).gettext(text) if text else text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.lang).ngettext(singular, plural, n)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    @property
    def format_locale(self) -> Locale:
        """How dates and numbers are written: British English for English (the partners'
        English: '5 March 2026'), the language's own locale otherwise."""
        return Locale.parse("en_GB" if self.lang == SOURCE else self.lang)

    def field(self, name: str) -> str:
        return self._(label_of(name))

    def value(self, value: str) -> str:
        return self._(value_label(value))

    def country(self, code: str) -> str:
        english = vocabularies().country_name(code)
        if self.lang == SOURCE:
            return english
        return self.locale.territories.get(code.upper()) or english

    def language(self, code: str) -> str:
        if self.lang == SOURCE:
            return vocabularies().languages.get(code, code)
        return self.locale.languages.get(code) or vocabularies().languages.get(code, code)

    def topic(self, slug: str) -> str:
        return self._(vocabularies().topic_label(slug))

    def topic_description(self, slug: str) -> str:
        return self._(vocabularies().topics.get(slug, {}).get("description", ""))

    def channel(self, channel: str) -> str:
        return self._(vocabularies().channel_label(channel))

    def medium(self, medium: str) -> str:
        return self._(vocabularies().media.get(medium, medium))

    def channel_medium(self, channel: str) -> str:
        """The medium a channel belongs to (traditional, events, own channels, social)."""
        return self.medium(vocabularies().channels.get(channel, {}).get("medium", "other"))

    def stakeholder(self, group: str) -> str:
        return self._(vocabularies().stakeholders.get(group, group))

    def figure(self, name: str) -> str:
        return self._(vocabularies().figures.get(name, name))

    def form(self, form: str) -> str:
        return self._(vocabularies().forms.get(form) or value_label(form))

    def origin(self, origin: str) -> str:
        return self._(vocabularies().origins.get(origin) or value_label(origin))

    def process(self, process: str) -> str:
        return self._(vocabularies().processes.get(process) or value_label(process))

    def trl(self, level: int) -> str:
        return self._(vocabularies().trl.get(level, ""))

    def waste_code(self, code: str) -> str:
        """A List of Waste entry's description, official in this language where sourced."""
        official = official_words().get("ewc", {}).get(self.lang, {}).get("codes", {})
        return official.get(code) or vocabularies().waste_codes.get(code, {}).get(
            "description", "")

    def fibre(self, name: str) -> str:
        """A fibre's name (Regulation (EU) No 1007/2011, Annex I), official in this language
        where sourced."""
        official = official_words().get("fibres", {}).get(self.lang, {}).get("names", {})
        return official.get(name) or name

    def enum(self, field: str, value: str) -> str:
        """A value of a closed list in words: a vocabulary's label where it has one."""
        named = {"form": self.form, "forms": self.form, "origin": self.origin,
                 "origins": self.origin, "process": self.process, "processes": self.process}
        return named[field](value) if field in named else self.value(value)

    def date(self, value: str | date) -> str:
        """A day (a date, or YYYY-MM-DD) as the locale writes it: '5 March 2026',
        '5. März 2026'; anything else as it is."""
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        return format_date(day, "long", locale=self.format_locale)

    def number(self, n: float) -> str:
        """A number as the locale writes it: '12,500' in English, '12.500' in German."""
        return format_decimal(n, locale=self.format_locale)


@cache
def words(lang: str = SOURCE) -> Words:
    return Words(lang)


# What the vocabularies' files give translators (extract_words): the labels a reader sees.
VOCAB_LABELS = {"topics": ("label", "description"), "channels": ("label",),
                "origins": (), "forms": (), "processes": (), "media": (), "stakeholders": (),
                "figures": (), "levels": ()}


def _vocab_labels(data: dict[str, Any]) -> Iterator[str]:
    for section, keys in VOCAB_LABELS.items():
        for entry in (data.get(section) or {}).values():
            if isinstance(entry, dict):
                yield from (str(entry[k]) for k in keys if entry.get(k))
            elif entry:
                yield str(entry)


def _schema_labels(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node["description"]  # the field reference, the forms and the templates
        for name, prop in (node.get("properties") or {}).items():
            yield label_of(name)
            yield from _schema_labels(prop)
        yield from (value_label(v) for v in node.get("enum", []) if isinstance(v, str))
        for key, sub in node.items():
            if key not in ("properties", "enum"):
                yield from _schema_labels(sub)
    elif isinstance(node, list):
        for item in node:
            yield from _schema_labels(item)


def extract_words(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                  ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for the vocabularies (*.yaml) and the schemas (*.json,
    babel.cfg): the labels of their values and of the fields, as this module shows them, and
    the fields' descriptions."""
    text = fileobj.read().decode("utf-8")
    found = _schema_labels(json.loads(text)) if text.lstrip().startswith("{") \
        else _vocab_labels(yaml.safe_load(text) or {})
    for label in dict.fromkeys(found):
        if label and label != EU:
            yield 0, "gettext", label, []
