"""Running one of the package's modules as a process of its own (the build's second process,
generator.pages.lifecycle), and stopping it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def module_process(module: str, *args: str) -> dict[str, Any]:
    """subprocess.Popen arguments for `python -m module args` with this interpreter; the
    package is importable in it even where it is not installed (tests, a source checkout)."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": PACKAGE_ROOT + (os.pathsep + path if path else "")}
    return {"args": [sys.executable, "-m", module, *args], "env": env}


def stop(process: subprocess.Popen[Any] | None) -> None:
    """Kill a process started with module_process and wait for it (no zombie left)."""
    if process is not None:
        process.kill()
        process.communicate()
