"""virtual-centre: check the content, start a file, write the JSON Schemas, the issue forms,
the editor's configuration and a category's spreadsheet template, import a sheet's rows or a
submitted issue form as files, make an e-mail digest, stage the site for another engine.
`virtual-centre COMMAND --help` gives each command's options.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..automation import issueforms
from ..automation.commands import add_parsers as add_automation_parsers
from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.languages import SOURCE, add_catalogues, available
from ..validate.rules import check_content
from .engines import add_parsers as add_engine_parsers
from .scaffold import scaffold


def configured_languages(config: Path) -> list[str] | None:
    """The site's languages as mkdocs.yml configures them (None without a mkdocs.yml: every
    language with a catalogue)."""
    if not config.is_file():
        return None
    from ..staging.config import plugin_options, read_config

    return [SOURCE, *plugin_options(read_config(config)).get("languages", [])]


def cmd_check(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"{content}: no such folder", file=sys.stderr)
        return 2
    languages = configured_languages(Path("mkdocs.yml"))
    if args.paths:  # these files only, against the whole catalogue
        from ..validate.some import check_files

        sources, problems = check_files(content, [Path(p) for p in args.paths], Path.cwd(),
                                        languages=languages)
    else:
        sources, problems = check_content(content, display_root=Path.cwd(),
                                          languages=languages)
    for problem in problems:
        print(problem.github() if args.format == "github" else str(problem))
    files = len({p.path for p in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {files} file(s); {len(sources)} resource "
              "file(s) read", file=sys.stderr)
        return 1
    print(f"{len(sources)} file(s) checked, no problems", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = scaffold(Path(args.content), args.category, args.slug, title=args.title)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, doc in sorted(schemas.documents().items()):
        if args.only and name != args.only:
            continue
        (out / name).write_text(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(out / name)
    return 0


def cmd_issue_forms(args: argparse.Namespace) -> int:
    for path in issueforms.write_forms(Path(args.out)):
        print(path)
    return 0


def cmd_from_issue(args: argparse.Namespace) -> int:
    raw = sys.stdin.buffer.read() if args.body == "-" else Path(args.body).read_bytes()
    try:
        body = raw.decode("utf-8")
        path, problems = issueforms.write_from_issue(
            Path(args.content), body, args.category, dt.date.today().isoformat(), args.slug)
    except UnicodeDecodeError as exc:
        print(f"error: the issue is not UTF-8 text (byte {exc.start})", file=sys.stderr)
        return 2
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s): {path} not written; fix the issue's answers",
              file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from ..catalogue.directory import build_day
    from ..catalogue.resources import Catalogue
    from ..pages.digest import digest

    try:
        dt.date.fromisoformat(args.since)
    except ValueError:
        print(f"error: --since {args.since!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    sources, problems = check_content(Path(args.content))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    html, markdown = digest(Catalogue.from_sources(sources), args.since, args.site_url,
                            args.site_name, build_day())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for suffix, text in (("html", html), ("md", markdown)):
        path = out / f"digest-{args.since}.{suffix}"
        path.write_text(text, encoding="utf-8")
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="virtual-centre",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    add_content_parsers(sub)
    add_sheet_parsers(sub)
    add_generated_file_parsers(sub)
    add_automation_parsers(sub)
    add_engine_parsers(sub)
    return p


Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def add_content_parsers(sub: Subparsers) -> None:
    """Checking and starting content files, and the digest of what is new."""
    check = sub.add_parser("check", help="validate every content file, without building")
    check.add_argument("paths", nargs="*", help="only these files (against the whole "
                                               "catalogue: their references, duplicate ids)")
    check.add_argument("--content", default="content", help="the content folder")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: GitHub Actions annotations",
    )
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="create a file with every field of a category")
    new.add_argument("category", choices=list(CATEGORIES))
    new.add_argument("slug", help="the file name without .md (lowercase, digits, hyphens)")
    new.add_argument("--title", help="the title (default: from the slug)")
    new.add_argument("--content", default="content", help="the content folder")
    new.set_defaults(func=cmd_new)

    dig = sub.add_parser("digest", help="an e-mail digest of what was added since a date")
    dig.add_argument("--since", required=True, help="YYYY-MM-DD")
    dig.add_argument("--site-url", required=True, help="the published site, for absolute links")
    dig.add_argument("--site-name", default="Virtual Centre for textile recycling")
    dig.add_argument("--out", default="digest")
    dig.add_argument("--content", default="content")
    dig.set_defaults(func=cmd_digest)


def add_sheet_parsers(sub: Subparsers) -> None:
    """Spreadsheets in and out, and an issue form's answers turned into a file."""
    template = sub.add_parser("template", help="write a category's spreadsheet template (.xlsx)")
    template.add_argument("category", choices=list(CATEGORIES))
    template.add_argument("out", help="the .xlsx file to write")
    template.add_argument("--language", default=SOURCE, choices=[SOURCE, *available()],
                          help="the language of its headers, notes and 'Read me' (its sheets "
                               "import whatever their language; default: en)")
    template.set_defaults(func=cmd_template)

    imp = sub.add_parser("import", help="turn every row of a sheet (.xlsx, .csv) into a file")
    imp.add_argument("file", help="the sheet")
    imp.add_argument("--category", required=True, choices=list(CATEGORIES))
    imp.add_argument("--sheet", help="the sheet of a workbook to read (default: the first)")
    imp.add_argument("--mapping", help="a YAML file that maps another table's columns")
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.add_argument("--content", default="content")
    imp.set_defaults(func=cmd_import)

    issue = sub.add_parser("from-issue", help="turn a submitted issue form into a content file")
    issue.add_argument("body", help="a file with the issue's body (- for standard input)")
    issue.add_argument("--category", help="offers or demands (Post an offer/demand forms)")
    issue.add_argument("--slug", help="the file name (default: from the title)")
    issue.add_argument("--content", default="content")
    issue.set_defaults(func=cmd_from_issue)


def add_generated_file_parsers(sub: Subparsers) -> None:
    """The files made from the schemas: the schemas themselves, the editor's configuration and
    the issue forms."""
    schema = sub.add_parser("schema", help="write the JSON Schemas (vocabularies included)")
    schema.add_argument("--out", default="schemas", help="the folder to write to")
    schema.add_argument("--only", help="write only this file (e.g. vocab.schema.json)")
    schema.set_defaults(func=cmd_schema)

    editor = sub.add_parser("editor-config",
                            help="write Front Matter CMS's frontmatter.json from the schemas")
    editor.add_argument("--out", default="frontmatter.json")
    editor.set_defaults(func=cmd_editor_config)

    forms = sub.add_parser("issue-forms", help="write the GitHub issue forms from the schemas")
    forms.add_argument("--out", default=".github/ISSUE_TEMPLATE")
    forms.set_defaults(func=cmd_issue_forms)


def cmd_template(args: argparse.Namespace) -> int:
    from .sheets import write_template

    print(f"wrote {write_template(args.category, Path(args.out), lang=args.language)}",
          file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import Mapping, import_table
    from .sheets import SheetError, read_table

    path, content = Path(args.file), Path(args.content)
    try:
        mapping = Mapping.load(Path(args.mapping)) if args.mapping else None
        table = read_table(path, args.sheet)
    except (SheetError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    outcome = import_table(table, args.file, args.category, content, Path.cwd(), mapping,
                           dry_run=args.dry_run)
    for problem in outcome.problems:
        print(problem)
    if outcome.problems:
        print(f"{len(outcome.problems)} problem(s) in {len(table.rows)} row(s): nothing "
              "written", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{len(table.rows)} row(s) checked, no problems (dry run: nothing written)",
              file=sys.stderr)
        return 0
    for written in outcome.added:
        print(f"added {written}")
    for written in outcome.updated:
        print(f"updated {written}")
    print(f"{len(outcome.added)} added, {len(outcome.updated)} updated, {outcome.unchanged} "
          "unchanged", file=sys.stderr)
    return 0


def cmd_editor_config(args: argparse.Namespace) -> int:
    from .editor import editor_config_text

    Path(args.out).write_text(editor_config_text(), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    add_catalogues(Path("locales"))  # the project's own languages, beside mkdocs.yml
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except OSError as exc:  # a file or folder named on the command line
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
