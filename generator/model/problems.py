"""A validation problem: where it is (path, line, field) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    """The file, as the contributor knows it (e.g. content/offers/x.md)."""
    line: int
    """The line of the field (1: the front matter as a whole)."""
    field: str
    """The field, dotted for nested ones (quantity.amount, composition[1].fibre)."""
    message: str
    """What is wrong, in plain words, with a did-you-mean where one helps."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command (an annotation on the file)."""
        message = f"{self.field}: {self.message}"
        # Workflow commands end at a newline and treat % specially: escape both.
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},title=Invalid front matter::{message}"
