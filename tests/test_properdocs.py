"""The site builds the same with ProperDocs 1.6 (the maintained fork of MkDocs 1.x)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from .conftest import CONTENT, LANGUAGES, ROOT, build_site

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(tmp_path):
    mkdocs_site = build_site(CONTENT, tmp_path / "mkdocs", languages=LANGUAGES)
    # In its own process: ProperDocs redirects every `mkdocs` import to itself.
    subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q",
                    "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "properdocs")],
                   check=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    proper_site = tmp_path / "properdocs"
    ours = {p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(proper_site) for p in proper_site.rglob("*") if p.is_file()}
    assert ours == theirs
    differing = []
    for rel in sorted(ours):
        if rel.suffix in (".zip", ".gz"):  # archives of the pages compared here
            continue
        a, b = (mkdocs_site / rel).read_bytes(), (proper_site / rel).read_bytes()
        if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            differing.append(str(rel))
    assert differing == []

