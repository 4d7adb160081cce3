"""The catalogue: published resources, resolved references, backlinks, facets, related.

Built only from files that passed validation; drafts are left out. Plain data, no MkDocs.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.content import SourceFile, normalise_ref, resource_id
from ..model.vocab import vocabularies
from .facets import TAXONOMIES

# The mark of a resource invented for demonstration, wherever it is shown.
EXAMPLE_MARK = "Example"
# A reference target named by more resources than this says little about relatedness.
RELATED_TARGET_CAP = 200


@dataclass
class Resource:
    """A published resource: a valid, non-draft content file, its references resolved."""

    id: str
    """<category>/<file name without .md>."""
    category: str
    src_uri: str
    """Relative to the content folder."""
    path: str
    """As shown in problems."""
    meta: dict[str, Any]
    """The front matter, with fibre aliases resolved."""
    body: str = ""
    """The Markdown body, until MkDocs is handed it."""
    refs: dict[str, list[str]] = field(default_factory=dict)
    """Each reference field -> the full ids it names."""
    lang: str = ""
    """A translation's language ('' for the original): its page is <lang>/<id>.html."""
    translation: dict[str, Any] = field(default_factory=dict)
    """A translation's translator, translated (the day) and machine_assisted."""

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def url(self) -> str:
        return f"{self.lang}/{self.id}.html" if self.lang else f"{self.id}.html"

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def is_example(self) -> bool:
        """Invented for demonstration: marked wherever the resource is shown."""
        return bool(self.meta.get("example", False))

    @property
    def marked_title(self) -> str:
        """The title as plain text shows it (feeds, the digest): 'Example: …' for examples."""
        return f"{EXAMPLE_MARK}: {self.title}" if self.is_example else self.title

    @property
    def summary(self) -> str:
        return str(self.meta["summary"])

    @property
    def date(self) -> str:
        return str(self.meta["date"])

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date, self.title)

    def targets(self) -> set[str]:
        return {t for ids in self.refs.values() for t in ids}


def normalise_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Canonical values: fibre aliases resolved, country codes upper case."""
    v = vocabularies()
    out = dict(meta)
    if "materials" in out:
        out["materials"] = list(dict.fromkeys(v.fibre(m) or m for m in out["materials"]))
    accepts = out.get("accepts")
    if isinstance(accepts, dict) and "materials" in accepts:
        out["accepts"] = {
            **accepts,
            "materials": list(dict.fromkeys(v.fibre(m) or m for m in accepts["materials"])),
        }
    return out


def to_resource(source: SourceFile) -> Resource:
    assert source.meta is not None
    refs: dict[str, list[str]] = {}
    for name, target in schemas.reference_fields(source.category).items():
        value = source.meta.get(name)
        values = [value] if isinstance(value, str) else list(value or [])
        if values:
            refs[name] = [normalise_ref(v, target) for v in values]
    return Resource(
        source.id,
        source.category,
        source.src_uri,
        source.path,
        normalise_meta(source.meta),
        source.body,
        refs,
    )


def translated(original: Resource, source: SourceFile) -> Resource:
    """A translation as a resource: its title, summary and body, every other field the
    original's; the same id, its own file and page."""
    assert source.meta is not None
    meta = {**original.meta, "title": source.meta["title"], "summary": source.meta["summary"],
            "language": source.lang}
    about = {k: source.meta[k] for k in ("translator", "translated", "machine_assisted")
             if k in source.meta}
    return dataclasses.replace(original, src_uri=source.src_uri, path=source.path, meta=meta,
                               body=source.body, lang=source.lang, translation=about)


class Catalogue:
    """The published resources and everything derived from their references; translations
    beside them (by id, then language), not among them."""

    def __init__(self, resources: list[Resource], translations: Iterable[Resource] = ()):
        self.by_id: dict[str, Resource] = {r.id: r for r in resources}
        self.translations: dict[str, dict[str, Resource]] = defaultdict(dict)
        self.translation_files: dict[str, Resource] = {}
        for t in translations:
            self.translations[t.id][t.lang] = t
            self.translation_files[t.src_uri] = t

    @classmethod
    def from_sources(cls, sources: list[SourceFile]) -> Catalogue:
        """The catalogue of valid, non-draft files (call after validation passed): a
        translation of a draft is left out with it."""
        published = [to_resource(s) for s in sources
                     if s.meta is not None and not s.original and not s.meta.get("draft", False)]
        by_id = {r.id: r for r in published}
        return cls(published, [translated(by_id[s.original], s) for s in sources
                               if s.original and s.meta is not None and s.original in by_id])

    def at(self, src_uri: str) -> Resource | None:
        """The published resource or translation a content file makes, if any."""
        found = resource_id(src_uri)
        if not found:
            return None
        return self.by_id.get(found[1]) or self.translation_files.get(src_uri)

    def in_language(self, r: Resource, lang: str) -> Resource:
        """The resource as a list in a language shows it: its translation where it has one."""
        return self.translations.get(r.id, {}).get(lang, r)

    def versions(self, r: Resource) -> list[Resource]:
        """The original and its translations, the original first, then by language."""
        original = self.by_id.get(r.id, r)
        found = self.translations.get(r.id, {})
        return [original, *(found[code] for code in sorted(found))]

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, rid: str) -> Resource | None:
        return self.by_id.get(rid)

    @cached_property
    def by_category(self) -> dict[str, list[Resource]]:
        """Each category's resources, newest first."""
        out: dict[str, list[Resource]] = {c: [] for c in CATEGORIES}
        for r in self.by_id.values():
            out.setdefault(r.category, []).append(r)
        for items in out.values():
            items.sort(key=lambda r: r.sort_key, reverse=True)
        return out

    @cached_property
    def newest(self) -> list[Resource]:
        return sorted(self.by_id.values(), key=lambda r: r.sort_key, reverse=True)

    @cached_property
    def backlinks(self) -> dict[str, list[tuple[Resource, str]]]:
        """target id -> (resource naming it, field), newest first; only published targets."""
        out: dict[str, list[tuple[Resource, str]]] = defaultdict(list)
        for r in self.newest:
            for name, ids in r.refs.items():
                for t in ids:
                    if t in self.by_id:
                        out[t].append((r, name))
        return out

    @cached_property
    def facets(self) -> dict[str, dict[str, list[Resource]]]:
        """taxonomy -> value -> resources (newest first)."""
        out: dict[str, dict[str, list[Resource]]] = {f: defaultdict(list) for f in TAXONOMIES}
        for r in self.newest:
            for name, facet in TAXONOMIES.items():
                for value in facet.values(r):
                    if not facet.names or value in self.by_id:
                        out[name][value].append(r)
        return {f: dict(sorted(values.items())) for f, values in out.items()}

    def facet_url(self, facet: str, value: str) -> str:
        """The page listing a facet value's resources. A resource's (an organisation's) is its
        own page: it lists what names it (and links to all of it in the catalogue search)."""
        if TAXONOMIES[facet].names and value in self.by_id:
            return self.by_id[value].url
        return f"browse/{facet}/{TAXONOMIES[facet].slug(value)}.html"

    @cached_property
    def _referrers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.by_id.values():
            for t in r.targets():
                out[t].append(r.id)
        return out

    def referrers(self, target: str) -> list[str]:
        """The ids of the resources naming target (published or not)."""
        return self._referrers.get(target, [])

    def related(self, resource: Resource, limit: int = 6) -> list[tuple[Resource, str]]:
        """Declared related resources, then those that share the most references."""
        out: list[tuple[Resource, str]] = []
        for rid in resource.refs.get("related", []):
            if rid in self.by_id:
                out.append((self.by_id[rid], "declared"))
        seen = {resource.id, *(r.id for r, _ in out)}
        shared: Counter[str] = Counter()
        for target in resource.targets() - {resource.id}:
            referrers = self._referrers.get(target, [])
            if len(referrers) <= RELATED_TARGET_CAP:
                shared.update(rid for rid in referrers if rid not in seen)
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        for rid, count in ranked[: max(0, limit - len(out))]:
            out.append((self.by_id[rid], f"{count} shared reference{'s' if count > 1 else ''}"))
        return out[:limit]
