"""run_notebook: statuses, errors, metrics, timeouts that kill, and no orphan processes."""

from __future__ import annotations

import json
import sys
import time

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ldl.errors import LdlError
from ldl.notebooks.runner import read_metrics, run_notebook


def notebook(*sources: str):
    return new_notebook(cells=[new_markdown_cell("# A test notebook"), *map(new_code_cell, sources)])


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_good_notebook_runs_in_the_given_env_and_cwd_and_reports_metrics(tmp_path):
    nb = notebook(
        "import os, ldl\nfrom ldl.notebooks.lab import FAST, report",
        "report(accuracy=0.75, fast=FAST)\nreport(loss=0.5, cwd=os.getcwd())",
        "print('done')",
    )
    result = run_notebook(nb, timeout_per_cell=60, env={"LDL_FAST": "1"}, cwd=tmp_path)
    assert result.status == "ok" and result.ok and result.error is None
    assert [cell.status for cell in result.cells] == ["ok", "ok", "ok"]
    assert [cell.index for cell in result.cells] == [1, 2, 3]  # the markdown cell is cell 0
    assert result.metrics == {"accuracy": 0.75, "fast": True, "loss": 0.5, "cwd": str(tmp_path)}
    assert list(result.metrics)[0] == "accuracy"  # the headline the tour shows
    assert gone(result.kernel_pid)


def test_a_raising_cell_is_an_error_with_its_exception_and_later_cells_do_not_run(tmp_path):
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook("x = 1", "def f():\n    return {}['missing']\nf()", "x = 2"), str(path))
    before = path.read_bytes()
    result = run_notebook(path, timeout_per_cell=60)
    assert result.status == "error"
    assert [cell.status for cell in result.cells] == ["ok", "error", "not_run"]
    failed = result.cells[1]
    assert (failed.error_name, failed.error_message) == ("KeyError", "'missing'")
    assert "return {}['missing']" in failed.traceback and "\x1b[" not in failed.traceback
    assert "KeyError" in result.error and "cell 2" in result.error
    assert path.read_bytes() == before  # outputs go to a copy, never into the learner's file


def test_a_cell_that_swallows_interrupts_is_killed_with_its_children(tmp_path):
    timeout = 3
    nb = notebook(
        "import os, subprocess, time\n"
        "child = subprocess.Popen(['sleep', '300'])\n"
        f"open({str(tmp_path / 'pids')!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')",
        "while True:\n    try:\n        time.sleep(1)\n    except BaseException:\n        pass",
        "print('never')",
    )
    start = time.monotonic()
    result = run_notebook(nb, timeout_per_cell=timeout)
    elapsed = time.monotonic() - start
    assert result.status == "timeout"
    assert [cell.status for cell in result.cells] == ["ok", "timeout", "not_run"]
    assert result.cells[1].duration_s < timeout + 3
    assert elapsed < timeout + 15  # kernel start-up included
    kernel_pid, child_pid = map(int, (tmp_path / "pids").read_text().split())
    assert kernel_pid == result.kernel_pid
    assert gone(kernel_pid) and gone(child_pid)


def test_the_whole_notebook_budget_stops_a_slow_notebook():
    nb = notebook("import time\ntime.sleep(1.5)", "time.sleep(1.5)", "time.sleep(1.5)")
    result = run_notebook(nb, timeout_per_cell=60, total_timeout=2.5)
    assert result.status == "timeout"
    assert [cell.status for cell in result.cells][:2] == ["ok", "timeout"]
    assert result.duration_s < 15


def test_a_kernel_that_dies_is_an_error_not_a_hang():
    result = run_notebook(notebook("import os\nos._exit(3)", "print('never')"), timeout_per_cell=30)
    assert result.status == "error"
    assert result.cells[0].error_name == "DeadKernelError"
    assert gone(result.kernel_pid)


@pytest.mark.parametrize(
    "content, complaint",
    [
        ("{ this is not json", "not valid JSON"),
        (
            json.dumps({"cells": "nope", "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
            "not a valid notebook",
        ),
    ],
)
def test_a_file_that_is_not_a_notebook_is_a_clear_error(tmp_path, content, complaint):
    path = tmp_path / "lab.ipynb"
    path.write_text(content)
    with pytest.raises(LdlError, match=complaint) as caught:
        run_notebook(path)
    assert str(path) in caught.value.message


def test_a_missing_notebook_is_a_clear_error(tmp_path):
    with pytest.raises(LdlError, match="no notebook"):
        run_notebook(tmp_path / "absent.ipynb")


def test_read_metrics_merges_lines_keeps_the_first_key_first_and_skips_junk(tmp_path):
    report = tmp_path / "report.jsonl"
    report.write_text('{"accuracy": 0.5}\nnot json\n[1, 2]\n{"loss": 1.0, "accuracy": 0.9}\n')
    assert read_metrics(report) == {"accuracy": 0.9, "loss": 1.0}
    assert list(read_metrics(report)) == ["accuracy", "loss"]
    assert read_metrics(tmp_path / "absent.jsonl") == {}


def test_the_default_kernel_is_ldls_interpreter_even_if_another_python3_kernelspec_exists(
    tmp_path, monkeypatch
):
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {"argv": ["/bin/false", "{connection_file}"], "display_name": "Elsewhere", "language": "python"}
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))  # searched before the venv's own kernelspecs
    result = run_notebook(
        notebook("import sys, ldl\nfrom ldl.notebooks.lab import report\nreport(python=sys.executable)")
    )
    assert result.status == "ok", result.error
    assert result.metrics["python"] == sys.executable
