"""Controlled vocabularies, loaded once from the data files beside this module.

Fibres (Regulation (EU) No 1007/2011), waste codes (List of Waste, Decision 2014/955/EU), TRL,
topics, forms, origins, processes, communication channels and stakeholder groups; countries and
languages come from pycountry (ISO 3166-1 and ISO 639-1). `vocab_schema()` turns them into a
JSON Schema that the category schemas refer to, so editors and validation see the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from ..languages import N_

HERE = Path(__file__).parent
EU = "EU"


def _load(name: str) -> Any:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Vocabularies:
    fibres: dict[str, str]  # canonical fibre name -> group
    fibre_aliases: dict[str, str]
    waste_codes: dict[str, dict[str, Any]]
    trl: dict[int, str]
    topics: dict[str, dict[str, str]]
    origins: dict[str, str]
    forms: dict[str, str]
    processes: dict[str, str]
    countries: dict[str, str]  # alpha-2 -> name, plus EU
    languages: dict[str, str]  # ISO 639-1 -> name
    channels: dict[str, dict[str, str]]  # communication channel -> label, medium
    media: dict[str, str]  # medium of a channel -> label
    stakeholders: dict[str, str]  # stakeholder group -> label
    figures: dict[str, str]  # measured figure of a communication activity -> label

    def fibre(self, name: str) -> str | None:
        """The canonical fibre name for a name or alias, case-insensitive; None if unknown."""
        key = name.strip().lower()
        key = self.fibre_aliases.get(key, key)
        return key if key in self.fibres else None

    def country_name(self, code: str) -> str:
        return self.countries.get(code.upper(), code)

    def topic_label(self, slug: str) -> str:
        return self.topics.get(slug, {}).get("label", slug)

    def channel_label(self, channel: str) -> str:
        return self.channels.get(channel, {}).get("label", channel)


@cache
def vocabularies() -> Vocabularies:
    fibres = _load("fibres.yaml")
    materials = _load("materials.yaml")
    communication = _load("communication.yaml")
    countries = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    countries[EU] = "European Union"
    languages = {
        lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")
    }
    return Vocabularies(
        fibres={f["name"]: f["group"] for f in fibres["fibres"]},
        fibre_aliases=dict(fibres["aliases"]),
        waste_codes=dict(_load("ewc.yaml")["codes"]),
        trl={int(k): v for k, v in _load("trl.yaml")["levels"].items()},
        topics=dict(_load("topics.yaml")["topics"]),
        origins=dict(materials["origins"]),
        forms=dict(materials["forms"]),
        processes=dict(materials["processes"]),
        countries=dict(sorted(countries.items())),
        languages=dict(sorted(languages.items())),
        channels=dict(communication["channels"]),
        media=dict(communication["media"]),
        stakeholders=dict(communication["stakeholders"]),
        figures=dict(communication["figures"]),
    )


@dataclass(frozen=True)
class Concept:
    """A concept of the domain and what it is called (thesaurus.yaml): each language's official
    label, the words readers type, the abbreviations."""
    key: str
    labels: dict[str, str]  # language -> official label
    words: dict[str, tuple[str, ...]]  # language -> words readers type (not official)
    abbreviations: tuple[str, ...]
    sources: dict[str, str] = field(default_factory=dict)  # language -> where its label was read

    def names(self) -> list[tuple[str, str]]:
        """(language, name) of every name: labels, words, then abbreviations (as English)."""
        return ([*self.labels.items()]
                + [(lang, w) for lang, words in self.words.items() for w in words]
                + [("en", a) for a in self.abbreviations])


@cache
def thesaurus() -> tuple[Concept, ...]:
    """The domain's concepts (thesaurus.yaml), then each fibre as a concept whose words are its
    names in the partner languages (reader_words.yaml): the search expands a query naming one
    to all its names."""
    concepts = [Concept(key, {lang: entry["label"] for lang, entry in c.get("labels", {}).items()},
                        {lang: tuple(w["word"] for w in words)
                         for lang, words in c.get("search_words", {}).items()},
                        tuple(c.get("abbreviations", ())),
                        {lang: entry["source"] for lang, entry in c.get("labels", {}).items()})
                for key, c in _load("thesaurus.yaml")["concepts"].items()]
    concepts += [Concept(f"fibre:{fibre}", {}, {"en": (fibre,), **{
                     lang: tuple(words) for lang, words in names.items()}}, ())
                 for fibre, names in _load("reader_words.yaml")["fibres"].items()]
    return tuple(concepts)


@cache
def function_words() -> dict[str, frozenset[str]]:
    """The commonest short words of each language of the site (function_words.yaml)."""
    return {code: frozenset(words) for code, words in _load("function_words.yaml").items()}


def _enum(values: dict[str, Any] | list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


@cache
def vocab_schema() -> dict[str, Any]:
    """A JSON Schema document whose $defs are the vocabularies."""
    v = vocabularies()
    fibre_names = list(v.fibres) + sorted(v.fibre_aliases)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Vocabularies of the Virtual Centre",
        "description": "Generated from generator/model/vocab/*.yaml and pycountry; do not edit.",
        "$defs": {
            "fibre": _enum(
                fibre_names,
                N_("A fibre name of Regulation (EU) No 1007/2011, Annex I "
                   "(aliases such as linen or nylon are accepted and normalised)."),
            ),
            "topic": _enum(
                v.topics, N_("A topic of the controlled list (generator/model/vocab/topics.yaml).")
            ),
            "country": _enum(v.countries, N_("An ISO 3166-1 alpha-2 country code, or EU.")),
            "language": _enum(v.languages, N_("An ISO 639-1 language code.")),
            "ewc": {
                **_enum(
                    v.waste_codes,
                    N_("A code of the European List of Waste "
                       "(Decision 2014/955/EU), written with spaces: '04 02 22'."),
                )
            },
            "trl": {
                "type": "integer",
                "minimum": 1,
                "maximum": 9,
                # One sentence for the catalogues; the field reference lists the levels.
                "description": N_("Technology Readiness Level (Horizon 2020 General Annex G), "
                                  "from 1 (basic principles observed) to 9 (actual system "
                                  "proven in operational environment)."),
            },
            "origin": _enum(v.origins, N_("Where the waste comes from.")),
            "form": _enum(v.forms, N_("The form of the textile waste (production stage).")),
            "process": _enum(v.processes, N_("A recycling or treatment route.")),
            "channel": _enum(v.channels, N_(
                "A communication channel (press, radio, TV, event, newsletter, website, "
                "LinkedIn, Facebook, X, YouTube, Instagram…).")),
            "stakeholder": _enum(v.stakeholders, N_(
                "A stakeholder group of the partners' communication.")),
        },
    }
