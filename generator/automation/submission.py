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

import yaml

from ..cli.issueforms import FORM_LABELS, label_of, meta_from_issue
from ..model.content import SLUG_RE, SourceFile, load_source
from ..model.text import slugify
from ..validate.gate import scan
from ..validate.rules import validate

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


def decide(event: dict[str, Any], content_dir: Path, today: str) -> Decision:
    issue = event.get("issue") or {}
    number = int(issue.get("number", 0))
    labels = {str(label.get("name")) for label in issue.get("labels", [])}
    if event.get("action") not in ACTIONS or SUBMISSION not in labels:
        return Decision("ignore", "not a submission form's issue", number)
    if str(issue.get("state", "open")) != "open":
        return Decision("ignore", "the issue is closed", number)
    allowed, why = may_convert(event, labels)
    if not allowed:
        return Decision("ignore", why, number)
    try:
        category, meta, text = meta_from_issue(str(issue.get("body") or ""),
                                               category_of(labels), today)
    except ValueError as error:
        return _problems(number, [f"- {error}"])
    slug = slugify(str(meta.get("title", "")))[:MAX_SLUG].strip("-") or f"issue-{number}"
    src_uri = f"{category}/{slug}.md"
    problems = _check(content_dir, category, slug, meta, text, number)
    if problems:
        return _problems(number, problems)
    content = ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
               + "---\n\n" + text.strip() + "\n")
    path = f"{content_dir.name}/{src_uri}"
    title = f"{'Add' if not (content_dir / src_uri).exists() else 'Update'} {path} " \
            f"(issue #{number})"
    return Decision(
        "pull-request", why, number, remove_labels=[NEEDS_CHANGES],
        branch=f"submission/issue-{number}", path=path,
        content=content, title=title[:250],
        body=(f"Closes #{number}.\n\nMade from the issue's form by `virtual-centre submission` "
              f"({why}); the checks of this pull request build the site with it."))


def _check(content_dir: Path, category: str, slug: str, meta: dict[str, Any], text: str,
           number: int) -> list[str]:
    """Every problem of the file the issue makes, among the repository's files."""
    if not SLUG_RE.match(slug):
        return [f"- **Title**: cannot name a file ('{slug}')"]
    tree = scan(content_dir)
    existing = [load_source(content_dir, f, lines=False) for f in tree.resources]
    rid = f"{category}/{slug}"
    mine = SourceFile(rid, category, f"issue #{number}", f"{rid}.md", meta, body="\n" + text)
    others = [s for s in existing if s.id != rid]
    return [f"- **{_label(p.field)}** ({p.field}): {p.message}"
            for p in validate([*others, mine], tree.link_targets(content_dir))
            if p.path == mine.path]


def _label(field_name: str) -> str:
    """The form's words for a field (its top-level question)."""
    top = field_name.split(".")[0].split("[")[0]
    return "Description" if top == "body" else label_of(top)


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
