"""An issue form turned into a pull request, decided from the GitHub event alone.

`virtual-centre submission EVENT.json --out DIR` reads the event of an issue (opened, edited,
labeled, reopened) and writes DIR/decision.json, and the files the workflow needs, for one of:

- ignore: not a submission, or an author who may not trigger a conversion yet;
- comment: the submission has problems: every one by field, in the words of the form; the
  issue gets the label `needs-changes` (the author edits the issue: the workflow runs again);
- pull-request: the file, its branch `submission/issue-<N>` and the pull request's title and
  body ("Closes #N"); `needs-changes` is removed.

Who may trigger a conversion: members of the repository (its owner, members of the
organisation, collaborators) at once; anybody else once a maintainer adds the label
`accepted` (CONTRIBUTING.md): spam never becomes a branch. The decision is made by the default
branch's code (the issue's text is data, never run); the workflow's job that pushes the branch
runs no project code.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.content import SLUG_RE
from ..model.text import slugify
from ..model.words import words
from ..outputs.github_markdown import github_code, github_text
from ..validate.entries import as_read, entry_problems
from .issueforms import DESCRIPTION, FORM_LABELS, issue_file, meta_from_issue

MEMBERS = ("OWNER", "MEMBER", "COLLABORATOR")
SUBMISSION = "contribution"  # the label every submission form gives its issue
ACCEPTED = "accepted"  # a maintainer's label: a non-member's submission may be converted
NEEDS_CHANGES = "needs-changes"
ACTIONS = ("opened", "edited", "labeled", "reopened")
MAX_SLUG = 60


@dataclass
class Decision:
    action: str
    """ignore, comment or pull-request."""
    reason: str
    issue: int = 0
    comment: str = ""
    add_labels: list[str] = field(default_factory=list)
    remove_labels: list[str] = field(default_factory=list)
    branch: str = ""
    path: str = ""
    """The file, relative to the repository."""
    content: str = ""
    title: str = ""
    body: str = ""


def category_of(labels: set[str]) -> str | None:
    """offers or demands from the form's label; None for the form that names its category."""
    return next((category for label, category in FORM_LABELS.items() if label in labels), None)


def may_convert(event: dict[str, Any], labels: set[str]) -> tuple[bool, str]:
    association = str(event["issue"].get("author_association", "NONE"))
    if association in MEMBERS:
        return True, f"the author is a {association.lower()} of the repository"
    if ACCEPTED in labels:
        return True, f"a maintainer added '{ACCEPTED}'"
    return False, (f"the author ({association.lower()}) is not a member: a maintainer adds "
                   f"the label '{ACCEPTED}' to convert it")


def withdrawn(event: dict[str, Any], labels: set[str]) -> bool:
    """A non-member edited a submission that a maintainer had accepted: the acceptance was
    for the text the maintainer read, so it is withdrawn until a maintainer looks again."""
    issue = event["issue"]
    author = str((issue.get("user") or {}).get("login", ""))
    editor = str((event.get("sender") or {}).get("login", ""))
    return (event.get("action") == "edited" and ACCEPTED in labels and author == editor
            and str(issue.get("author_association", "NONE")) not in MEMBERS)


def decide(event: dict[str, Any], content_dir: Path, today: str) -> Decision:
    issue = event.get("issue") or {}
    number = int(issue.get("number", 0))
    labels = {str(label.get("name")) for label in issue.get("labels", [])}
    if event.get("action") not in ACTIONS or SUBMISSION not in labels:
        return Decision("ignore", "not a submission form's issue", number)
    if str(issue.get("state", "open")) != "open":
        return Decision("ignore", "the issue is closed", number)
    if withdrawn(event, labels):
        return Decision("comment", "edited after it was accepted", number, comment=(
            "You changed the submission after a maintainer accepted it, so it waits for a "
            f"maintainer to look at it again (and add the label `{ACCEPTED}` once more)."),
            remove_labels=[ACCEPTED])
    allowed, why = may_convert(event, labels)
    if not allowed:
        return Decision("ignore", why, number)
    try:
        category, meta, text = meta_from_issue(str(issue.get("body") or ""),
                                               category_of(labels), today)
    except ValueError as error:
        return _problems(number, [f"- {github_text(error)}"])
    src_uri = free_name(content_dir, category,
                        slugify(str(meta.get("title", "")))[:MAX_SLUG].strip("-"), number)
    content = issue_file(meta, text)
    mine = as_read(src_uri, content, f"issue #{number}")
    problems = [f"- **{github_text(_label(p.field))}** ({github_code(p.field)}): "
                f"{github_text(p.message)}" for p in entry_problems(content_dir, [mine])]
    if problems:
        return _problems(number, problems)
    path = f"{content_dir.name}/{src_uri}"
    return Decision(
        "pull-request", why, number, remove_labels=[NEEDS_CHANGES],
        branch=f"submission/issue-{number}", path=path,
        content=content, title=f"Add {path} (issue #{number})"[:250],
        body=(f"Closes #{number}.\n\nMade from the issue's form by `virtual-centre submission` "
              f"({why}); the checks of this pull request build the site with it."))


def free_name(content_dir: Path, category: str, slug: str, number: int) -> str:
    """The new file's path under the content folder: a submission never replaces a file that
    exists (a title like another listing's gets the issue's number); changing a published
    resource is a pull request a maintainer reviews."""
    slug = slug if SLUG_RE.match(slug) else f"issue-{number}"
    if (content_dir / category / f"{slug}.md").exists():
        slug = f"{slug[:MAX_SLUG - 12].strip('-')}-issue-{number}"
    return f"{category}/{slug}.md"


def _label(field_name: str) -> str:
    """The form's words for a field (its top-level question)."""
    top = field_name.split(".")[0].split("[")[0]
    return DESCRIPTION if top == "body" else words().field(top)


def _problems(number: int, lines: list[str]) -> Decision:
    comment = ("Thank you for your submission. Before it can become a page of the Virtual "
               "Centre, please edit the issue and fix what follows (this check runs again "
               "when you save):\n\n" + "\n".join(lines) + "\n")
    return Decision("comment", "the submission has problems", number, comment=comment,
                    add_labels=[NEEDS_CHANGES])


def write_decision(decision: Decision, out: Path) -> Path:
    """DIR/decision.json, and the file, comment and pull-request body as files of their own
    (the workflow passes files, never text, to git and gh)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "decision.json").write_text(json.dumps(dataclasses.asdict(decision), indent=1,
                                                  ensure_ascii=False), encoding="utf-8")
    for name, text in (("comment.md", decision.comment), ("body.md", decision.body),
                       ("file.md", decision.content)):
        (out / name).write_text(text, encoding="utf-8")
    return out / "decision.json"
