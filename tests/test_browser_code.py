"""The browser code's own checks: the search engine's pure functions under Node's test runner
(tests/js/), with the build's folding table and separators and the build's own split of a set
of texts, so that a query is split in the browser as the index was split at build time."""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest
from lunr.token import Token
from virtual_centre.model.text import FOLD_EXTRA
from virtual_centre.outputs.search_index import LUNR_SEPARATORS, SEPARATORS, fold, trim_as_lunr_js

from .conftest import ROOT

TEXTS = ["Łódź cotton-polyester 'blend'", "50\u202f% Baumwolle", "Текстиль – ύφασμα",
         "Recyclage: «textiles» (post-consumer)!",
         "Straße, Ærø & Œuvre", "  EPR/LoW 2025/1892  ", "d.lgs. 116/2020 – art. 205",
         "Zákon o odpadech, § 59", "selektív gyűjtés", "<b>bold</b> [link](x.md)", ""]


def build_split(text: str) -> list[str]:
    """How the build splits a text for the index: folded, split and trimmed as lunr.js
    splits and trims (the words it indexes; an empty one is no word)."""
    words = [str(trim_as_lunr_js(Token(t, {}))) for t in LUNR_SEPARATORS.split(fold(text))]
    return [w for w in words if w]


def random_texts(n: int) -> list[str]:
    """Texts of letters from several scripts, accents, digits and punctuation."""
    rng = random.Random(7)
    alphabet = ("abcxyzÀÉÎÕÜçñłŁßæœøđıþðąęśźżčřšžůőűáαβжш0123456789 -–—'\".,;:!?()[]{}<>/\\|"
                "@#&*+=~`^%$\u00a0\u2009\u202f\u3000\t")
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def test_the_search_engines_pure_functions(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make install` installs it")
    fixture = {"fold": FOLD_EXTRA, "separators": SEPARATORS.pattern,
               "splits": [[t, build_split(t)] for t in TEXTS + random_texts(300)]}
    (tmp_path / "fixture.json").write_text(json.dumps(fixture), encoding="utf-8")
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin",
                                         "VC_SEARCH_FIXTURE": str(tmp_path / "fixture.json")})
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 10" in run.stdout
