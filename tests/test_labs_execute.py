"""CI executes every lab of the repository in fast mode (LDL_FAST=1) within its `fast_timeout`.

Each lab runs exactly as `ldl tour` runs it: ldl's own copy, in a throwaway workspace, through the
same runner (a timeout on every cell, the kernel killed on expiry). A failure shows the cell, the
exception and the end of its traceback.

A lab that ran is not yet a lab that shows what it claims: every lab's `report(...)` declares
`expect=` thresholds on its key metrics, set so that a model that learned nothing fails them, and
`report` raises inside the lab when one is missed (so the lab's run fails here and in `ldl tour`).
The content test below makes sure no lab skips them.
"""

from __future__ import annotations

import ast

import pytest

from ldl.curriculum.items import load_labs
from ldl.notebooks.lab import check_expectations, report
from ldl.notebooks.labs import run_reference_lab
from ldl.paths import CONTENT_ROOT
from ldl.progress.store import ProgressStore
from ldl.tour import tour_workspace

LABS = load_labs()


def test_every_lab_file_in_the_repository_is_executed_below():
    files = sorted(path.stem for path in CONTENT_ROOT.glob("stages/*/labs/*.py"))
    assert sorted(lab.id for lab in LABS) == files


@pytest.mark.parametrize("lab", LABS, ids=[lab.id for lab in LABS])
def test_lab_runs_in_fast_mode(lab):
    with tour_workspace(None) as (workspace, _), ProgressStore(workspace.progress_db) as store:
        result = run_reference_lab(lab, workspace, store).notebook
    failed = [cell for cell in result.cells if cell.status not in ("ok", "not_run")]
    details = "\n".join(f"{c.error_name}: {c.error_message}\n{c.traceback or ''}" for c in failed)
    assert result.status == "ok", f"{lab.id}: {result.error}\n{details}"
    assert result.duration_s <= lab.fast_timeout


def report_calls(source: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "report"
    ]


@pytest.mark.parametrize("lab", LABS, ids=[lab.id for lab in LABS])
def test_every_lab_declares_thresholds_on_metrics_it_reports(lab):
    calls = report_calls(lab.path.read_text(encoding="utf-8"))
    assert calls, f"{lab.id} never calls report(...)"
    for call in calls:
        reported = {keyword.arg for keyword in call.keywords} - {"expect"}
        expect = next((k.value for k in call.keywords if k.arg == "expect"), None)
        assert isinstance(expect, ast.Dict) and expect.keys, (
            f"{lab.id}: report(...) needs expect={{metric: (op, threshold)}}, derived from a baseline "
            "that a model that learned nothing would score"
        )
        names = {key.value for key in expect.keys if isinstance(key, ast.Constant)}
        assert names and names <= reported, f"{lab.id}: expectations on unreported metrics {names - reported}"


def test_report_raises_when_a_threshold_is_missed(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_LAB_REPORT", str(tmp_path / "report.jsonl"))
    report(accuracy=0.95, expect={"accuracy": (">", 0.4)})  # holds: no error
    with pytest.raises(AssertionError, match=r"accuracy = 0.1, but the lab expects > 0.4"):
        report(accuracy=0.1, expect={"accuracy": (">", 0.4)})  # chance level on 10 classes
    assert (tmp_path / "report.jsonl").read_text().count("accuracy") == 2  # still recorded
    assert check_expectations({"loss": float("nan")}, {"loss": ("<", 1.0)}) == ["loss is NaN; expected < 1"]
    assert "not reported" in check_expectations({}, {"loss": ("<", 1.0)})[0]
    assert "unknown comparison" in check_expectations({"loss": 0.5}, {"loss": ("~", 1.0)})[0]
