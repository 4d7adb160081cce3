"""Valid and accessible output: the Nu HTML Checker (vnu-jar) and axe-core (WCAG 2.1 AA),
both installed by npm, on a page of every kind."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.browser

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RESOURCE_PAGES = ["pilot-cases/life-m3p", "technologies/fibersort",
                  "legislation/waste-framework-directive", "training/tamk-textile-recycling",
                  "research/nir-textile-recognition", "newsletters/stfi-2024-4",
                  "working-groups/enter-interregional-advisory-board", "organisations/stfi",
                  "offers/gallarate-cotton-cuttings", "demands/liberec-cotton-recycling"]
PAGES = ["index", "technologies/index", "offers/index", "organisations/index", "search",
         "legislation/index", "contribute", "alerts",
         "directory", "statistics", "reference", "whats-new", "browse/materials/cotton",
         *RESOURCE_PAGES]


def test_the_nu_html_checker_finds_no_error(site):
    java = shutil.which("java")
    assert java, "`make test` installs Java for the Nu HTML Checker"
    files = [str(site / f"{p}.html") for p in PAGES]
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == []


@pytest.mark.parametrize("path", [f"{p}.html" for p in PAGES] + ["search.html#q=cotton"])
def test_axe_finds_no_serious_or_critical_violation(visit, path):
    page = visit.go(path)
    page.wait_for_load_state("load")
    if path.startswith(("search", "directory")):
        page.wait_for_selector("[data-ready=true]")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_the_sites_colours_come_from_its_stylesheet(visit):
    """No palette is configured: the teal of the header and of links, and the accent, are the
    stylesheet's (generator/assets/virtual-centre.css), not Material's indigo."""
    page = visit.go("about.html")
    page.wait_for_load_state("load")
    colours = page.evaluate("""() => ({
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        link: getComputedStyle(document.querySelector(
            'article a:not(.headerlink):not(.md-content__button)')).color,
        accent: getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim(),
    })""")
    assert colours == {"header": "rgb(0, 105, 92)", "link": "rgb(0, 105, 92)",
                       "accent": "#b33c00"}
