"""Ctrl-C and SIGTERM stop a run with a fresh checkpoint; a second Ctrl-C quits without damage."""

import json
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from ldl.tracking import CheckpointManager
from ldl.tracking.checkpoint import SAVE_PAUSE_ENV
from ldl.tracking.example_mlp import Config

pytestmark = pytest.mark.torch

CHILD = Path(__file__).with_name("train_child.py")
CONFIG = Config(num_examples=800, num_epochs=50, checkpoint_every=10)  # far longer than the test waits


def _start(tmp_path: Path, env_extra: dict | None = None) -> subprocess.Popen:
    import os

    env = {**os.environ, "OMP_NUM_THREADS": "1", "LDL_TENSORBOARD": "0", **(env_extra or {})}
    args = [
        sys.executable,
        str(CHILD),
        str(tmp_path / "runs"),
        json.dumps(asdict(CONFIG)),
        str(tmp_path / "o"),
    ]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def _steps(tmp_path: Path) -> int:
    path = tmp_path / "o"
    return sum(1 for _ in open(path)) if path.exists() else 0


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_first_signal_saves_a_checkpoint_and_exits_within_10_seconds(tmp_path, signum):
    process = _start(tmp_path)
    _wait_for(lambda: _steps(tmp_path) >= 15, process)
    sent = time.monotonic()
    process.send_signal(signum)
    out, err = process.communicate(timeout=30)
    elapsed = time.monotonic() - sent
    assert process.returncode == 0, err
    assert elapsed < 10
    result = json.loads(out.strip().splitlines()[-1])
    assert result["interrupted"] and result["steps"] >= 15
    checkpoint = CheckpointManager(Path(result["run_dir"]) / "checkpoints").latest()
    assert checkpoint.step == result["steps"] == _steps(tmp_path)  # saved at the step it stopped
    assert json.loads((Path(result["run_dir"]) / "run.json").read_text())["status"] == "interrupted"


def test_second_ctrl_c_during_a_save_keeps_the_last_good_checkpoint(tmp_path):
    process = _start(tmp_path, {SAVE_PAUSE_ENV: "20:60"})  # the save of step 20 hangs mid-way
    _wait_for(lambda: any((tmp_path / "runs").glob("*/*/*/checkpoints/.step-000000020.pt.*.tmp")), process)
    process.send_signal(signal.SIGINT)
    time.sleep(0.2)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - sent < 20  # far below the 60 s the save would hang; slack for a busy machine
    assert process.returncode != 0 and "KeyboardInterrupt" in err
    checkpoints = next((tmp_path / "runs").glob("*/*/*/checkpoints"))
    assert not list(checkpoints.glob(".*.tmp")), "the interrupted save left its temporary file"
    assert CheckpointManager(checkpoints).latest().step == 10
