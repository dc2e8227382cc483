"""Killed with SIGKILL at a random moment and resumed, a run ends bit-identical to one never killed.

The example MLP (dropout, shuffling, momentum, cosine schedule) trains in child processes. Each
repetition kills it one or more times, at a random step mid-epoch, right after a checkpoint appears,
or in the middle of a save (made deterministic by the save-pause testing hook), then resumes it to
the end. The loss sequence, the validation metrics and the final weights must equal the
uninterrupted run's exactly, and every resumed process must train on the same batches, in the same
order, as the uninterrupted run did at the same steps.

By default 3 repetitions run (one per kind of kill, ~30 s); all 10 run under `-m slow`.
Set LDL_TEST_SEED to replay a failing sequence of random kills.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest
import torch

from ldl.tracking import CheckpointManager, read_metrics
from ldl.tracking.checkpoint import SAVE_PAUSE_ENV
from ldl.tracking.example_mlp import Config

pytestmark = pytest.mark.torch

CHILD = Path(__file__).with_name("train_child.py")
CONFIG = Config(num_examples=800, num_epochs=3, batch_size=32, checkpoint_every=8, keep_last=2)
BATCHES_PER_EPOCH = 20  # 640 training examples / 32 per batch
TOTAL_STEPS = 3 * BATCHES_PER_EPOCH
KINDS = ("mid-epoch", "after-save", "during-save")


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "LDL_TENSORBOARD": "0"}
    env.pop(SAVE_PAUSE_ENV, None)
    return {**env, **(extra or {})}


def _start(root: Path, order_log: Path, resume: Path | None, env: dict[str, str]) -> subprocess.Popen:
    args = [sys.executable, str(CHILD), str(root), json.dumps(asdict(CONFIG)), str(order_log)]
    args += [str(resume)] if resume else []
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _steps_logged(order_log: Path) -> int:
    try:
        return sum(1 for _ in open(order_log, encoding="utf-8"))
    except FileNotFoundError:
        return 0


def _wait_until(process: subprocess.Popen, condition, timeout: float = 60) -> bool:
    """Poll `condition` until it holds (True) or the process ends first (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.001)
    raise AssertionError("the child neither reached the kill point nor finished")


def _kill_once(root: Path, run_dir: Path | None, order_log: Path, kind: str, rng: random.Random) -> bool:
    """Start (or resume) the child and SIGKILL it at a random point of `kind`. True if killed."""
    if run_dir:
        checkpoints = lambda: run_dir / "checkpoints"
    else:
        checkpoints = lambda: next(root.glob("*/*/*/checkpoints"))
    saved = [int(p.name[5:14]) for p in checkpoints().glob("step-*.pt")] if run_dir else []
    done = max(saved, default=0)  # where this process will start
    env = _env()
    later_saves = list(range(CONFIG.checkpoint_every, TOTAL_STEPS, CONFIG.checkpoint_every))
    later_saves = [step for step in later_saves if step > done]
    if not later_saves:  # killed after the last periodic save already: only a mid-epoch kill is left
        kind = "mid-epoch"
    if kind == "mid-epoch":
        target = rng.randint(1, TOTAL_STEPS - done - 1)  # steps this process trains before the kill
        condition = lambda: _steps_logged(order_log) >= target
    else:
        target = rng.choice(later_saves)
        name = f"step-{target:09d}.pt"
        if kind == "during-save":
            env = _env({SAVE_PAUSE_ENV: f"{target}:60"})
            # this process's own temporary file: an earlier killed save may have left one too
            condition = lambda: _exists(checkpoints, f".{name}.{process.pid}.tmp")
        else:
            condition = lambda: _exists(checkpoints, name)
    process = _start(root, order_log, run_dir, env)
    reached = _wait_until(process, condition)
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    assert reached or process.returncode == 0, err
    if reached and kind == "during-save":  # the save was cut short: its final file must not exist
        assert not (checkpoints() / name).exists()
    return reached and process.returncode == -signal.SIGKILL


def _exists(checkpoints, pattern: str) -> bool:
    try:
        return any(checkpoints().glob(pattern))
    except StopIteration:  # the run folder does not exist yet
        return False


def _final_weights(run_dir: Path) -> dict:
    checkpoint = CheckpointManager(run_dir / "checkpoints").latest()
    assert checkpoint.step == TOTAL_STEPS
    return checkpoint.state["model"]


def _order(order_log: Path) -> list[dict]:
    return [json.loads(line) for line in open(order_log, encoding="utf-8")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The uninterrupted run: its metrics, final weights and per-step batch order."""
    root = tmp_path_factory.mktemp("reference")
    order_log = root / "order.jsonl"
    result = _finish(_start(root, order_log, None, _env()))
    run_dir = Path(result["run_dir"])
    return {"metrics": read_metrics(run_dir), "weights": _final_weights(run_dir), "order": _order(order_log)}


def _interrupted_run(tmp_path: Path, kinds: list[str], rng: random.Random) -> tuple[Path, list[list]]:
    """Kill the run once per entry of `kinds`, then resume it to the end. Returns the run folder
    and, for each process, the steps it trained (from its own order log)."""
    root, run_dir, kills, processes = tmp_path / "runs", None, 0, []
    tmp_path.mkdir()
    for number, kind in enumerate(kinds):
        order_log = tmp_path / f"order-{number}.jsonl"
        kills += _kill_once(root, run_dir, order_log, kind, rng)
        run_dir = run_dir or next(root.glob("*/*/*"))
        processes.append(_order(order_log) if order_log.exists() else [])
    assert kills >= 1, "no kill landed: the test did not test anything"
    order_log = tmp_path / "order-final.jsonl"
    _finish(_start(root, order_log, run_dir, _env()))
    processes.append(_order(order_log))
    return run_dir, processes


def _check_identical(run_dir: Path, processes: list[list], reference: dict) -> None:
    got = read_metrics(run_dir)
    strip = lambda records: [{k: v for k, v in r.items() if k != "time"} for r in records]
    assert strip(got) == strip(reference["metrics"])  # every loss, lr and val metric, in order
    assert not list((run_dir / "checkpoints").glob(".*.tmp")), "a killed save's temporary file was left"
    weights = _final_weights(run_dir)
    assert weights.keys() == reference["weights"].keys()
    assert all(torch.equal(weights[k], reference["weights"][k]) for k in weights)
    by_step = {record["step"]: record for record in reference["order"]}
    for steps in processes[1:]:  # every resumed process: same batches at the same steps
        assert steps, "a resumed process trained no step"
        assert all(record == by_step[record["step"]] for record in steps)
        assert [r["step"] for r in steps] == list(range(steps[0]["step"], steps[-1]["step"] + 1))
    for steps in processes[1:]:  # the epoch a process resumed in: the uninterrupted epoch's order
        epoch, first_batch = steps[0]["epoch"], (steps[0]["step"] - 1) % BATCHES_PER_EPOCH
        ran = [r["indices"] for r in steps if r["epoch"] == epoch]
        expected = [r["indices"] for r in reference["order"] if r["epoch"] == epoch]
        assert ran == expected[first_batch : first_batch + len(ran)]


def _repetitions(count: int, tmp_path: Path, reference: dict) -> None:
    seed = int(os.environ.get("LDL_TEST_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    for repetition in range(count):
        extra = rng.choices(KINDS, k=rng.randint(0, 1)) if count > 3 else []  # repeated kills under `slow`
        kinds = [KINDS[repetition % 3], *extra]
        try:
            run_dir, processes = _interrupted_run(tmp_path / f"repetition-{repetition}", kinds, rng)
            _check_identical(run_dir, processes, reference)
        except Exception as error:
            raise AssertionError(f"repetition {repetition} ({kinds}), LDL_TEST_SEED={seed}") from error


def test_killed_and_resumed_runs_are_bit_identical(tmp_path, reference):
    _repetitions(3, tmp_path, reference)


@pytest.mark.slow
def test_killed_and_resumed_runs_are_bit_identical_10_of_10(tmp_path, reference):
    _repetitions(10, tmp_path, reference)
