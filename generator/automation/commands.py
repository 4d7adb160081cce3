"""The commands GitHub's workflows run (.github/workflows/): every decision is made here, in the
project's own tested code; a workflow only passes files between these commands, git and gh."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path


def _today(given: str | None) -> dt.date:
    # Imported here: every command's start would otherwise load the vocabularies.
    from ..catalogue.directory import day_of, source_date_epoch

    return dt.date.fromisoformat(given) if given else day_of(source_date_epoch())


def cmd_submission(args: argparse.Namespace) -> int:
    from .submission import decide, write_decision

    event = json.loads(Path(args.event).read_text(encoding="utf-8"))
    decision = decide(event, Path(args.content), _today(args.today).isoformat())
    write_decision(decision, Path(args.out))
    print(f"{decision.action}: {decision.reason}", file=sys.stderr)
    return 0


def cmd_pr_summary(args: argparse.Namespace) -> int:
    from .review import summary

    text, mine = summary(Path(args.content), Path.cwd(),
                         Path(args.changed).read_text(encoding="utf-8"))
    for problem in mine:
        print(problem.github())
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(text)
    else:
        print(text, file=sys.stderr)
    return 1 if mine else 0


def cmd_expiry_report(args: argparse.Namespace) -> int:
    from .expiry import report

    previous = Path(args.previous).read_text(encoding="utf-8") if args.previous else ""
    Path(args.out).write_text(report(Path(args.content), _today(args.today), previous,
                                     args.repository_url, args.branch, args.days),
                              encoding="utf-8")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .links import Checker, report

    rewrite = dict(pair.split("=", 1) for pair in args.rewrite)
    checker = Checker(timeout=args.timeout, retries=args.retries, per_host=args.per_host,
                      pause=args.pause, rewrite=rewrite)
    text, broken = report(Path(args.content), checker, args.repository_url, args.branch)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{broken} broken link(s)", file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("submission", help="decide what an issue-form event becomes")
    p.add_argument("event", help="the event payload (GITHUB_EVENT_PATH)")
    p.add_argument("--out", default="submission", help="the folder of the decision's files")
    p.add_argument("--content", default="content")
    p.add_argument("--today", help="YYYY-MM-DD (default: the build's day)")
    p.set_defaults(func=cmd_submission)

    p = sub.add_parser("pr-summary", help="annotations and a job summary for a pull request")
    p.add_argument("--changed", required=True, help="`git diff --name-status` of it, a file")
    p.add_argument("--content", default="content")
    p.set_defaults(func=cmd_pr_summary)

    p = sub.add_parser("expiry-report", help="the listings expiring soon, as an issue's body")
    p.add_argument("--out", required=True)
    p.add_argument("--previous", help="the issue's body of the last run, a file")
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--today", help="YYYY-MM-DD (default: the build's day)")
    p.add_argument("--repository-url", default="")
    p.add_argument("--branch", default="main")
    p.add_argument("--content", default="content")
    p.set_defaults(func=cmd_expiry_report)

    p = sub.add_parser("links", help="check every link of the catalogue, as an issue's body")
    p.add_argument("--out", required=True)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--retries", type=int, default=2)
    p.add_argument("--per-host", type=float, default=1.0, help="seconds between requests")
    p.add_argument("--pause", type=float, default=5.0, help="seconds before a retry")
    p.add_argument("--rewrite", action="append", default=[], metavar="FROM=TO",
                   help="send requests for URLs starting with FROM to TO (tests)")
    p.add_argument("--repository-url", default="")
    p.add_argument("--branch", default="main")
    p.add_argument("--content", default="content")
    p.set_defaults(func=cmd_links)
