"""The package as others install it: a wheel built from the repository, installed with the
pinned versions into a clean virtual environment, builds the site in a folder outside the
source tree; its metadata declares an SPDX licence and every package the code imports."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import tomllib

from .conftest import CONTENT, ROOT

pytestmark = pytest.mark.slow

STANDARD = set(sys.stdlib_module_names)
# Import name -> distribution name, where they differ.
DISTRIBUTIONS = {"yaml": "pyyaml", "markdown": "markdown", "material": "mkdocs-material",
                 "ada_url": "ada-url"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(dist), str(ROOT)], check=True, timeout=600)
    (found,) = dist.glob("virtual_centre-*.whl")
    return found


def test_the_wheel_holds_the_package_under_its_own_name(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(z.read(metadata).decode())
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"virtual_centre"}
    sources = {p.relative_to(ROOT / "generator").as_posix()
               for p in (ROOT / "generator").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {f"virtual_centre/{s}" for s in sources} <= set(names)  # every module and file
    assert meta["License-Expression"] == "MIT"
    assert any(n.endswith("licenses/LICENSE") for n in names)


def imported_packages() -> set[str]:
    found = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - STANDARD


def test_every_package_the_code_imports_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[<>=!~ ;\[]", d)[0].lower() for d in project["dependencies"]}
    imported = {DISTRIBUTIONS.get(name, name).lower() for name in imported_packages()}
    assert imported and imported <= declared, imported - declared
    assert project["license"] == "MIT"


def test_the_constraints_pin_every_dependency():
    pinned = {line.split("==")[0].lower().replace("_", "-")
              for line in (ROOT / "constraints.txt").read_text().splitlines()
              if "==" in line}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=!~ ;\[]", d)[0].lower().replace("_", "-") for d in wanted}
    assert names <= pinned, names - pinned


def test_the_installed_wheel_builds_the_site_outside_the_source_tree(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "-c", str(ROOT / "constraints.txt"), str(wheel)], check=True,
                   timeout=900)
    project = tmp_path / "elsewhere"
    shutil.copytree(CONTENT, project / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - virtual-centre:\n", "  - virtual-centre:\n      node_modules: "
                            f"{ROOT / 'node_modules'}\n", 1)
    assert f"node_modules: {ROOT / 'node_modules'}" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import virtual_centre; print(virtual_centre.__file__)"],
                           cwd=project, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(venv))
    done = subprocess.run([str(venv / "bin" / "mkdocs"), "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1764700000",
                               "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    site = project / "site"
    assert (site / "technologies" / "fibersort.html").is_file()
    assert (site / "download" / "virtual-centre-offline.zip").is_file()
    from virtual_centre.outputs import search_files
    assert "technologies/fibersort" in {doc[0] for doc in search_files.read_docs(site)}
