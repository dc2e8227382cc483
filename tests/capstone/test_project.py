"""`ldl capstone new|list|check|ideas` through the CLI: the files a project starts with, the report
the portfolio reads, and the record in the progress store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jupytext
import pytest
import yaml
from capstone_kit import tiny_cells, write_project
from typer.testing import CliRunner

from ldl.capstone.check import check_project
from ldl.capstone.rules import stage_rules
from ldl.cli.app import app
from ldl.progress.store import ProgressStore
from ldl.workspace import capstone_check_report, capstone_projects, require_workspace


@pytest.fixture(scope="module")
def template_workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("capstone") / "ws"
    result = CliRunner().invoke(app, ["init", str(root), "--json"], env={"LDL_HOME": None})
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def workspace(template_workspace, tmp_path, monkeypatch):
    """A fresh copy of a workspace made by `ldl init`, named by LDL_HOME."""
    root = Path(shutil.copytree(template_workspace, tmp_path / "ws"))
    monkeypatch.setenv("LDL_HOME", str(root))
    monkeypatch.setenv("COLUMNS", "150")
    return root


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("stage, extra", [("1", "train_ddp.py"), ("2", "agent.py")])
def test_new_creates_the_project_files(workspace, stage, extra):
    result = invoke("capstone", "new", stage, "my_project", "--title", "My project", "--json")
    assert result.exit_code == 0, result.output
    folder = workspace / "capstones" / "my_project"
    for relative in (
        "capstone.yaml",
        "README.md",
        "my_project.ipynb",
        "my_project.py",
        extra,
        "data",
        "figures",
    ):
        assert (folder / relative).exists(), relative
    manifest = yaml.safe_load((folder / "capstone.yaml").read_text())
    assert (
        manifest["name"] == "my_project"
        and manifest["stage"] == int(stage)
        and manifest["title"] == "My project"
    )
    paired = jupytext.read(folder / "my_project.py")
    assert paired.metadata["jupytext"]["formats"] == "ipynb,py:percent"  # Jupyter keeps the pair in step
    headings = [
        c.source.splitlines()[0]
        for c in paired.cells
        if c.cell_type == "markdown" and c.source.startswith("## ")
    ]
    assert headings == [f"## {s.title}" for s in stage_rules(int(stage)).sections]
    assert "__PROJECT" not in (folder / "README.md").read_text() + (folder / "my_project.py").read_text()
    assert capstone_projects(require_workspace()) == [folder]
    again = invoke("capstone", "new", stage, "my_project")
    assert again.exit_code == 1 and "exists already" in again.output and "Traceback" not in again.output


def test_an_untouched_template_fails_only_its_prose_rows(workspace):
    """Without running it: the prompts are not the learner's prose, and no cell is justified."""
    assert invoke("capstone", "new", "1", "fresh").exit_code == 0
    report = check_project(workspace / "capstones" / "fresh", runs=0)
    failed = {row.id for row in report.rows if row.status == "fail"}
    assert failed == {"prose.code_cells", "prose.sections", "prose.references", "evaluation.error_analysis"}


@pytest.mark.medium
def test_an_untouched_template_runs_and_reproduces(workspace):
    """The Capstone I template runs as it is (placeholder data), twice identically, in fast mode."""
    assert invoke("capstone", "new", "1", "fresh").exit_code == 0
    report = check_project(workspace / "capstones" / "fresh", runs=2)
    statuses = {row.id: row.status for row in report.rows}
    for row_id in ("frameworks.runtime", "reproducible.runs", "reproducible.same_metrics", "results.seeds"):
        assert statuses[row_id] == "pass", [(r.id, r.how_to_fix) for r in report.rows if r.status == "fail"]


def test_bad_names_and_stages_are_refused_with_a_hint(workspace):
    for args in (
        ("capstone", "new", "3", "fine_name"),
        ("capstone", "new", "1", "Bad Name"),
        ("capstone", "check", "nope"),
    ):
        result = invoke(*args)
        assert result.exit_code == 1 and "Hint" in result.output and "Traceback" not in result.output


def test_check_writes_the_report_and_records_it(workspace):
    write_project(workspace / "capstones" / "tiny", tiny_cells())
    result = invoke("capstone", "check", "tiny", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["overall"] == "pass"
    saved = json.loads(capstone_check_report(workspace / "capstones" / "tiny").read_text())
    assert saved["overall"] == "pass" and saved["ldl_version"] and saved["when"]
    assert {row["status"] for row in saved["rows"]} == {"pass", "self"}
    assert all(set(row) >= {"id", "title", "status", "how_to_fix"} for row in saved["rows"])
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        runs = store.lab_runs("capstone/tiny")
    assert [(r.status, r.metrics["overall"]) for r in runs] == [("pass", "pass")]
    listed = json.loads(invoke("capstone", "list", "--json").stdout)
    assert [(p["name"], p["overall"]) for p in listed] == [("tiny", "pass")]
    table = invoke("capstone", "check", "tiny")  # the human-readable table, failing rows explained
    assert table.exit_code == 0 and "Two runs report the same metrics" in table.output


def test_ideas_come_with_their_data():
    result = invoke("capstone", "ideas", "--json")
    stages = json.loads(result.stdout)["stages"]
    assert [s["stage"] for s in stages] == [1, 2]
    assert all(idea["data"] for stage in stages for idea in stage["ideas"])
    assert "gymnasium[box2d]" in invoke("capstone", "ideas", "2").output  # Rich did not eat the brackets


def test_check_by_path_outside_a_workspace(tmp_path, monkeypatch):
    monkeypatch.delenv("LDL_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    project = write_project(tmp_path / "elsewhere", tiny_cells())
    shutil.rmtree(project / "data", ignore_errors=True)
    assert check_project(project, runs=0).overall == "pass"
