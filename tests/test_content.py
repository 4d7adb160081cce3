"""Loading front matter: lines of fields, safe YAML, limits."""

from __future__ import annotations

from pathlib import Path

from virtual_centre.model.content import MAX_FILE_BYTES, load_source, split_front_matter


def load(tmp_path: Path, text: str | bytes, name: str = "pilot-cases/x.md"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_source(tmp_path, path)


def test_lines_of_fields_and_items(tmp_path):
    s = load(
        tmp_path, "---\ntitle: T\nperiod:\n  start: 2020-01-01\nresults:\n  - a\n  - b\n---\nBody\n"
    )
    assert s.problems == []
    assert s.lines[("title",)] == 2
    assert s.lines[("period", "start")] == 4
    assert s.lines[("results", 1)] == 7
    assert s.body == "Body\n" and s.body_line == 9
    assert s.id == "pilot-cases/x" and s.category == "pilot-cases"


def test_dates_stay_text_and_only_true_false_are_booleans(tmp_path):
    s = load(tmp_path, "---\ndate: 2024-02-30\ncountries: [NO, yes]\ndraft: true\n---\n")
    assert s.meta == {"date": "2024-02-30", "countries": ["NO", "yes"], "draft": True}


def test_alias_bomb_is_refused(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    s = load(tmp_path, bomb + "---\n")
    assert s.meta is None
    assert "front matter refused" in s.problems[0].message


def test_recursive_alias_is_refused(tmp_path):
    s = load(tmp_path, "---\na: &a [*a]\n---\n")
    assert s.meta is None and s.problems


def test_python_tags_are_refused(tmp_path):
    s = load(tmp_path, "---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    assert s.meta is None
    assert s.problems[0].line == 2


def test_non_utf8_is_a_problem_with_its_line(tmp_path):
    s = load(tmp_path, b"---\ntitle: ok\nsummary: caf\xe9\n---\n")
    assert s.meta is None
    assert s.problems[0].line == 3 and "not UTF-8" in s.problems[0].message


def test_oversize_file(tmp_path):
    s = load(tmp_path, "---\ntitle: x\n---\n" + "a" * MAX_FILE_BYTES)
    assert "limit" in s.problems[0].message


def test_scalar_front_matter(tmp_path):
    s = load(tmp_path, "---\njust text\n---\n")
    assert "not a single value" in s.problems[0].message


def test_bom_and_crlf(tmp_path):
    s = load(tmp_path, "\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n")
    assert s.meta == {"title": "T"} and s.problems == []


def test_unclosed_front_matter_still_parses():
    front, body, line = split_front_matter("---\ntitle: T\n")
    assert front == "title: T\n" and body == ""
