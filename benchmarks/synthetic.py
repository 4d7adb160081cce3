"""A schema-valid synthetic catalogue of N resources over every category, for benchmarks.

Deterministic for a given seed; bodies are a few paragraphs of textile-recycling prose.
Every file says it is synthetic (`example: true`).
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.model.vocab import vocabularies

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
          "training": 0.1, "research": 0.15, "newsletters": 0.15, "working-groups": 0.1,
          "offers": 0.05, "demands": 0.05}


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(VOCABULARY, weights=_WEIGHTS, k=n)
    return " ".join(words).capitalize() + "."


def body(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        paragraphs.append(" ".join(sentence(rng, rng.randint(8, 18))
                                   for _ in range(rng.randint(3, 6))))
    return "\n\n".join(["## Overview", *paragraphs[:2], "## Details", *paragraphs[2:]])


def counts(n: int, shares: dict[str, float] | None = None) -> dict[str, int]:
    out = {c: max(1, int(n * share)) for c, share in (shares or SHARES).items()}
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
        country, city = rng.choice(CITIES)  # real towns: the network page maps them
        meta.update(kind=rng.choice(["cluster", "company", "research-centre", "agency"]),
                    country=country, city=city, website=url, partner=rng.random() < 0.1)
    elif category == "technologies":
        meta.update(developer_url=url, trl=rng.randint(1, 9),
                    processes=rng.sample(list(v.processes), rng.randint(1, 2)),
                    accepts={"materials": meta["materials"], "origins": ["pre-consumer"],
                             "forms": rng.sample(list(v.forms), 2), "source": url})
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


def generate(content_dir: Path, n: int, seed: int = 1,
             shares: dict[str, float] | None = None) -> dict[str, int]:
    """Write n synthetic resources under content_dir (spread as SHARES, or as `shares` of the
    same categories say); return how many per category."""
    rng = random.Random(seed)
    plan = counts(n, shares)
    ids: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    offers, demands = listings(plan["offers"], plan["demands"], seed)
    listed = {"offers": iter(offers), "demands": iter(demands)}
    for category in SHARES:  # organisations first
        folder = content_dir / category
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(plan[category]):
            slug = f"synthetic-{i:05d}"
            meta = front_matter(rng, category, i, ids["organisations"], ids["technologies"],
                                ids["legislation"])
            if category in listed:
                meta = listing_front_matter(rng, meta, next(listed[category]).meta,
                                            ids["organisations"])
            text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            (folder / f"{slug}.md").write_text(f"---\n{text}---\n\n{body(rng)}\n",
                                               encoding="utf-8")
            ids[category].append(f"{category}/{slug}")
    return plan


def listing_front_matter(rng: random.Random, common: dict, listing: dict,
                         orgs: list[str]) -> dict:
    """An offer's or a demand's file: the common fields and a synthetic listing's terms."""
    meta = {key: common[key] for key in ("title", "summary", "language", "tags", "example")}
    meta["date"] = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    meta["organisation"] = rng.choice(orgs) if orgs else "example-org"
    meta["contact"] = "https://example.org/contact"
    meta.update(listing)
    if "accepts" in listing:
        meta["process"] = rng.choice(list(vocabularies().processes))
    return meta


CITIES = [("IT", "Gallarate"), ("IT", "Prato"), ("IT", "Biella"), ("IT", "Como"), ("PL", "Łódź"),
          ("PL", "Zgierz"), ("PL", "Bielsko-Biała"), ("DE", "Chemnitz"), ("DE", "Plauen"),
          ("DE", "Augsburg"), ("HU", "Budapest"), ("HU", "Szombathely"), ("CZ", "Liberec"),
          ("CZ", "Brno"), ("CZ", "Dvůr Králové nad Labem"), ("AT", "Dornbirn"), ("SK", "Trenčín"),
          ("SI", "Maribor")]
MAIN_FIBRES = ["cotton", "polyester", "wool", "viscose", "polyamide", "acrylic", "flax"]


def listings(n_offers: int, n_demands: int, seed: int = 7, today: str = "2026-11-26"):
    """Synthetic M3P listings (matchmaking.Listing), directly in memory, for benchmarks and the
    fast-versus-brute-force test."""
    import datetime as dt

    from virtual_centre.catalogue import geo
    from virtual_centre.catalogue.listing import Listing

    rng = random.Random(seed)
    v = vocabularies()
    places = [(c, city, geo.locate(c, city)) for c, city in CITIES]
    forms = list(v.forms)
    codes = [c for c in v.waste_codes if c.startswith(("04 02", "19 12", "20 01", "15 02"))]
    day = dt.date.fromisoformat(today)

    def date_near() -> str:
        return (day - dt.timedelta(days=rng.randint(0, 400))).isoformat()

    def valid() -> str:
        return (day + dt.timedelta(days=rng.randint(-60, 400))).isoformat()

    def place():
        country, city, point = rng.choice(places)
        jitter = (rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3))
        return country, city, (point[0] + jitter[0], point[1] + jitter[1]) if point else None

    offers = []
    for i in range(n_offers):
        country, city, point = place()
        main = rng.choice(MAIN_FIBRES)
        share = rng.choice([100, 98, 95, 90, 80, 65, 50])
        comp = [{"fibre": main, "percent": share}]
        if share < 100:
            comp.append({"fibre": rng.choice(["elastane", "polyester", "cotton"]) if main not in
                         ("polyester",) else "cotton", "percent": 100 - share})
        meta = {"status": rng.choice(["open"] * 8 + ["reserved", "closed"]),
                "valid_until": valid(), "origin": rng.choice(["pre-consumer", "post-consumer"]),
                "form": rng.choice(forms), "quantity": {
                    "amount": rng.choice([0.5, 1, 2, 5, 8, 12, 20, 50]), "unit": "t",
                    "per": rng.choice(["month", "month", "year", "week", "once"])},
                "location": {"country": country, "city": city}}
        if rng.random() < 0.8:
            meta["ewc"] = rng.choice(codes)
        if rng.random() < 0.85:
            meta["composition"] = comp
        if rng.random() < 0.4:
            meta["contaminants"] = rng.sample(["elastane", "coating", "trims", "prints"], 1)
        if rng.random() < 0.3:
            meta["min_lot"] = {"amount": rng.choice([0.5, 1, 5]), "unit": "t"}
        offers.append(Listing(f"offers/o{i:05d}", "offer", meta, point, country, date_near()))
    demands = []
    for i in range(n_demands):
        country, city, point = place()
        low = rng.choice([0.5, 1, 2, 5, 10])
        accepts: dict = {"forms": rng.sample(forms, rng.randint(1, 3))}
        if rng.random() < 0.7:
            accepts["origins"] = [rng.choice(["pre-consumer", "post-consumer"])]
        if rng.random() < 0.8:
            accepts["fibres"] = [{"fibre": rng.choice(MAIN_FIBRES),
                                  "min_percent": rng.choice([50, 80, 90, 95])}
                                 for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            accepts["ewc"] = rng.sample(codes, rng.randint(1, 4))
        if rng.random() < 0.5:
            accepts["excluded_contaminants"] = rng.sample(["elastane", "coating", "prints"], 1)
        meta = {"status": rng.choice(["open"] * 9 + ["closed"]), "valid_until": valid(),
                "accepts": accepts,
                "quantity": {"min": low, "max": low * rng.choice([5, 10, 20]), "unit": "t",
                             "per": rng.choice(["month", "year"])},
                "location": {"country": country, "city": city}}
        if rng.random() < 0.6:
            meta["max_distance_km"] = rng.choice([300, 500, 800, 1200])
        else:
            meta["countries"] = rng.sample(sorted({c for c, _ in CITIES}), rng.randint(1, 3))
        demands.append(Listing(f"demands/d{i:05d}", "demand", meta, point, country, date_near()))
    return offers, demands
