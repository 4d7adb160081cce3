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

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.matchmaking import Match
from ..catalogue.resources import Resource
from ..model.categories import CATEGORIES
from .fields import CardPresenter
from .lifecycle import complete, encoded
from .plan import SitePlan, page_url
from .render import base_of


def digest(r: Resource) -> int:
    """Changes whenever anything of the resource that another page may show changes."""
    return hash((r.src_uri, repr(r.meta)))


def match_key(m: Match) -> tuple:
    return (m.offer, m.demand, m.score, tuple(m.reasons), tuple(sorted(m.components.items())))


def resource_page_inputs(plan: SitePlan, r: Resource) -> int:
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
    def of(cls, plan: SitePlan) -> Snapshot:
        pages = {r.src_uri: resource_page_inputs(plan, r) for r in plan.catalogue.by_id.values()}
        for src_uri, page in plan.pages.items():
            presenter = CardPresenter(plan.catalogue, base_of(page_url(src_uri)), plan.cards)
            pages[src_uri] = hash(page.render(plan, presenter))
        return cls(pages)

    def changed_since(self, before: Snapshot) -> set[str]:
        """The pages whose completed content may differ (new pages included)."""
        return {uri for uri, fingerprint in self.pages.items()
                if before.pages.get(uri) != fingerprint}


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
