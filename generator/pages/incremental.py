"""What an edit changes, for `mkdocs serve`'s incremental builds (mkdocs_adapter/serving.py).

A page's completed content (lifecycle.complete) is a function of the site plan. Two plans are
compared through a fingerprint of what each page's completion reads:

- a resource's page: the resource itself, the resources it names (their titles in its panel
  and its structured data), its related resources, its backlinks and, for a listing, its
  candidate matches, their scores and reasons, and the technologies suggested for it;
- a generated page: its rendered content (about a hundred pages, a few tenths of a second at
  10,000 resources).

A page whose fingerprint changed is completed again from its skeleton, which the build kept
(the theme around it depends on none of this: MkDocs renders a page again only where its own
source or settings changed). tests/test_serve.py checks that the pages an incremental build
leaves are the pages a full build writes, byte for byte, after edits of every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.matchmaking import Match
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES, LISTING_CATEGORIES
from ..model.content import resource_id
from .lifecycle import complete, encoded
from .plan import SitePlan, page_url

# What matchmaking reads: a change to one of these may change any listing's matches.
MATCHED = {*LISTING_CATEGORIES, *(key for key, c in CATEGORIES.items() if c.matched)}


def digest(r: Resource) -> int:
    """Changes whenever anything of the resource that another page may show changes."""
    return hash((r.src_uri, repr(r.meta)))


def match_key(m: Match) -> tuple:
    reasons = tuple((r.kind, tuple(r.values.items())) for r in m.reasons)
    return (m.offer, m.demand, m.score, reasons, tuple(sorted(m.components.items())))


Digest = Callable[[Resource], int]


def resource_page_inputs(plan: SitePlan, r: Resource, digest: Digest = digest) -> int:
    """The fingerprint of what a resource's completed page reads of the plan."""
    catalogue = plan.catalogue

    def of(rid: str) -> int | None:
        found = catalogue.get(rid)
        return digest(found) if found is not None else None

    inputs: list[object] = [
        digest(r),
        tuple((t, of(t)) for t in sorted(r.targets())),
        tuple((o.id, why, digest(o)) for o, why in catalogue.related(r)),
        tuple((o.id, name, digest(o)) for o, name in catalogue.backlinks.get(r.id, ())),
    ]
    kind = CATEGORIES[r.category].listing
    if kind:
        d = plan.directory
        ranked = d.matches.for_offer(r.id) if kind == "offer" else d.matches.for_demand(r.id)
        inputs += [
            d.archived(r.id),
            tuple((*match_key(m), of(m.demand if kind == "offer" else m.offer))
                  for m in ranked),
            tuple((t.id, digest(t)) for t in d.technologies_for(r.id)) if kind == "offer"
            else (),
        ]
    return hash(tuple(inputs))


@dataclass
class Snapshot:
    """Fingerprints of every completed page of one plan, by source path."""

    pages: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: SitePlan, digest: Digest = digest) -> Snapshot:
        """digest: where the caller knows a cheaper one (the files' stamps)."""
        pages = {r.src_uri: resource_page_inputs(plan, r, digest)
                 for r in plan.catalogue.by_id.values()}
        return cls({**pages, **generated_pages(plan)})

    @classmethod
    def after_edit(cls, before: Snapshot, old: Catalogue, plan: SitePlan, changed: set[str],
                   digest: Digest = digest) -> Snapshot:
        """The snapshot of plan, given the one of the plan before an edit of the resources
        changed (or added): only the resources whose pages may read them are fingerprinted
        again (every generated page is)."""
        new = plan.catalogue
        pages = {uri: f for uri, f in before.pages.items() if resource_id(uri)}
        for rid in changed:
            gone = old.get(rid)
            if gone is not None and rid not in new.by_id:
                pages.pop(gone.src_uri, None)
        for rid in may_read(old, new, changed):
            if (r := new.get(rid)) is not None:
                pages[r.src_uri] = resource_page_inputs(plan, r, digest)
        pages.update(generated_pages(plan))
        return cls(pages)

    def changed_since(self, before: Snapshot) -> set[str]:
        """The pages whose completed content may differ (new pages included)."""
        return {uri for uri, fingerprint in self.pages.items()
                if before.pages.get(uri) != fingerprint}


def generated_pages(plan: SitePlan) -> dict[str, int]:
    """A generated page's fingerprint: its content."""
    return {src_uri: hash(page.render(plan, plan.presenter(src_uri)))
            for src_uri, page in plan.pages.items()}


def may_read(old: Catalogue, new: Catalogue, changed: set[str]) -> set[str]:
    """The resources whose pages may read the resources changed (ids), before or after the
    edit: the changed ones; those naming them (their panels); those they name (backlinks);
    those sharing a reference with them (related); every listing where a listing, a
    technology or an organisation changed (matches and the technologies suggested)."""
    out, targets = set(changed), set()
    for catalogue in (old, new):
        for rid in changed:
            out.update(catalogue.referrers(rid))
            if (r := catalogue.get(rid)) is not None:
                targets |= r.targets()
    out |= targets
    for catalogue in (old, new):
        for target in targets:
            out.update(catalogue.referrers(target))
    if any(rid.split("/", 1)[0] in MATCHED for rid in changed):
        out.update(r.id for c in LISTING_CATEGORIES for r in new.by_category.get(c, []))
    return out


def reusable_cards(before: SitePlan, changed: set[str]) -> dict[tuple[str, int, str], str]:
    """The cards of the plan before that the new plan can take over: a card shows its
    resource and the titles of the organisations it names, so it is reused where neither
    changed (changed: the ids of the resources changed or added)."""
    return {key: html for key, html in before.cards.items()
            if key[0] not in changed and (r := before.catalogue.get(key[0])) is not None
            and not r.targets() & changed}


def complete_again(plan: SitePlan, skeletons: Path, site_dir: Path, src_uri: str) -> bool:
    """A page completed from the skeleton the build kept; written only if it changed.
    False where no skeleton was kept (MkDocs renders the page in this build)."""
    dest_uri = page_url(src_uri)
    skeleton = skeletons / dest_uri
    if not skeleton.is_file():
        return False
    done = encoded(complete(plan, src_uri, skeleton.read_text(encoding="utf-8")))
    target = site_dir / dest_uri
    if not target.is_file() or target.read_bytes() != done:
        target.write_bytes(done)
    return True
