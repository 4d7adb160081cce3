"""Each language's words reduced to their stems by the language's own Snowball rules, so that an
inflected form finds the others ('Textilabfällen' finds 'Textilabfall', 'odpadów' 'odpady').

English keeps lunr.js's Porter stemmer (outputs/search_index.py), whose scores the tests compare
with lunr.js itself. The other languages of the partner regions use Snowball: the
`snowballstemmer` package (3.1.1) here, and in the browser the same algorithms from npm, written
into classic scripts at build time (a page opened from disk loads scripts, not modules or .wasm
files; stemmer_scripts()):
- German, Italian and Hungarian: `@sciactive/tokenizer`'s Snowball 3.0.1 JavaScript, a script
  of about 2 kB (gzip) per language (stem-de.js); 3.1 changed only how these stemmers read
  apostrophes, which the search splits words at;
- Polish and Czech (new in Snowball 3.1) and a word read through every language: the npm
  package `multilingual-stemmer`, Snowball 3.1.1 compiled to WebAssembly with 34 languages in
  one module (stem.js, about 150 kB gzip, inline in base64).
Tests run both scripts under Node and compare their stems with Python's. Both sides stem the
word as written (with its accents: Polish and Hungarian endings have them), then fold the stem,
as the index holds every word folded.
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
STEMMER_SCRIPT = "assets/vc/stem.js"  # every language (WebAssembly)
PACKAGE = "multilingual-stemmer"
LIGHT_PACKAGE = "@sciactive/tokenizer"
LIGHT = ("de", "it", "hu")  # each with a script of its own: assets/vc/stem-<code>.js


@cache
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(SNOWBALL[lang])


def stem(lang: str, word: str) -> str:
    """A lower-case word's stem in a language with a stemmer (SNOWBALL), not folded."""
    return _stemmer(lang).stemWord(EDGES.sub("", word))


def folded_stem(lang: str, word: str) -> str:
    """The term of a word of a text in `lang`: its stem, folded."""
    return fold(stem(lang, word))


def script_of(lang: str) -> str:
    """The name of the script (assets/vc/<name>.js) with a language's stemmer."""
    return f"stem-{lang}" if lang in LIGHT else "stem"


def stemmed_languages(languages: set[str]) -> dict[str, list[str]]:
    """Of these languages, those with a stemmer -> [its algorithm's name in the browser, the
    script that has it]."""
    return {code: [SNOWBALL[code].capitalize(), script_of(code)]
            for code in sorted(languages) if code in SNOWBALL}


class MissingStemmer(Exception):
    pass


def stemmer_scripts(root: Path, node_modules: str) -> dict[str, str]:
    """Each stemmers' script (its path in the site -> its text), from npm's packages."""
    folder = root / node_modules
    scripts = {STEMMER_SCRIPT: wasm_script(folder / PACKAGE / "dist" / "browser")}
    for lang in LIGHT:
        scripts[f"assets/vc/{script_of(lang)}.js"] = light_script(
            folder / LIGHT_PACKAGE / "snowball", lang)
    return scripts


def _read(path: Path) -> str:
    if not path.is_file():
        raise MissingStemmer(f"{path} is missing: run `npm ci` (or `make install`) first")
    return path.read_text(encoding="utf-8")


@cache
def light_script(folder: Path, lang: str) -> str:
    """One language's Snowball JavaScript (CommonJS files: the base class, then the language's,
    which requires it) as a classic script handed to the search's loader as stem-<lang>."""
    name = SNOWBALL[lang]
    return (
        f"/* Snowball {name} stemmer: the npm package {LIGHT_PACKAGE} (Apache-2.0; Snowball\n"
        " * BSD-3), wrapped by outputs/stemmers.py: light_script. */\n"
        "(function () {\n"
        "var module = { exports: {} };\n" + _read(folder / "base-stemmer.cjs") + "\n"
        "var Base = module.exports;\n"
        "var require = function () { return Base; };\n"  # the language's file asks for the base
        "module = { exports: {} };\n" + _read(folder / f"{name}-stemmer.cjs") + "\n"
        "var stemmer = new module.exports();\n"
        f'window.VC_SEARCH_LOAD("{script_of(lang)}", {{ stem: function (name, word) {{\n'
        "  return stemmer.stemWord(word);\n"
        "} });\n"
        "})();\n"
    )


@cache
def wasm_script(folder: Path) -> str:
    """The WebAssembly stemmers as one classic script: the package's wasm-bindgen glue (an ES
    module) with its exports made local, the module inline in base64, handed to the search's
    loader as `stem`: {stem(name, word)}."""
    glue = _read(folder / "index.js")
    if not (folder / "index_bg.wasm").is_file():
        raise MissingStemmer(f"{folder / 'index_bg.wasm'} is missing: run `npm ci` first")
    glue = re.sub(r"^export \{[^}]*\};?\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export (const|class|function) ", r"\1 ", glue, flags=re.M)
    # Only the asynchronous loader reads its own address (a module's); this script hands it the
    # bytes below.
    glue = glue.replace("import.meta.url", "document.baseURI")
    wasm = base64.b64encode((folder / "index_bg.wasm").read_bytes()).decode("ascii")
    # Compiled asynchronously (__wbg_init with the bytes): a browser may refuse to compile a
    # large module synchronously on the page's thread.
    return (
        "/* Snowball 3.1.1 stemmers: the npm package multilingual-stemmer (MIT; Snowball BSD-3),\n"
        " * its WebAssembly inline (outputs/stemmers.py: wasm_script). */\n"
        "(function () {\n" + glue + "\n"
        f"var text = atob({json.dumps(wasm)}), bytes = new Uint8Array(text.length);\n"
        "for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n"
        "__wbg_init({ module_or_path: bytes }).then(function () {\n"
        "  var made = {};\n"
        '  window.VC_SEARCH_LOAD("stem", { stem: function (name, word) {\n'
        "    made[name] = made[name] || new Stemmer(Languages[name]);\n"
        "    return made[name].stem(word);\n"
        "  } });\n"
        "});\n"
        "})();\n"
    )
