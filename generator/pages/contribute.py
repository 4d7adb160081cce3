"""The ways in: where a partner who has content goes — an issue form of the repository for each
kind of content, or, where the site names no repository, the page that explains every way
(contribute.md, "Add your content")."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.categories import CATEGORIES, issue_form_file
from ..model.languages import SOURCE

CONTRIBUTE_PAGE = "contribute.html"


@dataclass(frozen=True)
class WaysIn:
    repo_url: str = ""
    """mkdocs.yml's repo_url (the Pages workflow sets it): '' where none is configured."""

    @property
    def repository(self) -> str:
        return self.repo_url.rstrip("/")

    def form(self, category: str | None = None, lang: str = SOURCE) -> str | None:
        """The issue form, in a language, that adds a resource of the category (None: any
        resource), or None where the site names no repository."""
        if not self.repository:
            return None
        name = CATEGORIES[category].issue_form if category else "propose-resource"
        return f"{self.repository}/issues/new?template={issue_form_file(name, lang)}"

    def post(self, category: str | None, base: str, lang: str = SOURCE) -> str:
        """Where a 'Post…' or 'Propose…' button leads: the form in the page's language, or
        the page that explains the ways in (its section on the forms)."""
        return self.form(category, lang) or f"{base}{CONTRIBUTE_PAGE}#forms"

    def guide(self) -> str | None:
        """CONTRIBUTING.md on the repository's default branch, where there is one."""
        return f"{self.repository}/blob/HEAD/CONTRIBUTING.md" if self.repository else None
