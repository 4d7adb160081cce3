"""A schema-valid synthetic catalogue of N resources over every category, for benchmarks.

Deterministic for a given seed; bodies are a few paragraphs of textile-recycling prose.
Every file says it is synthetic (`example: true`).
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from .categories import CATEGORIES
from .vocab import vocabularies

WORDS = (
    "textile waste recycling fibre sorting cotton polyester blend garment cutting scraps yarn "
    "fabric mechanical chemical tearing garnetting spinning nonwoven insulation composite "
    "collection reuse resale circular design durability traceability passport producer "
    "responsibility region cluster company recycler manufacturer feedstock quality colour "
    "composition elastane trims coating dyeing finishing laboratory pilot plant capacity tonnes "
    "month logistics shipment legislation directive regulation training module workers skills "
    "research trend dataset survey database platform matchmaking symbiosis district Lombardy "
    "Łódź Chemnitz Budapest Varese Brno Prato Biella denim knitwear workwear upholstery carpet"
).split()

# A larger, Zipf-distributed vocabulary, so that documents have as many distinct words as real
# prose does (a small vocabulary would make the search index look smaller than it will be).
_STEMS = ["tex", "fib", "rec", "sort", "yarn", "blend", "loom", "weft", "warp", "dye", "card",
          "spin", "knit", "felt", "pulp", "melt", "shred", "bale", "lint", "noil"]
_ENDS = ["a", "o", "er", "ing", "ion", "ment", "al", "ive", "ure", "ity", "ed", "en", "ist",
         "ous", "ade", "ette", "ane", "ile", "ose", "ium"]
VOCABULARY = WORDS + [f"{s}{m}{e}" for s in _STEMS for m in ("", "ar", "el", "on", "ur")
                      for e in _ENDS]
_WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]

# How the N resources are spread over the categories (organisations first: others refer to them).
SHARES = {"organisations": 0.08, "technologies": 0.12, "legislation": 0.05, "pilot-cases": 0.15,
          "training": 0.1, "research": 0.25, "newsletters": 0.15, "working-groups": 0.1}


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(VOCABULARY, weights=_WEIGHTS, k=n)
    return " ".join(words).capitalize() + "."


def body(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        paragraphs.append(" ".join(sentence(rng, rng.randint(8, 18))
                                   for _ in range(rng.randint(3, 6))))
    return "\n\n".join(["## Overview", *paragraphs[:2], "## Details", *paragraphs[2:]])


def counts(n: int) -> dict[str, int]:
    out = {c: max(1, int(n * share)) for c, share in SHARES.items()}
    out["research"] += n - sum(out.values())
    return out


def front_matter(rng: random.Random, category: str, i: int, orgs: list[str],
                 techs: list[str], laws: list[str]) -> dict:
    v = vocabularies()
    fibres = list(v.fibres)
    countries = ["IT", "PL", "DE", "HU", "CZ", "AT", "SK", "SI"]
    year = rng.randint(2015, 2026)
    meta: dict = {
        "title": f"{sentence(rng, rng.randint(3, 7))[:-1]} {i}",
        "summary": sentence(rng, rng.randint(12, 25)),
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "language": rng.choice(["en", "it", "de", "pl", "cs", "hu"]),
        "countries": rng.sample(countries, rng.randint(1, 2)),
        "materials": rng.sample(fibres[:40], rng.randint(1, 3)),
        "tags": rng.sample(list(v.topics), rng.randint(1, 3)),
        "example": True,
    }
    if orgs and category != "organisations":
        meta["organisations"] = rng.sample(orgs, min(len(orgs), rng.randint(1, 2)))
    url = f"https://example.org/{category}/{i}"
    if category == "organisations":
        meta.update(kind=rng.choice(["cluster", "company", "research-centre", "agency"]),
                    country=meta["countries"][0], city="Example City", website=url)
    elif category == "technologies":
        meta.update(developer_url=url, trl=rng.randint(1, 9),
                    processes=rng.sample(list(v.processes), rng.randint(1, 2)),
                    accepts={"materials": meta["materials"], "origins": ["pre-consumer"],
                             "forms": rng.sample(list(v.forms), 2)})
        if orgs:
            meta["developer"] = rng.choice(orgs)
    elif category == "legislation":
        meta.update(jurisdiction=rng.choice(["EU", *countries]), instrument="directive",
                    identifier=f"CELEX 3{year}L{i:04d}", source_url=url,
                    status=rng.choice(["proposal", "adopted", "in-force", "repealed"]))
    elif category == "pilot-cases":
        meta.update(status=rng.choice(["planned", "ongoing", "completed"]), source_url=url,
                    results=[sentence(rng, 8)],
                    period={"start": f"{year - 1}-01-01", "end": f"{year}-12-31"})
        if techs:
            meta["technologies"] = rng.sample(techs, min(len(techs), rng.randint(0, 2)))
        if laws:
            meta["legislation"] = rng.sample(laws, min(len(laws), rng.randint(0, 2)))
    elif category == "training":
        meta.update(provider_url=url, level=rng.choice(["introductory", "intermediate",
                                                        "advanced"]),
                    format="online", duration_hours=rng.randint(1, 40))
    elif category == "research":
        meta.update(creators=[{"name": "Example Author", "url": url}],
                    kind=rng.choice(["article", "report", "trend", "dataset"]), source_url=url)
    elif category == "newsletters":
        meta.update(source_url=url, issue=f"{year}-{rng.randint(1, 12):02d}")
        if orgs:
            meta["publisher"] = rng.choice(orgs)
    elif category == "working-groups":
        meta.update(status=rng.choice(["active", "closed"]), forum_url=url)
        if orgs:
            meta["coordinator"] = rng.choice(orgs)
    return meta


def generate(content_dir: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write n synthetic resources under content_dir; return how many per category."""
    rng = random.Random(seed)
    plan = counts(n)
    ids: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for category in SHARES:  # organisations first
        folder = content_dir / category
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(plan[category]):
            slug = f"synthetic-{i:05d}"
            meta = front_matter(rng, category, i, ids["organisations"], ids["technologies"],
                                ids["legislation"])
            text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (folder / f"{slug}.md").write_text(f"---\n{text}---\n\n{body(rng)}\n",
                                               encoding="utf-8")
            ids[category].append(f"{category}/{slug}")
    return plan
