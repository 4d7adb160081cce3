"""The search payload as the scripts the browser loads, under assets/vc/search/ (split()), as
a query needs them: a manifest (index.js), the postings of the terms that begin with two letters
(t-*.js, parts of a group too large for one), the words of each group for typo correction
(v-*.js), the result cards in chunks of DOC_CHUNK documents (d-*.js), the same cards in bundles
of CARD_BUNDLE chunks for loading them all ahead (c-*.js, small catalogues only) and the
documents of each filter value (facets.js). Scripts, not JSON: browsers load <script> from
file:// but refuse to fetch local JSON, and the site must work opened from disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEARCH_DIR = "assets/vc/search"
MANIFEST = f"{SEARCH_DIR}/index.js"
DOC_CHUNK = 50  # result cards per file: the first page of results loads a few of them
SHARD_BYTES = 60_000  # a group of terms above this is split into parts (raw JSON)
# Result cards up to this size (raw JSON; about a quarter gzip) are all loaded in the background
# after the first results, so that later queries wait for none: about 15,000 resources.
PREFETCH_CARD_BYTES = 4_000_000
# Chunks per file when every card is loaded ahead: a file loaded from disk costs the page a few
# milliseconds whatever its size, so two hundred chunks one by one keep it busy for a second
# (keys typed meanwhile wait), sixteen at a time for a tenth of it.
CARD_BUNDLE = 16

SEPARATORS_JSON = (",", ":")
RUN = 500  # items of a long list dumped at a time


def _json_pieces(value: Any) -> Iterator[str]:
    """json.dumps(value) with compact separators, in pieces: long lists are dumped a run of
    items at a time, so the whole text is never held twice."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + json.dumps(str(key), ensure_ascii=False) + ":"
            yield from _json_pieces(item)
        yield "}"
    elif isinstance(value, list) and len(value) > RUN:
        yield "["
        for start in range(0, len(value), RUN):
            run = json.dumps(value[start:start + RUN], ensure_ascii=False,
                             allow_nan=False, separators=SEPARATORS_JSON)
            yield ("," if start else "") + run[1:-1]
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=False, allow_nan=False,
                         separators=SEPARATORS_JSON)


def script_pieces(payload: Any, name: str | None = None) -> Iterator[str]:
    """The payload as a script: JSON in a string literal (browsers parse JSON.parse of a
    string faster than an object literal of the same size); '<' is escaped so no text can
    close the script element. Escaping is per character, so each piece is escaped alone.
    With a name, the script hands the data to the search's loader (VC_SEARCH_LOAD)."""
    yield (f'VC_SEARCH_LOAD("{name}",JSON.parse("' if name is not None
           else 'window.VC_SEARCH=JSON.parse("')
    for piece in _json_pieces(payload):
        literal = json.dumps(piece, ensure_ascii=False)[1:-1]
        yield literal.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace(
            "\u2029", "\\u2029")
    yield '"));\n' if name is not None else '");\n'


def to_script(payload: Any, name: str | None = None) -> str:
    return "".join(script_pieces(payload, name))


def write_whole(path: Path, pieces: Iterator[str]) -> None:
    """Whole or not at all: `mkdocs serve` rewrites the search while it serves the site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.writelines(pieces)
    partial.replace(path)


def write_script(payload: dict[str, Any], path: Path) -> None:
    """to_script(payload) written to path, a piece at a time."""
    write_whole(path, script_pieces(payload))


# -- the payload as the browser loads it: a file per need ---------------------------------------

def group_of(term: str) -> str:
    """The group of a term: its first two letters."""
    return term[:2]


def file_key(group: str) -> str:
    """A group as part of a file name: its letters' UTF-8 in hex (any script, any sign)."""
    return group.encode("utf-8").hex()


def split(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as files (name without .js -> data): the manifest `index`, term shards,
    vocabularies, document chunks and the facets."""
    index = payload["index"]
    files: dict[str, Any] = {}
    shards: list[list[Any]] = []  # [group, first term, file] in term order
    groups: dict[str, list[list[Any]]] = {}
    for entry in index["terms"]:
        if entry[0]:  # not punctuation alone, trimmed to nothing (lunr.js looks it up never)
            groups.setdefault(group_of(entry[0]), []).append(entry)
    for group, entries in groups.items():
        part, size, n = [], 0, 0
        for entry in entries:
            length = len(json.dumps(entry, separators=SEPARATORS_JSON))
            if part and size + length > SHARD_BYTES:
                name = f"t-{file_key(group)}-{n}"
                files[name], n, part, size = part, n + 1, [], 0
                shards.append([group, files[name][0][0], name])
            part.append(entry)
            size += length
        name = f"t-{file_key(group)}-{n}"
        files[name] = part
        shards.append([group, part[0][0], name])
        files[f"v-{file_key(group)}"] = [[e[0], index["words"][e[0]]] for e in entries]
    docs = payload["docs"]
    card_bytes = 0
    for start in range(0, len(docs), DOC_CHUNK):
        cards = [[d[0], d[1], d[2], d[3], d[4], 1 if len(d) > 6 else 0]
                 for d in docs[start:start + DOC_CHUNK]]
        files[f"d-{start // DOC_CHUNK}"] = cards
        card_bytes += len(json.dumps(cards, separators=SEPARATORS_JSON, ensure_ascii=False))
    prefetch_cards = card_bytes <= PREFETCH_CARD_BYTES
    if prefetch_cards:
        files.update(card_bundles([name for name in files if name.startswith("d-")], files))
    files["facets"] = facet_postings(payload)
    files.update(payload["concept_files"])
    files["index"] = {
        "version": index["version"], "fields": index["fields"], "pipeline": index["pipeline"],
        "docs": len(docs), "chunk": DOC_CHUNK, "shards": shards,
        "prefetch_cards": prefetch_cards, "bundle": CARD_BUNDLE,
        "facets": [{"key": f["key"], "label": f["label"]} for f in payload["facets"]],
        "categories": payload["categories"], "fold": payload["fold"],
        "separators": payload["separators"],
        "thesaurus": payload["thesaurus"],
        "hidden": payload["hidden"], "stemmers": payload["stemmers"]}
    return files


def card_bundles(chunks: list[str], files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card chunks again, CARD_BUNDLE to a file (c-<n>: chunk name -> cards), for loading
    them all ahead."""
    return {f"c-{n}": {name: files[name] for name in chunks[start:start + CARD_BUNDLE]}
            for n, start in enumerate(range(0, len(chunks), CARD_BUNDLE))}


def facet_postings(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Each filter's values, each with its documents as gaps between ascending refs."""
    out = []
    for fi, facet in enumerate(payload["facets"]):
        refs: list[list[int]] = [[] for _ in facet["values"]]
        for ref, doc in enumerate(payload["docs"]):
            for position in doc[5][fi]:
                refs[position].append(ref)
        out.append({"key": facet["key"], "values": facet["values"],
                    "refs": [[r[0]] + [b - a for a, b in zip(r, r[1:], strict=False)]
                             if r else [] for r in refs]})
    return out


def read_script(text: str) -> tuple[str, Any]:
    """(name, data) of one of the search's scripts (the inverse of to_script with a name)."""
    name = text[len('VC_SEARCH_LOAD("'):text.index('"', len('VC_SEARCH_LOAD("'))]
    return name, json.loads(json.loads(text[text.index("JSON.parse(") + 11:text.rindex("))")]))


def read_docs(site_dir: Path) -> list[list[Any]]:
    """The result cards of a built site's search, in ref order (tests read them)."""
    folder = site_dir / SEARCH_DIR
    manifest = read_script((folder / "index.js").read_text(encoding="utf-8"))[1]
    docs: list[list[Any]] = []
    for chunk in range(-(-manifest["docs"] // manifest["chunk"])):
        docs += read_script((folder / f"d-{chunk}.js").read_text(encoding="utf-8"))[1]
    return docs


def write_search(payload: dict[str, Any], site_dir: Path) -> list[str]:
    """The payload's files written under site_dir/SEARCH_DIR, each whole, the manifest last
    (a page never reads a manifest whose files are not there yet); files of an earlier build
    that this one has not written are removed. Returns the paths written."""
    folder = site_dir / SEARCH_DIR
    files = split(payload)
    manifest = files.pop("index")
    written = []
    for name, data in files.items():
        write_whole(folder / f"{name}.js", script_pieces(data, name))
        written.append(f"{SEARCH_DIR}/{name}.js")
    write_whole(folder / "index.js", script_pieces(manifest, "index"))
    written.append(MANIFEST)
    keep = {Path(p).name for p in written}
    for stale in folder.iterdir():
        if stale.name not in keep and stale.suffix == ".js":
            stale.unlink(missing_ok=True)
    return written
