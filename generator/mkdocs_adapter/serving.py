"""`mkdocs serve --dirty` (`make serve`): after the first build, a build does only what the
edit changes.

MkDocs keeps a plugin that defines on_startup across the builds of one `serve`, and in its dirty
mode renders only the pages whose source is newer than what it wrote. This session keeps what
the last successful build left (each file's stamp, the fingerprints of every completed page,
the skeleton of every page), and a build after an edit:

1. reads again only the resource files whose stamp changed, and checks only those against the
   whole catalogue (validate/some.py, as `virtual-centre check PATH…`);
2. makes the catalogue and the site plan again (a few tenths of a second at 10,000);
3. lets MkDocs render the pages whose source changed (the edited resource; a generated page
   whose settings changed, as its Markdown is kept in a file here and rewritten only then; the
   site's own pages, whose home blocks read the catalogue), and completes again from its kept
   skeleton every other page whose fingerprint changed (pages/incremental.py);
4. rewrites the search payload and the data files in a forked process (model/cores.py) once
   the pages are done
   (they read the whole catalogue: seconds at 10,000), whole files renamed into place.

MkDocs' server polls the watched folders every half second; the session has the system tell
it of a save instead (inotify, watchdog's native observer: watching.py).

A full build stands in, and the log says why, for the first build, a removed or renamed file,
a file added or removed that is not a resource, a problem in the content tree, a change to
mkdocs.yml, to the theme or to the build's day, and after any failed build. Material's search
index (the site's own pages) is merged: the entries of the pages rendered again replace
theirs. Served builds write no offline zip (`mkdocs build` does).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.structure.files import Files

from ..catalogue.resources import Catalogue, Resource, to_resource, translated
from ..model.content import SourceFile, is_translation, load_source, resource_id
from ..model.cores import forked, stop
from ..model.problems import Problem
from ..outputs import search, search_files
from ..pages.context import BuildContext
from ..pages.incremental import Snapshot, complete_again, reusable_cards
from ..pages.lifecycle import placeholders, write_data_files
from ..pages.plan import SitePlan, page_url
from ..validate.gate import ContentTree
from . import compat
from .builds import OneBuild

log = logging.getLogger("mkdocs.plugins.virtual-centre")
Stamp = tuple[int, int]  # a file's modification time (ns) and size


def stamp(path: Path) -> Stamp:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


class MemoryBytecodeCache(BytecodeCache):
    """MkDocs makes a new template environment for every build: the theme's templates compiled
    once per serve instead (Jinja checks each template's source against its checksum)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class LastBuild:
    """What the last successful build left."""

    config_key: str
    resources: dict[str, Stamp]
    others: set[str]
    snapshot: Snapshot
    plan: SitePlan


@dataclass
class Decision:
    """This build: incremental (the resource files changed or added) or full (why)."""

    full_because: str | None
    changed: list[str] = field(default_factory=list)
    """The resource files changed or added, relative to the content folder."""


class ServeSession(OneBuild):
    """What `mkdocs serve --dirty` keeps between its builds (one per serve)."""

    zips = False

    def __init__(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="virtual-centre-serve-"))
        self.skeleton_dir: Path = self.work / "skeletons"
        self.markdown = self.work / "pages"
        self.last: LastBuild | None = None
        self.sources: dict[str, tuple[Stamp, SourceFile]] = {}
        self.made: dict[str, tuple[SourceFile, Resource]] = {}  # each file's resource
        self.decision = Decision("the first build")
        self.stamps: dict[str, Stamp] = {}  # of this build's resource files
        self.others: set[str] = set()
        self.config_key = ""
        self.rendered_now: set[str] = set()  # the pages MkDocs rendered in this build
        self.to_complete: set[str] = set()
        self.snapshot: Snapshot | None = None
        self.search_entries: list[dict[str, Any]] = []
        self.published_urls: set[str] = set()  # every page of this build
        self.refresher: Any = None  # the forked process writing the data files
        self.started = 0.0
        self.builds = 0
        self.bytecode = MemoryBytecodeCache()
        self.writing = False  # this build has begun to write the site

    @property
    def incremental(self) -> bool:
        return self.decision.full_because is None

    # -- before MkDocs lists the files ---------------------------------------------------

    def start(self, docs_dir: Path, tree: ContentTree, config_key: str, site_dir: Path) -> None:
        if self.decide(docs_dir, tree, config_key).full_because is not None:
            self.clean(site_dir)

    def decide(self, docs_dir: Path, tree: ContentTree, config_key: str) -> Decision:
        self.started = time.perf_counter()
        self.stop_refresher()
        prefix = len(str(docs_dir)) + 1
        self.stamps = {str(f)[prefix:]: stamp(f) for f in tree.resources}
        self.others = set(tree.published())
        self.config_key = config_key
        self.rendered_now, self.to_complete, self.snapshot = set(), set(), None
        self.writing = False
        last = self.last
        self.builds += 1
        if last is None:
            self.decision = Decision("the first build" if self.builds == 1
                                     else "the last build failed")
        elif tree.problems or tree.links:
            self.decision = Decision("the content folder holds files the site refuses")
        elif config_key != last.config_key:
            self.decision = Decision("mkdocs.yml, the theme or the build's day changed")
        elif gone := sorted(last.resources.keys() - self.stamps.keys()):
            self.decision = Decision(f"{gone[0]} was removed or renamed")
        elif self.others != last.others:
            self.decision = Decision("a page or an image was added or removed")
        else:
            changed = [uri for uri, s in self.stamps.items() if last.resources.get(uri) != s]
            translation = next((uri for uri in changed if is_translation(uri)), None)
            # A translation's page is in another folder and names its original: all again.
            self.decision = Decision(f"{translation} is a translation" if translation else None,
                                     [] if translation else changed)
        if self.decision.full_because:
            log.info("virtual-centre: full build (%s)", self.decision.full_because)
        return self.decision

    def clean(self, site_dir: Path) -> None:
        """A full build starts from nothing (MkDocs' dirty mode would keep old pages). What the
        last build left is gone with it: should this build fail (a file the content check
        refuses), the next one is a full one too, not an incremental one that counts on data
        files and skeletons no longer there."""
        self.last = None
        for folder in (site_dir, self.skeleton_dir):
            if folder.is_dir():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
        self.search_entries = []
        # Every page is rendered: the resources are made again with their bodies (MkDocs is
        # handed each body, see the plugin's on_page_read_source).
        self.made = {}

    # -- the content ---------------------------------------------------------------------

    def load_sources(self, docs_dir: Path, tree: ContentTree,
                     display_root: Path) -> list[SourceFile]:
        """Every resource file; read again only where its stamp changed."""
        prefix = len(str(docs_dir)) + 1
        sources = []
        for file in tree.resources:
            uri = str(file)[prefix:]
            kept = self.sources.get(uri)
            if kept is None or kept[0] != self.stamps[uri]:
                kept = (self.stamps[uri], load_source(docs_dir, file, display_root, lines=False))
                self.sources[uri] = kept
            sources.append(kept[1])
        for uri in self.sources.keys() - self.stamps.keys():
            del self.sources[uri]
            self.made.pop(uri, None)
        return sources

    def catalogue(self, sources: list[SourceFile]) -> Catalogue:
        originals = self.resources(sources)
        by_id = {r.id: r for r in originals}
        return Catalogue(originals, [translated(by_id[s.original], s) for s in sources
                                     if s.original and s.meta is not None
                                     and s.original in by_id])

    def resources(self, sources: list[SourceFile]) -> list[Resource]:
        """The catalogue's resources (Catalogue.from_sources), made again only from the
        files read again."""
        out = []
        for source in sources:
            if source.meta is None or source.meta.get("draft", False) or source.original:
                continue
            made = self.made.get(source.src_uri)
            if made is None or made[0] is not source:
                made = self.made[source.src_uri] = (source, to_resource(source))
            out.append(made[1])
        return out

    def problems(self, docs_dir: Path, tree: ContentTree, display_root: Path) -> list[Problem]:
        """The changed files checked against the whole catalogue."""
        if not self.decision.changed:
            return []
        from ..validate.some import check_files  # jsonschema: not for builds that check nothing

        paths = [docs_dir / uri for uri in self.decision.changed]
        return check_files(docs_dir, paths, display_root, tree)[1]

    def markdown_file(self, src_uri: str, markdown: str) -> Path:
        """A generated page's Markdown, in a file rewritten only when it changes: MkDocs'
        dirty mode renders the page again only then."""
        path = self.markdown / src_uri
        if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
        return path

    # -- the pages -----------------------------------------------------------------------

    def plan_pages(self, plan: SitePlan, ctx: BuildContext, site_pages: list[str]) -> None:
        """Which pages change (incremental builds): the site's own pages are rendered again
        (their home blocks read the catalogue), the pages gone are removed. A data file the
        edit adds (a listing's new country: its alert feed) is an empty one until the refresher
        writes it, as MkDocs copies it in place first."""
        assert self.last is not None
        site_dir = ctx.site_dir
        placeholders(plan, ctx)
        changed = {found[1] for uri in self.decision.changed if (found := resource_id(uri))}
        plan.cards.update(reusable_cards(self.last.plan, changed))
        self.snapshot = Snapshot.after_edit(self.last.snapshot, self.last.plan.catalogue, plan,
                                            changed, self.digest)
        self.to_complete = self.snapshot.changed_since(self.last.snapshot)
        gone = self.last.snapshot.pages.keys() - self.snapshot.pages.keys()
        # Rendered again whatever the files' times say (a file copied with its old time).
        for src_uri in [*site_pages, *gone, *self.decision.changed]:
            for folder in (site_dir, self.skeleton_dir):
                (folder / page_url(src_uri)).unlink(missing_ok=True)
        log.info("virtual-centre: incremental build: %d file(s) changed, %d page(s) to "
                 "complete again", len(self.decision.changed), len(self.to_complete))

    def digest(self, r: Resource) -> int:
        """A resource's digest: its file's stamp (the file is all a resource is made of)."""
        return hash((r.src_uri, self.stamps.get(r.src_uri)))

    def env_ready(self, env: Environment, files: Files) -> None:
        env.bytecode_cache = self.bytecode
        self.writing = True
        self.published_urls = {f.dest_uri for f in files.documentation_pages()}

    def rendered(self, src_uri: str) -> None:
        self.rendered_now.add(src_uri)

    def pages_written(self, plan: SitePlan, ctx: BuildContext) -> None:
        if self.incremental:
            self.complete_pages(plan, ctx.site_dir)
            # Once the pages are done: on the other core, it slowed them by half a second.
            self.refresh_data(plan, ctx)

    def complete_pages(self, plan: SitePlan, site_dir: Path) -> None:
        """Every page whose fingerprint changed and that MkDocs did not render, completed
        again from its skeleton."""
        for src_uri in sorted(self.to_complete - self.rendered_now):
            complete_again(plan, self.skeleton_dir, site_dir, src_uri)

    def merge_search_entries(self, plugins: Any) -> None:
        """Material's search index: the entries of the pages rendered in this build replace
        theirs (Material's own merge in dirty mode assumes one page per build)."""
        try:
            material, entries = compat.material_search_index(plugins)
        except compat.Incompatible as error:
            log.warning("virtual-centre: the header search keeps Material's own merge (%s)",
                        error)
            return
        rendered = {page_url(uri) for uri in self.rendered_now}
        kept = [e for e in self.search_entries
                if page_of(e) not in rendered and page_of(e) in self.published_urls]
        self.search_entries = kept + entries
        compat.replace_search_entries(material, self.search_entries)

    # -- the data files ------------------------------------------------------------------

    def refresh_data(self, plan: SitePlan, ctx: BuildContext) -> None:
        """The search payload and the data files, written by a forked process while the
        server serves the new pages."""
        bodies = {source.id: source.body for source, _ in self.made.values()}
        bodies |= {f"{s.lang}/{s.original}": s.body for _, s in self.sources.values()
                   if s.original}  # a translation's document: at its page's address
        self.refresher = forked(write_outputs, plan, bodies, ctx, self.started)

    def stop_refresher(self) -> None:
        """A refresher still at work when the next edit comes is stopped (the next one writes
        every file again)."""
        stop(self.refresher)
        self.refresher = None

    # -- the end of a build --------------------------------------------------------------

    def succeeded(self, plan: SitePlan) -> None:
        snapshot = self.snapshot or Snapshot.of(plan, self.digest)
        self.last = LastBuild(self.config_key, dict(self.stamps), set(self.others), snapshot,
                              plan)
        log.info("virtual-centre: pages ready %.2f s after the build started",
                 time.perf_counter() - self.started)

    def failed(self) -> None:
        """After a failure while the site was written, the next build is a full one (the
        site folder may be half-written); after a problem of the content found before, the
        next build compares with the last good one (unless this was a full build: see clean)."""
        if self.writing:
            self.last = None

    def close(self) -> None:
        self.stop_refresher()
        shutil.rmtree(self.work, ignore_errors=True)


def page_of(entry: dict[str, Any]) -> str:
    """The page of an entry of Material's search index ("about.html#who" -> "about.html")."""
    return str(entry.get("location", "")).split("#", 1)[0] or "index.html"


def write_outputs(plan: SitePlan, bodies: dict[str, str], ctx: BuildContext,
                  started: float) -> None:
    """The search payload and the data files of a plan (in the refresher process; the
    resources' bodies are MkDocs' by now: bodies has them, from the files)."""
    wanted = {address for address, _ in search.searched(plan.catalogue)}
    texts = {address: search.index_text(body) for address, body in bodies.items()
             if address in wanted}
    search_files.write_search(search.build(plan.catalogue, texts), ctx.site_dir)
    write_data_files(plan, ctx)
    log.info("virtual-centre: search payload and data files written %.2f s after the build "
             "started", time.perf_counter() - started)


def config_key(config_file: str | None, theme_dirs: list[str], epoch: int | None) -> str:
    """Changes with mkdocs.yml, any template of the site's own theme folders, or the day."""
    h = hashlib.sha256(str(epoch).encode())
    if config_file and Path(config_file).is_file():
        h.update(Path(config_file).read_bytes())
    for folder in theme_dirs:
        if "site-packages" in folder:  # the installed themes change only with a reinstall
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                h.update(f"{path}:{stamp(path)}".encode())
    return h.hexdigest()
