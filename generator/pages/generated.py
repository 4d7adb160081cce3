"""A page the site generates: its address, title and settings, and the content it renders
(pages/kinds.py and pages/guides.py hold the kinds)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..catalogue.resources import Catalogue
from ..model.languages import SOURCE, translations
from ..outputs.feeds import Feed
from .fields import CardPresenter

if TYPE_CHECKING:
    from .plan import SitePlan


@dataclass(frozen=True)
class GeneratedPage(ABC):
    src_uri: str
    title: str
    lang: str = field(default=SOURCE, kw_only=True)
    """Its language: English at the site's root, another under /<lang>/ (kinds.plan_pages)."""
    in_material_search: ClassVar[bool] = True
    """False for lists of other pages: Material's search would index every card again."""
    wide: ClassVar[bool] = False
    """Wide tables and filters: no navigation or table of contents beside them."""

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + ".html"

    def title_in(self, lang: str, catalogue: Catalogue) -> str:
        """Its title in another language (kinds.in_language)."""
        return translations(lang).gettext(self.title)

    def feeds(self, plan: SitePlan) -> list[Feed]:
        """The feeds the page announces (autodiscovery) and links to."""
        return []

    def settings(self) -> dict[str, Any]:
        """The page's settings (front matter) as MkDocs reads them."""
        meta: dict[str, Any] = {"title": self.title}
        if self.lang != SOURCE:
            meta["vc_lang"] = self.lang  # the theme's language (partials/language.html)
        if not self.in_material_search:
            meta["search"] = {"exclude": True}
        if self.wide:
            meta["hide"] = ["navigation", "toc"]
        return meta

    @classmethod
    def planned(cls, catalogue: Catalogue) -> Iterator[GeneratedPage]:
        """The pages of this kind (by default one, with the class's SRC_URI and TITLE)."""
        yield cls(cls.SRC_URI, cls.TITLE)  # type: ignore[attr-defined]

    @abstractmethod
    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        """The page's content."""
