"""The pages that explain how to take part: adding content (contribute.md) and following what
is new without an account (alerts.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.categories import CATEGORIES
from ..model.languages import N_
from .fields import CardPresenter
from .generated import GeneratedPage

if TYPE_CHECKING:
    from .plan import SitePlan


@dataclass(frozen=True)
class ContributePage(GeneratedPage):
    SRC_URI, TITLE = "contribute.md", N_("Add your content")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("contribute.html", ways=plan.ways_in, categories=CATEGORIES)


@dataclass(frozen=True)
class AlertsPage(GeneratedPage):
    SRC_URI, TITLE = "alerts.md", N_("Follow what is new")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        feeds = list(plan.feed_index.values())
        groups = [(p._(N_("Everything and each section")),
                   [f for f in feeds if not f.alert and not f.key.startswith("topic-")]),
                  (p._(N_("Offers and demands (M3P alerts)")), [f for f in feeds if f.alert]),
                  (p._(N_("Topics")), [f for f in feeds if f.key.startswith("topic-")])]
        return p.render("alerts.html", groups=groups,
                        site_url=plan.site_url.rstrip("/") + "/" if plan.site_url else "")
