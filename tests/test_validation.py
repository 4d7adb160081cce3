"""Every kind of problem makes `virtual-centre check` and `mkdocs build` fail, naming the file,
the line and the field; all problems of all files come out in one run."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from virtual_centre.cli.main import main as cli

from .conftest import ORG, TECH, build_site

BASE = """\
---
title: A case
summary: A pilot case used by one validation test.
date: 2026-03-01
language: en
status: completed
source_url: https://example.org/case
{extra}---
Body.
"""


def case(extra: str) -> str:
    return BASE.format(extra=extra)


ACTIVITY = """\
---
title: A post
summary: A communication activity used by one validation test.
date: 2026-03-01
language: en
partner: test-institute
channel: {channel}
stakeholders: [recyclers]
message: Offer your waste on the M3P directory.
figures:
{figures}---
Body.
"""


def activity(figures: str, channel: str = "linkedin") -> dict[str, str]:
    """A communication activity (line 11 holds its first figure) and its partner."""
    return {"organisations/test-institute.md": ORG,
            "communication/post.md": ACTIVITY.format(channel=channel, figures=figures)}


# (name, files, expected path, line, field, words of the message)
KINDS = [
    (
        "the-language-of-the-source-as-the-pages",  # the old ambiguity of `language`
        {"pilot-cases/act.md": BASE.format(extra="").replace(
            "summary: A pilot case used by one validation test.",
            "summary: The summary of a Hungarian act, written in English for the readers.")
         .replace("language: en", "language: hu")},
        "pilot-cases/act.md", 5, "language",
        "write 'language: en' and 'source_language: hu'",
    ),
    (
        "yaml-syntax",
        {"pilot-cases/bad.md": "---\ntitle: [unclosed\nsummary: x\n---\n"},
        "pilot-cases/bad.md",
        3,
        "front matter",
        "YAML syntax error",
    ),
    (
        "not-a-mapping",
        {"pilot-cases/bad.md": "---\n- just\n- a list\n---\nBody\n"},
        "pilot-cases/bad.md",
        2,
        "front matter",
        "not a list",
    ),
    (
        "no-front-matter",
        {"pilot-cases/bad.md": "Just text.\n"},
        "pilot-cases/bad.md",
        1,
        "front matter",
        "no front matter",
    ),
    (
        "missing-required",
        {"pilot-cases/bad.md": case("").replace("status: completed\n", "")},
        "pilot-cases/bad.md",
        1,
        "status",
        "required field is missing",
    ),
    (
        "unknown-field",
        {"pilot-cases/bad.md": case("sumary: typo\n")},
        "pilot-cases/bad.md",
        8,
        "sumary",
        "did you mean 'summary'",
    ),
    (
        "wrong-type",
        {"pilot-cases/bad.md": case("results: 12 tonnes\n")},
        "pilot-cases/bad.md",
        8,
        "results",
        "must be a list, not '12 tonnes'",
    ),
    (
        "impossible-date",
        {"pilot-cases/bad.md": case("").replace("2026-03-01", "2026-02-30")},
        "pilot-cases/bad.md",
        4,
        "date",
        "not a real date",
    ),
    (
        "url-not-http",
        {"pilot-cases/bad.md": case("").replace("https://example.org/case", "javascript:alert(1)")},
        "pilot-cases/bad.md",
        7,
        "source_url",
        "must start with https:// or http://",
    ),
    (
        "unknown-vocabulary",
        {"pilot-cases/bad.md": case("materials: [cotton, polyster]\n")},
        "pilot-cases/bad.md",
        8,
        "materials[1]",
        "did you mean 'polyester'",
    ),
    (
        "unknown-tag",
        {"pilot-cases/bad.md": case("tags:\n  - mechanical-recycle\n")},
        "pilot-cases/bad.md",
        9,
        "tags[0]",
        "did you mean 'mechanical-recycling'",
    ),
    (
        "dangling-reference",
        {
            "pilot-cases/bad.md": case("technologies: [fibresort]\n"),
            "technologies/fibersort.md": TECH,
            "organisations/test-institute.md": ORG,
        },
        "pilot-cases/bad.md",
        8,
        "technologies[0]",
        "refers to no resource; did you mean",
    ),
    (
        "wrong-category",
        {
            "pilot-cases/bad.md": case("technologies: [organisations/test-institute]\n"),
            "organisations/test-institute.md": ORG,
        },
        "pilot-cases/bad.md",
        8,
        "technologies[0]",
        "needs a technological solution",
    ),
    (
        "duplicate-id",
        {"pilot-cases/bad.md": case(""), "pilot-cases/BAD.md": case("")},
        "pilot-cases/bad.md",
        1,
        "id",
        "duplicate id 'pilot-cases/bad'",
    ),
    (
        "duplicate-key",
        {"pilot-cases/bad.md": case("status: ongoing\n")},
        "pilot-cases/bad.md",
        8,
        "status",
        "duplicate key",
    ),
    (
        "bad-file-name",
        {"pilot-cases/Bad Case.md": case("")},
        "pilot-cases/Bad Case.md",
        1,
        "front matter",
        "rename it to bad-case.md",
    ),
    (
        "file-name-with-diacritics",
        {"pilot-cases/Łódź Denim Offer.md": case("")},
        "pilot-cases/Łódź Denim Offer.md",
        1,
        "front matter",
        "rename it to lodz-denim-offer.md",
    ),
    (
        "communication-clicks-above-impressions",
        activity("  impressions: 100\n  clicks: 250\n"),
        "communication/post.md",
        12,
        "figures.clicks",
        "clicks (250) is more than impressions (100)",
    ),
    (
        "communication-engagement-above-impressions",
        activity("  engagement: 900\n  impressions: 300\n"),
        "communication/post.md",
        11,
        "figures.engagement",
        "engagement (900) is more than impressions (300)",
    ),
    (
        "communication-participants-above-reach",
        activity("  reach: 40\n  participants: 120\n", channel="event"),
        "communication/post.md",
        12,
        "figures.participants",
        "participants (120) is more than reach (40)",
    ),
    (
        "communication-participants-not-at-an-event",
        activity("  participants: 30\n", channel="radio"),
        "communication/post.md",
        11,
        "figures.participants",
        "participants are counted at events and webinars, not for the channel 'radio'",
    ),
    (
        "communication-unknown-channel",
        activity("  reach: 10\n", channel="linkdin"),
        "communication/post.md",
        7,
        "channel",
        "linkedin",
    ),
    (
        "communication-negative-figure",
        activity("  reach: -5\n"),
        "communication/post.md",
        11,
        "figures.reach",
        "",
    ),
    (
        "communication-no-stakeholder",
        {**activity("  reach: 10\n"), "communication/post.md": ACTIVITY.format(
            channel="x", figures="  reach: 10\n").replace("[recyclers]", "[]")},
        "communication/post.md",
        8,
        "stakeholders",
        "",
    ),
    (
        "period-reversed",
        {"pilot-cases/bad.md": case("period: {start: 2020-01-01, end: 2019-01-01}\n")},
        "pilot-cases/bad.md",
        8,
        "period.end",
        "before it starts",
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "path", "line", "field", "words"), KINDS, ids=[k[0] for k in KINDS]
)
def test_check_reports_path_line_field(
    content, capsys, monkeypatch, name, files, path, line, field, words
):
    root = content(files)
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out.splitlines()
    expected = f"content/{path}:{line}: {field}: "
    matching = [o for o in out if o.startswith(expected)]
    assert matching, f"no line starting {expected!r} in {out}"
    assert words in matching[0]


@pytest.mark.parametrize(
    ("name", "files", "path", "line", "field", "words"), KINDS, ids=[k[0] for k in KINDS]
)
def test_build_fails_with_path_line_field(
    content, tmp_path, caplog, name, files, path, line, field, words
):
    """The build validates in its second process and fails before any page."""
    root = content(files)
    with caplog.at_level(logging.ERROR), pytest.raises((Abort, PluginError)):
        build_site(root, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    expected = f"content/{path}:{line}: {field}: "
    assert any(e.startswith(expected) and words in e for e in errors), errors
    assert not (tmp_path / "site" / "index.html").exists()


def test_all_problems_of_all_files_in_one_run(content, capsys, monkeypatch):
    root = content(
        {
            "pilot-cases/one.md": case("tags: [nonsense]\n").replace("2026-03-01", "2026-13-01"),
            "technologies/two.md": TECH.replace("trl: 7", "trl: 12"),
            "organisations/test-institute.md": ORG.replace(
                "https://example.org/institute", "ftp://x"
            ),
        }
    )
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out
    for expected in (
        "content/pilot-cases/one.md:4: date:",
        "content/pilot-cases/one.md:8: tags[0]:",
        "content/technologies/two.md:8: trl: 12 is too large",
        "content/organisations/test-institute.md:9: website:",
    ):
        assert expected in out


def test_github_annotations(content, capsys, monkeypatch):
    root = content({"pilot-cases/bad.md": case("sumary: typo\n")})
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=content/pilot-cases/bad.md,line=8,title=Invalid front matter::" in out
    assert "did you mean 'summary'" in out


def test_valid_content_passes_and_aliases_are_accepted(content, capsys, monkeypatch):
    root = content({"pilot-cases/good.md": case("materials: [linen, nylon]\ncountries: [NO]\n")})
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content"]) == 0


def test_the_repository_content_is_valid(capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)
    assert cli(["check"]) == 0


def test_a_text_in_its_own_language_is_not_taken_for_english():
    from virtual_centre.validate.translations import reads_as_english

    hungarian = ("Magyarország hulladékról szóló törvénye: a textilhulladék elkülönített "
                 "gyűjtése 2025. január 1-jétől kötelező, az EPR rendelet szerint.")
    german = "Das Kreislaufwirtschaftsgesetz regelt die Getrenntsammlung von Textilabfällen."
    english = "The act of the Hungarian parliament on waste, with the rules for textiles."
    assert not reads_as_english(hungarian, "hu") and not reads_as_english(german, "de")
    assert reads_as_english(english, "hu") and reads_as_english(english, "pl")
    assert not reads_as_english(english, "en") and not reads_as_english(english, "fr")
