"""The terms of the domain in the languages of the site: each concept of the thesaurus
(model/vocab/thesaurus.yaml) with its official term in each language, linked to the text it was
read in, and the other words the search takes for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.languages import N_, SOURCE
from ..model.vocab import Concept, thesaurus
from .fields import CardPresenter
from .generated import GeneratedPage

if TYPE_CHECKING:
    from .plan import SitePlan


def entry(concept: Concept, lang: str, languages: tuple[str, ...], p: CardPresenter
          ) -> dict[str, Any]:
    """A concept as the page in `lang` shows it: its name there, and a row per language."""
    name = concept.labels.get(lang) or concept.labels.get(SOURCE) \
        or concept.words.get(SOURCE, (concept.key,))[0]
    rows = [{"language": p.words.language(code), "lang": code,
             "label": concept.labels.get(code), "source": concept.sources.get(code),
             "words": [*concept.words.get(code, ()),
                       *(concept.abbreviations if code == SOURCE else ())]}
            for code in languages]
    return {"key": concept.key, "name": name,
            "rows": [row for row in rows if row["label"] or row["words"]]}


@dataclass(frozen=True)
class GlossaryPage(GeneratedPage):
    SRC_URI, TITLE = "glossary.md", N_("Terms of the domain")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        languages = (SOURCE, *(code for code in plan.languages if code != SOURCE))
        concepts = [entry(c, self.lang, languages, p) for c in thesaurus()
                    if not c.key.startswith("fibre:")]
        return p.render("glossary.html", title=p._(self.TITLE), concepts=concepts)
