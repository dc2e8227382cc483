"""Every reference run (`ldl run NAME`) stops on Ctrl-C with a checkpoint, says how to resume, and
resumed ends with the same final metrics as a run that was never interrupted.

The run is a real `ldl run NAME --fast` child process that receives a real SIGINT: the testing
hook LDL_TEST_SIGINT_AT_STEP=N makes it send SIGINT to itself when step N is reported, so the
interruption lands at a known step on any machine. The child restores the default SIGINT handler
first (a process started in the background inherits SIGINT ignored).

Default suite: one engine run (deep-dive.mlp, interrupted mid-epoch) through the CLI, and the
fastai resume machinery in-process on a tiny Learner (two phases, interrupted in the second epoch
of the second one). `-m slow`: all eight reference runs through the CLI.

Engine runs resume bit for bit. The fastai runs resume from the start of the interrupted epoch and
end with the same metrics too, because a checkpoint holds every generator (global and the
DataLoaders' own) besides the model and optimizer.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ldl.tracking import list_runs

TIMES = ("seconds", "train_seconds")  # wall-clock figures differ between any two runs
ENGINE_RUNS = {  # name: a step to interrupt at (fast mode)
    "deep-dive.mlp": 4,
    "deep-dive.cnn": 4,
    "deep-dive.char-lstm": 4,
    "deep-dive.transformer": 4,
    "deep-dive.lr-find": 12,
    "deep-dive.resnet": 4,
    "deep-dive.word2vec": 50,
    "deep-dive.seq2seq": 4,
}
FASTAI_RUNS = {
    "practical.vision": 20,
    "practical.collab": 20,
    "practical.text": 50,
    "practical.tabular": 5,
    "practical.ulmfit": 5,
}


def ldl_run(args: list[str], root: Path, interrupt_at: int | None = None) -> tuple[int, dict, str]:
    """Run `ldl run ... --json` in a child; returns (exit status, the JSON outcome, stderr)."""
    env = {**os.environ, "LDL_TENSORBOARD": "0", "LDL_OFFLINE": "1"}
    env.pop("LDL_TEST_SIGINT_AT_STEP", None)
    if interrupt_at is not None:
        env["LDL_TEST_SIGINT_AT_STEP"] = str(interrupt_at)
    child = subprocess.run(
        [sys.executable, "-m", "ldl", "run", *args, "--root", str(root), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        outcome = json.loads(child.stdout)
    except json.JSONDecodeError:
        raise AssertionError(
            f"no JSON outcome (exit {child.returncode}):\n{child.stdout}\n{child.stderr}"
        ) from None
    return child.returncode, outcome, child.stderr


def final(metrics: dict) -> dict:
    return {k: v for k, v in metrics.items() if k not in TIMES}


def check_interrupt_and_resume(name: str, at: int, tmp_path: Path) -> None:
    code, plain, _ = ldl_run([name, "--fast"], tmp_path / "plain")
    assert code == 0 and not plain["interrupted"]

    code, stopped, stderr = ldl_run([name, "--fast"], tmp_path / "resumed", interrupt_at=at)
    run_id = Path(stopped["run_dir"]).name
    assert code == 130 and stopped["interrupted"], stderr
    assert f"Interrupted — resume with: ldl run {name} --resume {run_id}" in stderr
    assert list(Path(stopped["run_dir"], "checkpoints").glob("step-*")), "no checkpoint was saved"
    assert [info.status for info in list_runs(tmp_path / "resumed")] == ["interrupted"]

    code, resumed, stderr = ldl_run([name, "--resume", run_id], tmp_path / "resumed")
    assert code == 0 and not resumed["interrupted"], stderr
    assert resumed["run_dir"] == stopped["run_dir"]
    assert final(resumed["metrics"]) == final(plain["metrics"])
    assert [info.status for info in list_runs(tmp_path / "resumed")] == ["finished"]


def test_an_engine_run_interrupted_mid_epoch_resumes_exactly(tmp_path):
    check_interrupt_and_resume("deep-dive.mlp", ENGINE_RUNS["deep-dive.mlp"], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ENGINE_RUNS) + sorted(FASTAI_RUNS))
def test_every_reference_run_interrupted_resumes_exactly(name, tmp_path):
    at = {**ENGINE_RUNS, **FASTAI_RUNS}[name]
    check_interrupt_and_resume(name, at, tmp_path)


class StopAt:
    """Stands in for GracefulInterrupt: `requested` turns True once the learner reaches `step`."""

    def __init__(self, logger, step: int):
        self.logger, self.step = logger, step

    @property
    def requested(self) -> bool:
        return self.logger.step >= self.step


def tiny_fastai_run(root: Path, stop_at: int | None = None, resume=None):
    """Two fastai fits in a row ("first", "second"), 3 epochs each, with dropout and Adam, through
    `ldl.practical.resume.Phases`; returns (run dir, final weights, interrupted)."""
    import fastai.callback.all  # noqa: F401
    import torch
    from fastai.learner import Learner
    from torch import nn

    from ldl.practical.callbacks import RunLogger
    from ldl.practical.loaders import tensor_dataloaders
    from ldl.practical.resume import Phases
    from ldl.tracking import seed_everything, start_run

    seed_everything(0)
    run = start_run("practical", "tiny", {"seed": 0}, root=root, resume=resume, tensorboard=False)
    x = torch.randn(256, 4)
    y = (x[:, 0] + x[:, 1] > 0).long()
    dls = tensor_dataloaders((x[:192], y[:192]), (x[192:], y[192:]), batch_size=32)
    weights = {}
    with Phases(run) as phases:
        for phase in ("first", "second"):
            model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 2))
            learn = Learner(dls, model, loss_func=nn.CrossEntropyLoss())
            if phases.result(phase, model) is None:
                logger = RunLogger(run, every=4, checkpoint=False)
                if stop_at is not None:
                    phases.interrupt = StopAt(logger, stop_at)
                with learn.no_bar(), learn.no_logging():
                    if not phases.fit(learn, phase, 3, 1e-2, logger):
                        run.close("interrupted")
                        return run.dir, None, True
                phases.done(phase, {"loss": float(learn.validate()[0])}, model)
            weights[phase] = {k: v.clone() for k, v in model.state_dict().items()}
    run.finish()
    return run.dir, weights, False


def test_fastai_phases_resume_with_the_same_weights(tmp_path):
    import torch

    _, plain, _ = tiny_fastai_run(tmp_path / "plain")
    run_dir, _, interrupted = tiny_fastai_run(tmp_path / "stopped", stop_at=6 * 3 + 8)  # 2nd phase, epoch 2
    assert interrupted
    _, resumed, interrupted = tiny_fastai_run(tmp_path / "stopped", resume=run_dir)
    assert not interrupted
    for phase in ("first", "second"):
        for key, value in plain[phase].items():
            assert torch.equal(resumed[phase][key], value), (phase, key)
