"""The worked examples in examples/capstones/ pass `ldl capstone check`: the rows read from the
files by default, the whole check (two fast runs of each notebook) in the medium tier."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ldl.capstone.check import check_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "capstones"
NAMES = ["digits_mlp", "cartpole_reinforce"]


def copy(name: str, tmp_path: Path) -> Path:
    """A copy, so that a check never writes into the repository."""
    return Path(shutil.copytree(EXAMPLES / name, tmp_path / name, ignore=shutil.ignore_patterns(".ldl")))


def failures(report) -> list[tuple[str, str]]:
    return [(row.id, row.how_to_fix) for row in report.rows if row.status == "fail"]


@pytest.mark.parametrize("name", NAMES)
def test_the_worked_examples_pass_the_static_rows(name, tmp_path):
    report = check_project(copy(name, tmp_path), runs=0)
    assert report.overall == "pass", failures(report)
    assert report.stage == (1 if name == "digits_mlp" else 2)


@pytest.mark.parametrize("name", NAMES)
def test_the_paired_files_of_the_examples_agree(name):
    """The .ipynb and the .py of each example hold the same cells (jupytext keeps them paired)."""
    import jupytext

    script = jupytext.read(EXAMPLES / name / f"{name}.py")
    notebook = jupytext.read(EXAMPLES / name / f"{name}.ipynb")
    assert [c.source for c in script.cells] == [c.source for c in notebook.cells]


@pytest.mark.medium
@pytest.mark.parametrize("name", NAMES)
def test_the_worked_examples_pass_the_whole_check(name, tmp_path):
    report = check_project(copy(name, tmp_path), runs=2)
    assert report.overall == "pass", failures(report)
    assert {row.status for row in report.rows} == {"pass", "self"}
