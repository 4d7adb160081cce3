"""Where the pages are completed: a Completer runs the steps of pages/lifecycle.py on each
page MkDocs writes.

- SecondProcessCompleter (builds, pages/second_process.py): a fork of the build checks the
  content, writes the search payload and the data files while MkDocs converts the Markdown,
  then completes each page in place once MkDocs has written it;
- InProcessCompleter (tests, debugging, systems that cannot fork): the same steps in the
  build's own process, each page completed before MkDocs writes it; KnownPlanCompleter
  (`mkdocs serve`'s incremental builds) with the plan made already.
Both give the same site, byte for byte (tests/test_lifecycle.py).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from ..model.problems import Problem
from .context import BuildContext
from .lifecycle import (
    complete,
    encoded,
    keep_skeleton,
    prepare,
    zip_writer,
)
from .plan import SitePlan

# -- the completers ---------------------------------------------------------------------------


class Completer(ABC):
    """Completes the pages of one build: problems(), then page() for each page MkDocs is
    about to write, pages_done(), finish() (or cancel() if the build fails)."""

    @abstractmethod
    def problems(self) -> list[Problem]:
        """The problems of the content (none: the data files are written)."""

    @abstractmethod
    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        """A page MkDocs is about to write: what it should write."""

    @abstractmethod
    def pages_done(self) -> None:
        """Every page is complete once this returns."""

    @abstractmethod
    def finish(self) -> Path | None:
        """The offline zip finished (every other file of the site in it); its path, if any."""

    @abstractmethod
    def cancel(self) -> None:
        """The build failed: stop, and leave no half-written zip."""


class InProcessCompleter(Completer):
    """Every step in the build's own process: each page completed before MkDocs writes it."""

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self._problems, self.plan = prepare(ctx)
        self.writer = zip_writer(ctx) if self.plan is not None else None

    def problems(self) -> list[Problem]:
        return self._problems

    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        if self.plan is None:
            return output
        keep_skeleton(self.ctx, dest_uri, encoded(output))
        done = complete(self.plan, src_uri, output)
        if self.writer is not None:
            self.writer.write(dest_uri, encoded(done))
        return done

    def pages_done(self) -> None:
        """Each page was completed as it came."""

    def finish(self) -> Path | None:
        return self.writer.finish() if self.writer is not None else None

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer.target.unlink(missing_ok=True)


class KnownPlanCompleter(InProcessCompleter):
    """`mkdocs serve`'s incremental builds: the content is checked and the plan made already
    (mkdocs_adapter/serving.py), and the data files are written beside the build."""

    def __init__(self, ctx: BuildContext, plan: SitePlan):  # noqa: D107 - no prepare()
        self.ctx, self._problems, self.plan = ctx, [], plan
        self.writer = zip_writer(ctx)
