"""Loading content files: front matter with the line of every field, and the body.

YAML is read with a safe loader that keeps dates as text (the schema checks them, so an
impossible date is a problem, not a traceback) and knows only true/false as booleans (YAML 1.1
reads the country code NO as false). Duplicate keys, alias bombs and deep nesting are refused.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .categories import CATEGORIES
from .paths import MAX_NAME, RESOURCE_SUFFIX, shown_path
from .problems import Problem
from .text import invisible, slugify

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 5_000
MAX_DEPTH = 12
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A translation beside its original: <original's name>.<ISO 639-1 code>.md (fibersort.de.md).
TRANSLATION_RE = re.compile(r"^(?P<stem>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})$")
# Characters no text of the site holds: C0 and C1 controls (tabs and newlines aside), and the
# invisible direction overrides that can make text read otherwise than it is.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The largest whole number every reader of our JSON (JavaScript's numbers) holds exactly.
MAX_EXACT_INT = 2**53 - 1

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader without timestamps and with YAML 1.2 booleans."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FrontMatterLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
FieldPath = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One Markdown file of a category folder, as read from disk."""

    id: str
    """The path under the content folder without .md, e.g. technologies/fibersort."""
    category: str
    """The folder, one of CATEGORIES."""
    path: str
    """As shown in problems, e.g. content/technologies/fibersort.md."""
    src_uri: str
    """Relative to the content folder, e.g. technologies/fibersort.md."""
    meta: dict[str, Any] | None = None
    """The front matter; None when it could not be read."""
    lines: dict[FieldPath, int] = field(default_factory=dict)
    """The line of every field (not kept where nobody reports problems)."""
    body: str = ""
    """The Markdown after the front matter."""
    body_line: int = 1
    """The line the body starts on."""
    problems: list[Problem] = field(default_factory=list)
    """What reading and checking this one file found."""
    original: str = ""
    """A translation's original (its id): fibersort.de.md translates technologies/fibersort."""
    lang: str = ""
    """A translation's language, from its file name."""

    def line_of(self, path: FieldPath) -> int:
        """The line of a field, or of its nearest enclosing field, or of the front matter."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def problem(self, path: FieldPath, message: str, line: int | None = None) -> None:
        name = format_field(path) if path else "front matter"
        self.problems.append(Problem(self.path, line or self.line_of(path), name, message))


def format_field(path: FieldPath) -> str:
    """('accepts', 'materials', 2) -> 'accepts.materials[2]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if part and part.strip() == part and "\n" not in part else repr(part)
        out += f".{name}" if out else name
    return out


def resource_id(src_uri: str) -> tuple[str, str] | None:
    """The (category, id) of a resource file, or None for the site's own pages."""
    parts = src_uri.split("/")
    if len(parts) < 2 or parts[0] not in CATEGORIES or not src_uri.endswith(RESOURCE_SUFFIX):
        return None
    stem = src_uri[: -len(RESOURCE_SUFFIX)]
    if parts[-1] == "index" + RESOURCE_SUFFIX and len(parts) == 2:
        return None  # the category index is generated (the gate refuses such a file)
    return parts[0], stem


def is_translation(src_uri: str) -> bool:
    """Whether a content file translates another (technologies/fibersort.de.md)."""
    return bool(TRANSLATION_RE.match(src_uri.rsplit("/", 1)[-1].removesuffix(".md")))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


class _Walker:
    """Builds plain data from a composed YAML node, recording each field's line."""

    def __init__(self, source: SourceFile, loader: FrontMatterLoader, first_line: int,
                 lines: bool = True):
        self.source = source
        self.loader = loader
        self.first_line = first_line
        # Without lines the same data is built, faster and smaller (the build's own copy of
        # the content: its problems are reported by the second process, which records them).
        self.lines: dict[FieldPath, int] | None = source.lines if lines else None
        self.nodes = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooComplex(f"more than {MAX_NODES} values (aliases expanding?)")
        if len(path) > MAX_DEPTH:
            raise _TooComplex(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in PLAIN_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag} is not allowed", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.source.problem(path, "a key must be plain text", self.line(key_node))
                    continue
                key = str(key_node.value)
                if CONTROL_RE.search(key):
                    self.source.problem(path, f"the key {key!r} holds a control character",
                                        self.line(key_node))
                    continue
                if key in out:
                    self.source.problem(
                        (*path, key), "duplicate key: it is given twice", self.line(key_node)
                    )
                    continue
                if self.lines is not None:
                    self.lines[(*path, key)] = self.line(key_node)
                out[key] = self.build(value_node, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                if self.lines is not None:
                    self.lines[(*path, i)] = self.line(item)
                items.append(self.build(item, (*path, i)))
            return items
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        """A value, refused (as a problem) where no page, feed or JSON file could hold it."""
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, float) and not math.isfinite(value):
            self.source.problem(path, f"must be a finite number, not {node.value}",
                                self.line(node))
        elif isinstance(value, str) and (found := CONTROL_RE.search(value)):
            self.source.problem(path, f"holds a control character ({found.group()!r}) "
                                      "that no page can show: remove it", self.line(node))
        elif isinstance(value, str) and (mark := invisible(value)):
            self.source.problem(path, f"holds an invisible character (U+{ord(mark):04X} "
                                      f"{unicodedata.name(mark, 'FORMAT CHARACTER')}) that "
                                      "makes the text read otherwise than it is: remove it",
                                self.line(node))
        elif isinstance(value, int) and abs(value) > MAX_EXACT_INT:
            self.source.problem(path, f"is too large: at most {MAX_EXACT_INT:,}",
                                self.line(node))
        return value


class _TooComplex(Exception):
    pass


def parse_front_matter(source: SourceFile, text: str, first_line: int,
                       lines: bool = True) -> None:
    """Fill source.meta and source.lines (unless lines is False) from front matter text, or
    add problems."""
    try:
        loader = FrontMatterLoader(text)
    except yaml.YAMLError as exc:  # characters YAML does not allow
        source.problem((), f"YAML error: {exc}".replace("\n", " "), first_line)
        return
    try:
        node = loader.get_single_node()
        if node is None:
            source.problem((), "the front matter is empty", first_line - 1)
            return
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            source.problem(
                (), f"the front matter must be fields (key: value), not {kind}", first_line
            )
            return
        source.meta = _Walker(source, loader, first_line, lines).build(node, ())
    except _TooComplex as exc:
        source.problem((), f"front matter refused: {exc}", first_line)
        source.meta = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        source.problem((), f"YAML syntax error: {reason}", line)
        source.meta = None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        source.problem((), f"YAML error: {exc}", first_line)
        source.meta = None
    finally:
        loader.dispose()


def parse_yaml(text: str, what: str) -> Any:
    """A YAML value from outside a file (an issue form's answer), read with the limits and
    rules of front matter; a ValueError says, in one line, what is wrong."""
    source = SourceFile(id="", category="", path=what, src_uri="")
    try:
        loader = FrontMatterLoader(text)
        try:
            node = loader.get_single_node()
            value = None if node is None else _Walker(source, loader, 1, False).build(node, ())
        finally:
            loader.dispose()
    except _TooComplex as exc:
        raise ValueError(f"{what}: refused: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        raise ValueError(f"{what}: not valid YAML: {reason}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ValueError(f"{what}: not valid YAML: {exc}".replace("\n", " ")) from None
    if source.problems:
        problem = source.problems[0]
        raise ValueError(f"{what}: {problem.field}: {problem.message}")
    return value


def normalise_ref(value: str, target: str) -> str:
    """A reference as a full id: a bare slug belongs to the field's category."""
    return value if "/" in value or target == "*" else f"{target}/{value}"


def load_source(content_dir: Path, file: Path, display_root: Path | None = None,
                lines: bool = True) -> SourceFile:
    """Read one resource file; problems of reading and parsing are kept on the result (with
    the line of every field unless lines is False)."""
    src_uri = file.relative_to(content_dir).as_posix()
    return read_source(src_uri, file.read_bytes(),
                       shown_path(content_dir, src_uri, display_root), lines)


def read_source(src_uri: str, raw: bytes, path: str, lines: bool = True) -> SourceFile:
    """A resource file's bytes as check reads them, wherever they come from (the disk, or a
    file that an import or an issue form is about to write): `path` names it in problems."""
    category, rid = resource_id(src_uri) or ("", src_uri)
    source = SourceFile(id=rid, category=category, src_uri=src_uri, path=path)
    parts = src_uri.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if len(parts) == 2 and (translated := TRANSLATION_RE.match(stem)):
        stem, source.lang = translated["stem"], translated["lang"]
        source.original = f"{category}/{stem}"
    if len(parts) != 2:
        source.problem((), f"put resource files directly in {parts[0]}/, not in a sub-folder")
    elif len(stem) > MAX_NAME:
        source.problem((), f"the file name has {len(stem):,} characters; the limit is "
                           f"{MAX_NAME}: shorten it")
    elif not SLUG_RE.match(stem):
        suggestion = slugify(stem) or "name"
        source.problem(
            (),
            "a file name may hold only lowercase letters, digits and hyphens: "
            f"rename it to {suggestion}.md",
        )
    if len(raw) > MAX_FILE_BYTES:
        source.problem((), f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.problem((), f"the file is not UTF-8 text (byte {exc.start})", line)
        return source
    front, body, body_line = split_front_matter(normalise_text(text))
    source.body, source.body_line = body, body_line
    if front is None:
        source.problem((), "the file has no front matter: start it with a line '---'")
        return source
    parse_front_matter(source, front, first_line=2, lines=lines)
    return source


# LibYAML's emitter where PyYAML has it (ten times faster than the pure-Python one).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def file_text(meta: dict[str, Any], body: str) -> str:
    """The text of a content file that we write (import, issue forms, the scaffolder's
    callers): the one writer, whose output read_source reads back to the same values."""
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n{body}" if body.startswith("\n") else f"---\n{front}---\n\n{body}"


def normalise_text(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def body_of(file: Path) -> str:
    """The Markdown body of a file that loaded without problems, as load_source reads it."""
    return split_front_matter(normalise_text(file.read_bytes().decode("utf-8")))[1]
