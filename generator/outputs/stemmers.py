"""Each language's words reduced to their stems by the language's own Snowball rules, so that an
inflected form finds the others ('Textilabfällen' finds 'Textilabfall', 'odpadów' 'odpady').

English keeps lunr.js's Porter stemmer (outputs/search.py), whose scores the tests compare with
lunr.js itself. The other languages of the partner regions use Snowball 3.1.1: the
`snowballstemmer` package here, and in the browser the same release compiled to WebAssembly
(the npm package `multilingual-stemmer`, written into one classic script by stemmer_script():
a page opened from disk loads scripts, not modules or .wasm files). Both sides stem the word as
written (with its accents: Polish and Hungarian endings have them), then fold the stem, as the
index holds every word folded.
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path

import snowballstemmer

from ..model.text import fold

# The languages with a Snowball stemmer, by code: the name of their algorithm (in the browser,
# the same name capitalised is the package's `Languages` key).
SNOWBALL = {"de": "german", "it": "italian", "hu": "hungarian", "pl": "polish", "cs": "czech"}
# A word's leading and trailing characters that are neither letters nor digits, in any script
# (the browser: /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/u).
EDGES = re.compile(r"^[\W_]+|[\W_]+$")
STEMMER_SCRIPT = "assets/vc/stem.js"
PACKAGE = "multilingual-stemmer"


@cache
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(SNOWBALL[lang])


def stem(lang: str, word: str) -> str:
    """A lower-case word's stem in a language with a stemmer (SNOWBALL), not folded."""
    return _stemmer(lang).stemWord(EDGES.sub("", word))


def folded_stem(lang: str, word: str) -> str:
    """The term of a word of a text in `lang`: its stem, folded."""
    return fold(stem(lang, word))


def stemmed_languages(languages: set[str]) -> dict[str, str]:
    """Of these languages, those with a stemmer -> the browser's name of its algorithm."""
    return {code: SNOWBALL[code].capitalize() for code in sorted(languages) if code in SNOWBALL}


class MissingStemmer(Exception):
    pass


@cache
def stemmer_script(root: Path, node_modules: str) -> str:
    """The browser's stemmers as one classic script: the package's wasm-bindgen glue (an ES
    module) with its exports made local, the WebAssembly inline in base64, handed to the
    search's loader as `stem`: {stem(name, word)}."""
    folder = root / node_modules / PACKAGE / "dist" / "browser"
    glue_file, wasm_file = folder / "index.js", folder / "index_bg.wasm"
    if not glue_file.is_file() or not wasm_file.is_file():
        raise MissingStemmer(f"{folder} is missing: run `npm ci` (or `make install`) first")
    glue = glue_file.read_text(encoding="utf-8")
    glue = re.sub(r"^export \{[^}]*\};?\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export (const|class|function) ", r"\1 ", glue, flags=re.M)
    # Only the asynchronous loader reads its own address (a module's); this script loads the
    # module synchronously, from the bytes below.
    glue = glue.replace("import.meta.url", "document.baseURI")
    wasm = base64.b64encode(wasm_file.read_bytes()).decode("ascii")
    return (
        "/* Snowball 3.1.1 stemmers: the npm package multilingual-stemmer (MIT; Snowball BSD-3),\n"
        " * its WebAssembly inline (outputs/stemmers.py: stemmer_script). */\n"
        "(function () {\n" + glue + "\n"
        f"var bytes = Uint8Array.from(atob({json.dumps(wasm)}), function (c) {{\n"
        "  return c.charCodeAt(0); });\n"
        "initSync({ module: bytes });\n"
        "var made = {};\n"
        'window.VC_SEARCH_LOAD("stem", { stem: function (name, word) {\n'
        "  made[name] = made[name] || new Stemmer(Languages[name]);\n"
        "  return made[name].stem(word);\n"
        "} });\n"
        "})();\n"
    )
