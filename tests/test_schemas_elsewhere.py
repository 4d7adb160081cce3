"""The published JSON Schemas as other tools use them: check-jsonschema resolves them from any
folder and from their published URL, and agrees with `virtual-centre check` on every rule a
JSON Schema can express (valid files and files broken one rule at a time, compared)."""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from virtual_centre.model import schemas
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.model.content import SourceFile
from virtual_centre.validate.gate import load_content
from virtual_centre.validate.schema import schema_problems

from .conftest import CONTENT, ROOT

SCHEMAS = ROOT / "generator" / "model" / "schemas"
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
# check-jsonschema's lines: "  /path/x.json::$.quantity.amount: 5 is not of type 'string'"
ERROR_LINE = re.compile(r"^\s+(?P<file>\S+\.json)::\$(?P<path>\S*): ", re.M)


def check_jsonschema(schema: str, instances: list[Path], cwd: Path) -> tuple[int, str]:
    done = subprocess.run([CHECK_JSONSCHEMA, "--no-cache", "--schemafile", schema,
                           *map(str, instances)], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    return done.returncode, done.stdout + done.stderr


def write_instance(folder: Path, name: str, meta: dict[str, Any]) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sources() -> list[SourceFile]:
    return [s for s in load_content(CONTENT) if s.meta is not None]


def one_of(sources: list[SourceFile], category: str) -> SourceFile:
    return next(s for s in sources if s.category == category)


@pytest.mark.parametrize("where", ["repository root", "another folder"])
def test_a_schema_file_resolves_its_references_from_any_folder(tmp_path, sources, where):
    cwd = ROOT if where == "repository root" else tmp_path
    offer = one_of(sources, "offers")
    good = write_instance(tmp_path, "good", offer.meta)
    bad = write_instance(tmp_path, "bad", {**offer.meta, "form": "sofa"})
    schema = str(SCHEMAS / "offers.schema.json")
    assert check_jsonschema(schema, [good], cwd) == (0, "ok -- validation done\n")
    code, out = check_jsonschema(schema, [bad], cwd)
    assert code == 1 and "$.form" in out and "Unresolvable" not in out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[str]:
    """The schemas as the site publishes them, served under a sub-path."""
    from .conftest import build_site

    site = build_site(CONTENT, tmp_path_factory.mktemp("schemas-site") / "site")
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site / "schemas", root / "virtual-centre" / "schemas")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/virtual-centre/schemas/"
    server.shutdown()


def test_a_published_schema_resolves_its_references_from_its_url(tmp_path, sources,
                                                                  published):
    demand = one_of(sources, "demands")
    good = write_instance(tmp_path, "good", demand.meta)
    bad = write_instance(tmp_path, "bad", {**demand.meta, "language": "klingon"})
    schema = published + "demands.schema.json"
    assert check_jsonschema(schema, [good], tmp_path)[0] == 0
    code, out = check_jsonschema(schema, [bad], tmp_path)
    assert code == 1 and "$.language" in out


def broken_versions(meta: dict[str, Any], category: str) -> dict[str, tuple[str, dict]]:
    """One rule broken at a time, each a rule a JSON Schema expresses: name -> (the field
    that breaks it, the front matter)."""
    fields = schemas.fields(category)
    out: dict[str, tuple[str, dict]] = {}

    def broken(name: str, field: str, change: Any) -> None:
        changed = copy.deepcopy(meta)
        change(changed)
        out[name] = (field, changed)

    required = [f for f in schemas.required(category) if f in meta]
    broken("missing-required", required[-1], lambda m: m.pop(required[-1]))
    broken("unknown-field", "colour_of_the_sky", lambda m: m.update(colour_of_the_sky="blue"))
    broken("wrong-type", "title", lambda m: m.update(title=5))
    broken("bad-date", "date", lambda m: m.update(date="2026-1-5"))
    broken("bad-language", "language", lambda m: m.update(language="xx"))
    broken("too-long", "summary", lambda m: m.update(summary="x" * 5000))
    enums = [f for f, s in fields.items() if "enum" in s and f in meta and f != "language"]
    if enums:
        broken("not-in-list", enums[0], lambda m: m.update({enums[0]: "none-of-these"}))
    urls = [f for f, s in fields.items() if s.get("format") == "uri" and f in meta]
    if urls:
        broken("not-a-url", urls[0], lambda m: m.update({urls[0]: "ftp://x"}))
    return out


def flagged_by_us(source: SourceFile, meta: dict[str, Any]) -> set[str]:
    """The top-level fields our validator's schema rules name."""
    tried = SourceFile(source.id, source.category, source.path, source.src_uri, meta)
    return {p.field.split(".")[0].split("[")[0] for p in schema_problems(tried)}


def flagged_by_check_jsonschema(output: str, file: Path) -> set[str]:
    found = set()
    for m in ERROR_LINE.finditer(output):
        if Path(m.group("file")).name == file.name:
            path = m.group("path").lstrip(".")
            found.add(re.split(r"[.\[]", path)[0] if path else "")
    return found


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_check_jsonschema_and_virtual_centre_check_agree(tmp_path, sources, category):
    originals = [s for s in sources if s.category == category and not s.original][:3]
    assert originals, category
    cases: dict[str, tuple[SourceFile, str | None, dict]] = {}
    for n, source in enumerate(originals):
        cases[f"valid-{n}"] = (source, None, source.meta)
    for name, (field, meta) in broken_versions(originals[0].meta, category).items():
        cases[name] = (originals[0], field, meta)
    files = {name: write_instance(tmp_path, name, meta) for name, (_, _, meta) in cases.items()}
    _, output = check_jsonschema(str(SCHEMAS / schemas.schema_file(category)),
                                 list(files.values()), ROOT)
    for name, (source, field, meta) in cases.items():
        ours = flagged_by_us(source, meta)
        theirs = flagged_by_check_jsonschema(output, files[name])
        if field is None:
            assert ours == theirs == set(), (category, name, ours, theirs)
        else:
            assert field in ours, (category, name, ours)
            # check-jsonschema names the field, or the object that lacks it ($ itself)
            assert field in theirs or (name in ("missing-required", "unknown-field")
                                       and "" in theirs), (category, name, theirs)
