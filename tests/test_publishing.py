"""Publishing: the published schemas, "Edit this page", the offline zip's contents."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from virtual_centre.validate.gate import load_content

from .conftest import CONTENT, build_site, main_html


@pytest.fixture(scope="module")
def site(tmp_path_factory, monkeypatch_module) -> Path:
    monkeypatch_module.setenv("REPO_URL", "https://github.com/example-org/virtual-centre")
    return build_site(CONTENT, tmp_path_factory.mktemp("pub") / "site")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_published_schemas_are_valid_and_accept_every_content_file(site):
    published = {p.name: json.loads(p.read_text()) for p in (site / "schemas").glob("*.json")}
    for doc in published.values():
        Draft202012Validator.check_schema(doc)
    # Only what is published: the schemas must be complete on their own.
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT202012))
        for name, doc in published.items())
    sources = load_content(CONTENT)
    assert len(sources) > 50
    assert any(s.original for s in sources)
    for source in sources:  # a translation: by the translation's schema
        schema = published["translation.schema.json" if source.original
                           else f"{source.category}.schema.json"]
        validator = Draft202012Validator(schema, registry=registry,
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = [e.message for e in validator.iter_errors(source.meta)]
        assert errors == [], source.path


def test_edit_this_page_opens_the_source_file(site):
    html = (site / "technologies" / "fibersort.html").read_text()
    assert ('href="https://github.com/example-org/virtual-centre/edit/main/content/'
            'technologies/fibersort.md"') in html
    generated = (site / "technologies" / "index.html").read_text()
    assert "/edit/main/" not in generated  # a generated page has no source to edit


def test_the_offline_zip_holds_the_whole_site(site):
    with zipfile.ZipFile(site / "download" / "virtual-centre-offline.zip") as z:
        names = set(z.namelist())
    built = {f"virtual-centre/{p.relative_to(site).as_posix()}" for p in site.rglob("*")
             if p.is_file() and p.name != "virtual-centre-offline.zip"}
    assert names == built
    assert 'href="download/virtual-centre-offline.zip"' in main_html(site / "index.html")


def test_the_offline_zip_is_reproducible(tmp_path):
    from virtual_centre.outputs.offline import write_zip
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text("x")
    (tmp_path / "y.css").write_text("y")
    first = write_zip(tmp_path, 1764115200).read_bytes()
    second = write_zip(tmp_path, 1764115200).read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as made:
        assert {i.date_time for i in made.infolist()} == {(2025, 11, 26, 0, 0, 0)}


def test_the_sites_own_pages_keep_their_settings(site):
    """Their settings are set aside while other pages render the navigation (plugin.py):
    each page still gets its own title, hidden navigation and exclusion from Material's
    search."""
    def navigation_hidden(page: str) -> bool:
        html = (site / page).read_text(encoding="utf-8")
        sidebar = html[html.index('<div class="md-sidebar md-sidebar--primary"'):]
        return sidebar[: sidebar.index(">")].endswith(" hidden")

    assert all(navigation_hidden(p) for p in ("search.html", "directory.html", "reference.html"))
    assert not any(navigation_hidden(p) for p in ("about.html", "offers/index.html"))
    assert "<title>What&#39;s new - " in (site / "whats-new.html").read_text(encoding="utf-8")
    assert "<title>cotton - " in (site / "browse/materials/cotton.html").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"index.html", "about.html", "search.html"} <= pages
    lists = {"offers/index.html", "whats-new.html", "reference.html",
             "browse/materials/cotton.html", "browse/countries/index.html"}
    assert not pages & lists
    assert not any(p.startswith(("offers/", "technologies/", "organisations/")) for p in pages)
