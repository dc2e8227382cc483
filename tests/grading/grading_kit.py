"""A tiny exercise written into a temporary folder, so grading tests control every file.

    job = make_job(tmp_path, LEARNER_SOURCE)   # a runner.Job for the learner's source
    result = grade(job)

The exercise has two functions, `scale(x, factor)` and `total(x)`, three cases (the last with a
hidden input), and one known mistake. Limits are short so that loops are stopped quickly.
"""

from __future__ import annotations

import os
import textwrap
import uuid
from pathlib import Path

import psutil

from ldl.grading.runner import Job
from ldl.grading.sandbox import TOKEN_VARIABLE, Limits

FAST_LIMITS = Limits(wall_seconds=1.5, memory_mb=300, setup_seconds=30)
HIDDEN_INPUT = 123456.0

SOLUTION = '''
import numpy as np


def scale(x, factor):
    """x * factor."""
    return x * factor


def total(x):
    """The sum of all entries."""
    return float(np.sum(x))
'''

CHECKS = f"""
import numpy as np

from ldl.grading.spec import Case


def cases():
    x = np.arange(6.0).reshape(2, 3)
    return [
        Case("scale a matrix", call="scale", args=(x, 2.0)),
        Case("total of a matrix", call="total", args=(x,)),
        Case("a hidden case", call="scale", args=(np.array([{HIDDEN_INPUT}]), 3.0), show_input=False),
    ]
"""

MISTAKE = '''"""You multiply by the factor twice."""


def scale(x, factor):
    return x * factor * factor


def total(x):
    return float(x.sum())
'''

CORRECT = SOLUTION


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_job(
    tmp_path: Path,
    learner_source: str,
    *,
    limits: Limits = FAST_LIMITS,
    requires: tuple[str, ...] = ("numpy",),
    solution: str = SOLUTION,
    checks: str = CHECKS,
    extra_learner_files: dict[str, str] | None = None,
) -> Job:
    """Write the exercise and the learner's file under tmp_path and return the grading job."""
    folder = tmp_path / "content" / "tiny"
    write(folder / "solution.py", solution)
    write(folder / "checks.py", checks)
    write(folder / "mistakes" / "squared_factor.py", MISTAKE)
    workspace = tmp_path / "workspace"
    write(workspace / ".ldl" / "progress.sqlite", "the learner's progress: not for exercise code")
    learner = write(workspace / "exercises" / "2-math" / "tiny.py", learner_source)
    for name, text in (extra_learner_files or {}).items():
        write(learner.parent / name, text)
    return Job(
        exercise_id="tiny",
        learner_file=learner,
        solution_file=folder / "solution.py",
        checks_file=folder / "checks.py",
        limits=limits,
        mistakes_dir=folder / "mistakes",
        requires=requires,
        protected=(folder, workspace / ".ldl"),
    )


SESSION_VARIABLE = "LDL_GRADING_TEST_SESSION"
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # under pytest-xdist, each worker its own session
if not os.environ.get(SESSION_VARIABLE, "").endswith(f"-{_WORKER}"):
    os.environ[SESSION_VARIABLE] = f"{uuid.uuid4().hex}-{_WORKER}"
SESSION = os.environ[SESSION_VARIABLE]  # inherited by our sandboxes only


def sandbox_processes() -> list[psutil.Process]:
    """Every live process started by a sandbox of this test session (other people may be grading
    on the same machine: their sandboxes carry a token too, but not our session variable)."""
    found = []
    for process in psutil.process_iter():
        try:
            environ = process.environ()
            if (
                process.pid != os.getpid()
                and TOKEN_VARIABLE in environ
                and environ.get(SESSION_VARIABLE) == SESSION
            ):
                if process.status() != psutil.STATUS_ZOMBIE:
                    found.append(process)
        except psutil.Error:
            continue
    return found
