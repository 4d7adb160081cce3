"""`virtual-centre stage OUT`: the site for an engine without our plugin (staging/stage.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..staging.stage import MissingAsset, StageRefused, stage


def cmd_stage(args: argparse.Namespace) -> int:
    config, out = Path(args.config), Path(args.out)
    if not config.is_file():
        print(f"{config}: no such file", file=sys.stderr)
        return 2
    try:
        staged = stage(config, out, display_root=Path.cwd())
    except (StageRefused, MissingAsset) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in staged.problems:
        print(problem)
    if staged.problems:
        print(f"{len(staged.problems)} problem(s) in the content: nothing staged",
              file=sys.stderr)
        return 1
    print(f"staged {staged.pages} pages into {out}: build them with "
          f"`mkdocs build -f {staged.config}` (or properdocs, or zensical)", file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    stage_parser = sub.add_parser(
        "stage", help="write the site as a plain docs folder and mkdocs.yml, for an engine "
                      "without the virtual-centre plugin")
    stage_parser.add_argument("out", help="the folder to write (new, empty, or staged before)")
    stage_parser.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml")
    stage_parser.set_defaults(func=cmd_stage)
