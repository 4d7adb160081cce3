"""The code stays readable: small modules and functions (the project's rule), guarded so that
it does not erode."""

from __future__ import annotations

import ast

from .conftest import ROOT

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
PACKAGE = ROOT / "generator"


def test_every_module_of_the_package_is_at_most_400_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}, "split them by meaning"


def test_every_function_of_the_package_is_at_most_60_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}(): {length}")
    assert long == []


def test_imports_follow_the_pipeline():
    """pyproject.toml's [tool.importlinter] contracts: no layer imports one above it, and only
    the MkDocs adapter imports MkDocs or Material."""
    import subprocess
    import sys
    from pathlib import Path

    lint_imports = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "2 kept, 0 broken" in run.stdout


def test_no_module_keeps_a_builds_setting():
    """A build's settings (template folders, the base map's atlas, the day) travel in its
    context and site plan, never in a module's global: two builds in one process (the tests,
    `mkdocs serve` after an edit of mkdocs.yml) cannot see each other's. The one `global` left
    hands a forked worker its slice of work (model/cores.py) and is reset when the work ends."""
    kept = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                kept.append(f"{path.relative_to(ROOT).as_posix()}: {', '.join(node.names)}")
    assert kept == ["generator/model/cores.py: _WORK"]
