"""A new category is a schema and an entry in model/categories.py, nothing else: in a project of
its own (a second interpreter, as a project that adds one runs), a category "events" gets its
pages, its list, its place in the search, its feeds, the issue form, the spreadsheet template and
its JSON-LD."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import CONTENT, ROOT

PROJECT = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    from virtual_centre.model.categories import CATEGORIES, Category
    from virtual_centre.model import schemas

    # The two registrations a new category needs.
    CATEGORIES["events"] = Category(
        "events", "Events", "Event", "Fairs and conferences on textile recycling.",
        schema_type="Event", origin_links=(("source_url", "Event page"),))
    schemas.documents()["events.schema.json"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Event",
        "description": "A fair or conference.", "type": "object",
        "$ref": "common.schema.json", "required": ["source_url"],
        "properties": {"source_url": {"$ref": "common.schema.json#/$defs/url",
                                      "description": "The event's page."}},
        "unevaluatedProperties": False}

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from virtual_centre.automation.issueforms import write_forms
    from virtual_centre.cli.sheets import write_template

    content, out = Path(sys.argv[1]), Path(sys.argv[2])
    config = load_config(config_file=sys.argv[3], docs_dir=str(content),
                         site_dir=str(out / "site"), strict=True)
    config.plugins["virtual-centre"].config.completion = "in-process"
    config.plugins["virtual-centre"].config.offline_zip = False
    build(config)
    write_forms(out / "forms")
    write_template("events", out / "events.xlsx")
''')

EVENT = """---
title: Textile Recycling Expo
summary: A fair of textile recycling, invented for this test.
date: 2026-10-01
language: en
source_url: https://example.org/expo
---
Recyclers meet sorters.
"""


def test_a_category_with_only_a_schema_and_a_registry_entry_has_everything(tmp_path: Path):
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    for page in ("index.md", "about.md"):
        (content / page).write_text((CONTENT / page).read_text(encoding="utf-8"),
                                    encoding="utf-8")
    (content / "events" / "expo.md").write_text(EVENT, encoding="utf-8")
    (tmp_path / "project.py").write_text(PROJECT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(tmp_path / "project.py"), str(content),
                          str(tmp_path / "out"), str(ROOT / "mkdocs.yml")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    site = tmp_path / "out" / "site"
    page = (site / "events" / "expo.html").read_text(encoding="utf-8")
    assert "Recyclers meet sorters." in page and "https://example.org/expo" in page
    ld = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    assert ld["@type"] == "Event" and ld["name"] == "Textile Recycling Expo"
    assert "events/expo.html" in (site / "events" / "index.html").read_text(encoding="utf-8")
    assert (site / "feeds" / "events.rss.xml").exists()
    search = "".join(p.read_text(encoding="utf-8")
                     for p in (site / "assets" / "vc" / "search").glob("*.js"))
    assert "events/expo" in search
    form = (tmp_path / "out" / "forms" / "propose-resource.yml").read_text(encoding="utf-8")
    assert "events" in form
    assert (tmp_path / "out" / "events.xlsx").stat().st_size > 0
