"""The one gate for everything under content/: what a file there may be.

Every file under the content folder is one of three things, or a problem with its path:

- a page of the site's own (SITE_PAGES, at the top of the folder);
- a resource: `<category>/<name>.md`, directly in its category's folder;
- an asset a resource needs: a raster image in a category's folder, checked by its bytes.

Symbolic links are refused wherever they are (they could publish files from outside the
repository), hidden files too (a `.gitkeep` aside). Nothing else is published: no HTML, SVG,
script or style sheet sent by a contributor becomes a file of the site. `virtual-centre check`,
the build and every import run this same scan.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.categories import CATEGORIES
from ..model.content import SourceFile, load_source
from ..model.paths import MAX_NAME, RESOURCE_SUFFIX, shown_path
from ..model.problems import Problem

SITE_PAGES = ("about.md", "index.md")
# A site page's translation: about.de.md is the About page in German (de/about.html).
SITE_PAGE_TRANSLATION = re.compile(r"^(about|index)\.([a-z]{2})\.md$")
# What MkDocs would also read as Markdown pages (mkdocs.utils.markdown_extensions): a resource
# under one of these names would skip every check, so each is refused with a rename.
OTHER_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt",
                           ".mdtext", ".text")
# The first bytes of each image type allowed, by the suffixes that may name it.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at byte 8 (see is_image)
}
MAX_IMAGE_BYTES = 2_000_000
# Names Windows keeps for its devices, whatever follows the first dot (con.md, nul.png): the
# offline copy could not be unpacked there.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                             *(f"lpt{n}" for n in range(10))})
# What Windows refuses in a name, or drops from its end.
WINDOWS_UNSAFE = frozenset('<>:"\\|?*')
ALLOWED_HIDDEN = (".gitkeep",)
# Pages the site makes (pages/kinds.py), which a body may link to like any other.
GENERATED_PAGES = ("search.md", "directory.md", "contribute.md", "alerts.md", "reference.md",
                   "textile-rules.md",
                   "whats-new.md",
                   "statistics.md", "schemas/index.md", "browse/index.md",
                   *(f"{category}/index.md" for category in CATEGORIES))
GENERATED_FOLDER = "browse/"  # the taxonomies: a page for each value that has resources


@dataclass
class ContentTree:
    """What the scan of a content folder found."""

    resources: list[Path] = field(default_factory=list)
    """Every resource file, sorted (each still to be loaded and validated)."""
    site_pages: list[str] = field(default_factory=list)
    """The site's own pages present, as paths relative to the content folder."""
    assets: list[str] = field(default_factory=list)
    """The images allowed, as paths relative to the content folder."""
    problems: list[Problem] = field(default_factory=list)
    """Every file that is none of the above, with why."""
    links: list[str] = field(default_factory=list)
    """The symbolic links found (each also a problem): MkDocs would follow them."""

    def published(self) -> set[str]:
        """The paths (relative to the content folder) that may reach the site."""
        return {*self.site_pages, *self.assets}

    def link_targets(self, content_dir: Path) -> set[str]:
        """Every page and image a body may link to (resources as files: drafts included)."""
        return {*self.published(), *GENERATED_PAGES,
                *(p.relative_to(content_dir).as_posix() for p in self.resources)}


def printable(name: str) -> str:
    """A file name as a problem can show it: bytes that are not UTF-8 and characters that are
    not printable become '?'."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else "?" for c in text)


def is_image(path: Path, suffix: str) -> bool:
    """The file's first bytes are those of the image type its suffix names."""
    with path.open("rb") as f:
        head = f.read(16)
    if not head.startswith(IMAGE_SIGNATURES[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"


def classify(content_dir: Path, src_uri: str) -> tuple[str, str]:
    """('resource' | 'site-page' | 'asset' | 'ignored' | 'problem', message) for one file
    that is no symbolic link."""
    parts = src_uri.split("/")
    name = parts[-1]
    stem, dot, suffix = name.rpartition(".")
    suffix = (dot + suffix).lower() if dot else ""
    if name.startswith("."):
        if name in ALLOWED_HIDDEN:
            return "ignored", ""
        return "problem", "a hidden file is not published: remove it"
    if portable := unportable(name):
        return "problem", portable
    if len(parts) == 1:
        if name in SITE_PAGES or SITE_PAGE_TRANSLATION.match(name):
            return "site-page", ""
        return "problem", (
            f"only the site's own pages ({', '.join(SITE_PAGES)}) sit at the top of the "
            "content folder: a resource goes into the folder of its category "
            f"({', '.join(CATEGORIES)})")
    if parts[0] not in CATEGORIES:
        return "problem", (f"'{parts[0]}/' is no category folder (they are: "
                           f"{', '.join(CATEGORIES)}); nothing else is published")
    if suffix == RESOURCE_SUFFIX and not name.endswith(RESOURCE_SUFFIX):
        return "problem", f"a resource file ends in .md, in small letters: rename it to {stem}.md"
    if suffix == RESOURCE_SUFFIX:
        if stem == "index":
            return "problem", (
                f"index.md is the list page the site makes for {parts[0]}/: name the file "
                "after the resource instead, e.g. my-resource.md")
        return "resource", ""  # a sub-folder or a bad name: load_source says so
    if suffix in OTHER_MARKDOWN_SUFFIXES:
        return "problem", f"a resource file ends in .md: rename it to {stem}.md"
    if suffix in IMAGE_SIGNATURES:
        path = content_dir / src_uri
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return "problem", (f"the image is {size:,} bytes; the limit is "
                               f"{MAX_IMAGE_BYTES:,}")
        if not is_image(path, suffix):
            return "problem", f"the file is not the {suffix[1:].upper()} image its name says"
        return "asset", ""
    kind = f"a {suffix} file" if suffix else "a file without a suffix"
    return "problem", (
        f"{kind} is not published: a category folder holds resources (.md) and their "
        f"images ({', '.join(s[1:].upper() for s in IMAGE_SIGNATURES if s != '.jpeg')})")


def unportable(name: str) -> str:
    """Why a file name cannot travel in the offline copy to every system, or ''."""
    if len(name) > MAX_NAME + 8:  # a resource's name and its suffix; an image's too
        return f"the name has {len(name):,} characters; the limit is {MAX_NAME + 8}: shorten it"
    if name.split(".")[0].lower() in WINDOWS_DEVICES:
        return (f"Windows keeps the name '{name.split('.')[0]}' for a device, so the offline "
                "copy could not be unpacked there: rename the file")
    if WINDOWS_UNSAFE.intersection(name) or name.endswith((".", " ")):
        return ("the name holds a character that Windows refuses (< > : \" \\ | ? * or a "
                "dot or space at its end): rename the file")
    return ""


def case_collisions(tree: ContentTree) -> dict[str, list[str]]:
    """Published files whose paths differ only in case, by their lower-case path: unpacked on
    Windows or macOS, one would replace the other. (Resources that differ only in case are
    duplicate ids: validate/rules.py says so.)"""
    groups: dict[str, list[str]] = {}
    for src_uri in tree.assets:
        groups.setdefault(src_uri.lower(), []).append(src_uri)
    return {key: sorted(paths) for key, paths in groups.items() if len(paths) > 1}


def scan(content_dir: Path, display_root: Path | None = None) -> ContentTree:
    """Every file under content_dir, sorted into what it is (symbolic links never followed)."""
    tree = ContentTree()

    def refuse(src_uri: str, message: str) -> None:
        tree.problems.append(Problem(printable(shown_path(content_dir, src_uri, display_root)),
                                     1, "file", message))

    def visit(folder: str, prefix: str) -> None:
        # os.scandir: a folder entry tells a link, a folder and a file apart without a stat
        # of each file (10,000 files: a quarter of a second less than os.walk and Path).
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
        dirs, files = [], []
        for entry in entries:
            (dirs if entry.is_dir() else files).append(entry)  # as os.walk sorts them
        for entry in dirs:
            if entry.is_symlink():  # never followed: nothing under it counts
                tree.links.append(prefix + entry.name)
                refuse(prefix + entry.name, "a symbolic link is refused: put the files "
                                            "themselves into the content folder")
        for entry in files:
            file(entry, prefix + entry.name)
        for entry in dirs:
            if not entry.is_symlink():
                visit(entry.path, prefix + entry.name + "/")

    def file(entry: os.DirEntry, src_uri: str) -> None:
        if entry.is_symlink():
            tree.links.append(src_uri)
            refuse(src_uri, "a symbolic link is refused: put the file itself into the "
                            "content folder")
            return
        if not entry.is_file(follow_symlinks=False):
            refuse(src_uri, "only plain files are allowed")
            return
        if printable(src_uri) != src_uri:
            refuse(src_uri, "the name holds characters that are not printable UTF-8 text: "
                            "rename the file")
            return
        kind, message = classify(content_dir, src_uri)
        if kind == "problem":
            refuse(src_uri, message)
        elif kind == "resource":
            tree.resources.append(content_dir / src_uri)
        elif kind == "site-page":
            tree.site_pages.append(src_uri)
        elif kind == "asset":
            tree.assets.append(src_uri)

    visit(str(content_dir), "")
    tree.resources.sort()
    for paths in case_collisions(tree).values():
        for src_uri in paths:
            tree.assets.remove(src_uri)
            others = ", ".join(p for p in paths if p != src_uri)
            refuse(src_uri, f"the name differs from {others} only in case: on Windows and "
                            "macOS one file would replace the other; rename one of them")
    return tree


def load_content(content_dir: Path, display_root: Path | None = None,
                 lines: bool = True) -> list[SourceFile]:
    """Every resource file the gate lets through, loaded (see scan for the rest)."""
    return [load_source(content_dir, f, display_root, lines)
            for f in scan(content_dir, display_root).resources]
