"""Shared by the agents' tests: stop a run politely part-way, read a run's final checkpoint,
require Ray where CI installs it, and import a script of benchmarks/ as a module."""

from __future__ import annotations

import importlib.util
import os
import signal
from pathlib import Path

import pytest

from ldl.tracking import CheckpointManager


def interrupt_at(step: int):
    """A progress callback that sends this process Ctrl-C once the run reaches `step`: the run
    saves a checkpoint at the next step boundary and returns with interrupted=True."""
    sent = []

    def callback(progress):
        if progress.step >= step and not sent:
            sent.append(progress.step)
            os.kill(os.getpid(), signal.SIGINT)

    return callback


def final_state(run_dir):
    return CheckpointManager(run_dir / "checkpoints").latest().state


def metric_rows(run_dir, keys):
    import json

    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    return [{k: row.get(k) for k in keys} for row in rows]


def require_ray():
    """Ray (the `scale` extra), or a skip; where LDL_REQUIRE_RAY is set (CI) a missing Ray fails."""
    if importlib.util.find_spec("ray") is None and os.environ.get("LDL_REQUIRE_RAY"):
        pytest.fail("Ray is missing but LDL_REQUIRE_RAY is set: install the `scale` extra")
    return pytest.importorskip("ray")


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load_benchmark(name: str):
    """benchmarks/<name>.py as a module (the folder is not a package), to call its functions."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
