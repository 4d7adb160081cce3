"""The GitHub workflows, checked with the ecosystem's own tools (zizmor, the security linter of
GitHub Actions, offline; check-jsonschema with SchemaStore's schemas) and for what SECURITY.md
promises: only the deploy job may write, and no event text reaches a shell."""

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


def test_workflows_and_issue_forms_match_their_schemas():
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    for schema, files in (("vendor.github-workflows", WORKFLOWS),
                          ("vendor.github-issue-forms", forms)):
        run = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, *files],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_only_the_deploy_job_may_write_and_no_event_text_reaches_a_shell():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {}, path.name  # nothing unless a job asks
        for name, job in workflow["jobs"].items():
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            runs_code = any("run" in step for step in job.get("steps", []))
            assert not (writes and runs_code), (path.name, name, writes)
            for step in job.get("steps", []):
                assert "github.event" not in step.get("run", ""), (path.name, name)
                if step.get("uses", "").startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False
