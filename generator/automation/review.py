"""What a reviewer of a pull request needs (`virtual-centre pr-summary`): annotations on the
changed files (GitHub shows ten per step) and a job summary with every problem and every
resource the pull request adds or changes, each with its future page path.

The changed files come as `git diff --name-status` prints them (A, M, D, R… then the paths).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.content import resource_id
from ..model.problems import Problem
from ..outputs.github_markdown import github_text
from ..validate.rules import check_content

KINDS = {"A": "added", "M": "changed", "D": "deleted", "R": "renamed", "C": "copied"}


@dataclass(frozen=True)
class Change:
    kind: str
    path: str


def changes(name_status: str) -> list[Change]:
    """`git diff --name-status` lines; a rename counts as its new path."""
    out = []
    for line in name_status.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            out.append(Change(KINDS.get(parts[0][0], parts[0]), parts[-1]))
    return out


def page_of(path: str, content_prefix: str = "content/") -> str | None:
    """The page a content file becomes (category/name.html), if it is a resource."""
    if not path.startswith(content_prefix):
        return None
    src_uri = path[len(content_prefix):]
    return src_uri[: -len(".md")] + ".html" if resource_id(src_uri) else None


def summary(content_dir: Path, root: Path, name_status: str) -> tuple[str, list[Problem]]:
    """(the job summary in Markdown, the problems of the changed files to annotate)."""
    changed = changes(name_status)
    paths = {c.path for c in changed}
    _, problems = check_content(content_dir, root)
    mine = [p for p in problems if p.path in paths]
    lines = ["## Virtual Centre: what this pull request changes", ""]
    resources = [(c, page_of(c.path)) for c in changed if page_of(c.path)]
    if resources:
        lines += ["| file | change | page |", "| --- | --- | --- |"]
        lines += [f"| {github_text(c.path)} | {c.kind} | "
                  f"{'—' if c.kind == 'deleted' else github_text(page)} |"
                  for c, page in resources]
    else:
        lines.append("No resource file is added or changed.")
    lines += ["", f"## Problems ({len(mine)} in the changed files, {len(problems)} in all)", ""]
    if problems:
        lines += [f"- {github_text(p.path)}:{p.line} **{github_text(p.field)}**: "
                  f"{github_text(p.message)}" for p in problems]
    else:
        lines.append("None: every file passes `virtual-centre check`.")
    return "\n".join(lines) + "\n", mine
