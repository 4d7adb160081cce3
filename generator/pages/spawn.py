"""Running one of the package's modules as a process of its own (the build's second process,
virtual_centre.pages.completers), and stopping it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any


def module_process(module: str, *args: str) -> dict[str, Any]:
    """subprocess.Popen arguments for `python -m module args` with this interpreter (the
    package is installed in it: `make install` installs it in editable mode)."""
    return {"args": [sys.executable, "-m", module, *args]}


def stop(process: subprocess.Popen[Any] | None) -> None:
    """Kill a process started with module_process and wait for it (no zombie left)."""
    if process is not None:
        process.kill()
        process.communicate()
