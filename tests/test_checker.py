"""The checker, as the build's second process runs it: the same problems as validate(), the
same payload as the catalogue built in process."""

from __future__ import annotations

import shutil

from benchmarks.synthetic import generate
from generator.catalogue.resources import Catalogue
from generator.model.content import load_content
from generator.outputs import search
from generator.validate.checker import check_and_index
from generator.validate.rules import validate

from .conftest import CONTENT


def test_the_checker_finds_every_problem_validate_finds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    text = offer.read_text(encoding="utf-8")
    broken = {  # a schema error, a dangling reference, a place that cannot be found
        "offers/one.md": text.replace("status: open", "status: maybe"),
        "offers/two.md": text.replace("organisation: ", "organisation: organisations/nobody-"),
        "offers/three.md": text.replace("city: Gallarate", "city: Gallaratte"),
        "offers/Four.md": text,  # not a slug
    }
    for path, body in broken.items():
        (content / path).write_text(body, encoding="utf-8")
    payload = tmp_path / "payload.js"
    problems, catalogue = check_and_index(content, tmp_path, payload)
    assert catalogue is None
    assert problems == validate(load_content(content, display_root=tmp_path))
    fields = {p.field for p in problems}
    assert {"status", "organisation", "location.city", "front matter"} <= fields, problems
    assert not payload.exists()


def test_the_checkers_payload_is_the_one_the_catalogue_makes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    generate(content, 300)
    draft = content / "technologies" / "fibersort.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
                     encoding="utf-8")
    payload = tmp_path / "assets" / "payload.js"
    problems, checked = check_and_index(content, tmp_path, payload)
    assert problems == []
    catalogue = Catalogue.from_sources(load_content(content))
    assert "technologies/fibersort" not in catalogue.by_id
    assert checked is not None and list(checked.by_id) == list(catalogue.by_id)
    expected = search.to_script(search.build(catalogue))
    assert payload.read_text(encoding="utf-8") == expected
