"""What the repository's workflows do, decided by the project's own commands and fed recorded
GitHub event payloads (tests/events/: issue forms rendered as GitHub renders them): the file an
issue makes, the comment and labels of a broken one, the branch and pull request of a valid one,
who may trigger it; the pull request's summary; the expiry issue; the link checker against a
local server."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from virtual_centre.automation import expiry, links, review, submission
from virtual_centre.cli.main import main
from virtual_centre.model.content import load_source

from .conftest import CONTENT, ROOT, build_site
from .hostile.github import as_github_shows, live_markup

EVENTS = Path(__file__).parent / "events"
TODAY = "2026-12-01"


def decide(name: str, content: Path = CONTENT) -> submission.Decision:
    event = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return submission.decide(event, content, TODAY)


def test_a_members_valid_offer_becomes_a_pull_request(tmp_path):
    decision = decide("offer-opened-member.json")
    assert decision.action == "pull-request", decision.comment
    assert decision.branch == "submission/issue-101"
    assert decision.path == "content/offers/denim-cuttings-from-lodz.md"
    assert decision.title == "Add content/offers/denim-cuttings-from-lodz.md (issue #101)"
    assert decision.body.startswith("Closes #101.")
    assert decision.remove_labels == ["needs-changes"] and decision.add_labels == []
    written = tmp_path / "content" / "offers" / "denim-cuttings-from-lodz.md"
    shutil.copytree(CONTENT, tmp_path / "content")
    written.write_text(decision.content, encoding="utf-8")
    made = load_source(tmp_path / "content", written)
    assert made.problems == [] and made.meta["valid_until"] == "2027-09-30"
    assert made.meta["date"] == TODAY and "Baled by colour." in made.body


def test_a_broken_offer_gets_every_problem_in_the_forms_words_and_a_label():
    decision = decide("offer-opened-broken.json")
    assert decision.action == "comment" and decision.add_labels == ["needs-changes"]
    assert decision.branch == "" and decision.content == ""
    shown = as_github_shows(decision.comment)
    assert "- **Valid until** (valid_until): required field is missing" in shown
    assert "- **Status** (status): 'maybe' is not an allowed value" in shown
    assert decision.comment.count("\n- ") == 2


def test_the_edited_issue_runs_again_and_becomes_the_pull_request():
    decision = decide("offer-edited-fixed.json")
    assert decision.action == "pull-request"
    assert decision.branch == "submission/issue-102"  # the same branch for every edit
    assert "needs-changes" in decision.remove_labels


def test_a_non_members_submission_waits_for_a_maintainer():
    waiting = decide("demand-opened-non-member.json")
    assert waiting.action == "ignore" and "accepted" in waiting.reason
    accepted = decide("demand-labeled-accepted.json")
    assert accepted.action == "pull-request", accepted.comment
    assert accepted.path == "content/demands/cotton-feedstock-for-brno.md"


def test_a_resource_proposal_names_its_category_in_the_form():
    decision = decide("resource-opened-member.json")
    assert decision.action == "pull-request", decision.comment
    assert decision.path == "content/technologies/a-new-fibre-sorter.md"
    assert "trl: 8" in decision.content


def test_other_issues_are_left_alone():
    assert decide("question-opened.json").action == "ignore"


def test_an_existing_file_is_never_replaced(tmp_path):
    """A form whose title names a published listing (another organisation's, say) makes a new
    file beside it: a submission never becomes a pull request that replaces a file."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    first = decide("offer-opened-member.json", content)
    existing = content / "offers" / "denim-cuttings-from-lodz.md"
    existing.write_text(first.content.replace("Denim", "Their denim"))
    again = decide("offer-opened-member.json", content)
    assert again.action == "pull-request" and again.title.startswith("Add ")
    assert again.path == "content/offers/denim-cuttings-from-lodz-issue-101.md"
    assert again.path != first.path


def test_the_command_writes_the_files_the_workflow_passes_on(tmp_path):
    out = tmp_path / "decision"
    assert main(["submission", str(EVENTS / "offer-opened-broken.json"), "--out", str(out),
                 "--content", str(CONTENT), "--today", TODAY]) == 0
    decision = json.loads((out / "decision.json").read_text())
    assert decision["action"] == "comment" and decision["issue"] == 102
    assert (out / "comment.md").read_text() == decision["comment"]
    assert (out / "file.md").read_text() == ""


def test_the_pull_request_summary_names_pages_and_every_problem(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "offers" / "new-one.md").write_text(decide("offer-opened-member.json").content)
    bad = content / "offers" / "broken.md"
    bad.write_text((content / "offers" / "new-one.md").read_text().replace(
        "status: open", "status: maybe"))
    changed = tmp_path / "changed.txt"
    changed.write_text("A\tcontent/offers/new-one.md\nA\tcontent/offers/broken.md\n"
                       "M\tREADME.md\n")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.chdir(tmp_path)
    assert main(["pr-summary", "--changed", str(changed), "--content", "content"]) == 1
    text = as_github_shows(summary_file.read_text())
    assert "| content/offers/new-one.md | added | offers/new-one.html |" in text
    assert "content/offers/broken.md:" in text and "**status**" in text
    assert "'maybe' is not an allowed value" in text
    text_only, mine = review.summary(content, tmp_path, changed.read_text())
    assert [p.path for p in mine] == ["content/offers/broken.md"]


def test_a_listing_past_valid_until_is_archived_on_the_build_day_without_a_commit(tmp_path,
                                                                                   monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    offer.write_text(offer.read_text().replace("valid_until: '2027-06-30'",
                                               "valid_until: 2026-12-10"))
    for day, archived in (("2026-12-09", False), ("2026-12-11", True)):
        epoch = int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp())
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        site = build_site(content, tmp_path / day)
        records = json.loads((site / "data" / "listings.json").read_text())["listings"]
        mine = next(r for r in records if r["id"] == "offers/gallarate-cotton-cuttings")
        assert mine["archived"] is archived, day


def test_the_expiry_issue_lists_what_expires_soon_and_what_expired(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    offer.write_text(offer.read_text().replace("valid_until: '2027-06-30'",
                                               "valid_until: 2026-12-10"))
    today = dt.date(2026, 12, 1)
    body = expiry.report(content, today, repository_url="https://github.com/ORG/vc")
    soon = body.split("## Expiring within 14 days")[1].split("## Expired")[0]
    assert ("[Cotton jersey cuttings" in soon or "gallarate-cotton-cuttings.md" in soon)
    assert "https://github.com/ORG/vc/blob/main/content/offers/gallarate-cotton-cuttings.md" \
        in soon and "valid until 2026-12-10" in soon
    later = expiry.report(content, dt.date(2026, 12, 12), previous_body=body)
    expired = later.split("## Expired since 2026-12-01")[1]
    assert "gallarate-cotton-cuttings.md" in expired
    assert "gallarate-cotton-cuttings.md" not in later.split("## Expired")[0]
    assert expiry.last_run(later) == dt.date(2026, 12, 12)


class Answers(BaseHTTPRequestHandler):
    """200, a 301 to a 200, 404, 500 (twice, then 200), 500 always, and a timeout."""

    calls: dict[str, int] = {}

    def log_message(self, *args) -> None:
        pass

    def answer(self) -> None:
        Answers.calls[self.path] = Answers.calls.get(self.path, 0) + 1
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/flaky" and Answers.calls[self.path] > 2:
            self.send_response(200)
        elif self.path in ("/flaky", "/broken-server"):
            self.send_response(500)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET = answer


@pytest.fixture
def server() -> Iterator[str]:
    Answers.calls = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_link_checker_reports_exactly_the_broken_links(tmp_path, server):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("*.md"))
    for page in ("index.md", "about.md"):
        shutil.copy(CONTENT / page, content / page)
    tech = (CONTENT / "technologies" / "fibersort.md").read_text()
    urls = {"ok": "/ok", "moved": "/moved", "gone": "/gone", "flaky": "/flaky",
            "down": "/broken-server", "slow": "/slow"}
    for name, path in urls.items():
        text = tech.replace("title: Fibersort", f"title: Sorter {name}")
        text = "\n".join(
            f"{line.split(':', 1)[0]}: https://links.example{path}"
            if line.startswith(("source_url:", "developer_url:", "  source:")) else line
            for line in text.splitlines()) + "\n"
        (content / "technologies" / f"sorter-{name}.md").write_text(text)
    checker = links.Checker(timeout=1, retries=2, per_host=0.0, pause=0.05,
                            rewrite={"https://links.example": server})
    body, broken = links.report(content, checker)
    assert broken == 9  # source_url, developer_url and accepts.source of gone, down and slow
    for name in ("gone", "down", "slow"):
        assert f"sorter-{name}.md" in body
    for name in ("ok", "moved", "flaky"):
        assert f"sorter-{name}.md" not in body
    assert "404" in body and "500" in body and "timed out" in body
    assert Answers.calls["/flaky"] >= 3  # retried until it answered
    assert Answers.calls["/gone"] == 1  # a 404 is not retried


def test_requests_to_one_host_keep_their_distance(server):
    checker = links.Checker(timeout=1, retries=0, per_host=0.3, pause=0,
                            rewrite={"https://h.example": server})
    start = time.monotonic()
    checker.check_all([f"https://h.example/ok?{n}" for n in range(4)])
    assert time.monotonic() - start >= 0.9  # three gaps of 0.3 s


def test_every_workflow_runs_only_the_projects_commands():
    """The logic lives in the commands tested above: the workflows call them by name."""
    flows = {p.name: p.read_text() for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    assert "virtual-centre submission" in flows["submission.yml"]
    assert "virtual-centre pr-summary" in flows["pull-request.yml"]
    assert "virtual-centre expiry-report" in flows["expiry.yml"]
    assert "virtual-centre links" in flows["links.yml"]
    assert "schedule:" in flows["pages.yml"] and "schedule:" in flows["links.yml"]
    for name, text in flows.items():  # (no event text in a shell: tests/test_workflows.py)
        assert "timeout-minutes:" in text, name


def test_a_value_cannot_add_markup_to_the_summary(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    hostile = "[x](https://evil.example) ![i](y) <b> @team\n# heading"
    bad = content / "offers" / "a|b`c.md"
    bad.write_text("---\ntitle: x\n---\n")
    changed = f"A\tcontent/offers/{bad.name}\nA\tcontent/{hostile}.md\n"
    text, _ = review.summary(content, tmp_path, changed)
    assert live_markup(text) == []
    assert "| content/offers/a|b`c.md | added |" in as_github_shows(text)
