"""Runs: folder layout, metrics, plots, TensorBoard files, roots, lookup, and resuming."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from ldl.errors import LdlError
from ldl.tracking import find_run, list_runs, start_run
from ldl.tracking.store import default_root


@dataclass
class Config:
    lr: float = 0.1
    batch_size: int = 8
    out: Path = Path("x")


def test_a_run_writes_the_documented_layout(tmp_path):
    run = start_run("deep-dive", "mlp", Config(), root=tmp_path)
    assert run.dir.parent == tmp_path / "deep-dive" / "mlp"
    for step in range(1, 4):
        run.log(step=step, loss=np.float32(1 / step), accuracy=step / 4)
    run.checkpoints.save({"w": np.zeros(2)}, 3)
    plot = run.plot_metrics()
    run.finish(accuracy=0.75)
    assert json.loads((run.dir / "config.json").read_text()) == {"lr": 0.1, "batch_size": 8, "out": "x"}
    records = [json.loads(line) for line in (run.dir / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records] == [1, 2, 3] and records[1]["loss"] == 0.5
    assert json.loads((run.dir / "summary.json").read_text()) == {"accuracy": 0.75}
    assert json.loads((run.dir / "run.json").read_text())["status"] == "finished"
    assert plot == run.dir / "plots" / "metrics.png" and plot.read_bytes()[:4] == b"\x89PNG"
    assert (run.dir / "checkpoints" / "step-000000003.npz").exists()


def test_tensorboard_event_files_hold_the_scalars(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run = start_run("deep-dive", "mlp", {"lr": 0.1}, root=tmp_path, tensorboard=True)
    for step in range(5):
        run.log(step=step, loss=10.0 - step)
    run.finish()
    events = EventAccumulator(str(run.dir / "tensorboard"))
    events.Reload()
    assert [(e.step, e.value) for e in events.Scalars("loss")] == [(s, 10.0 - s) for s in range(5)]


def test_save_figure_writes_a_png(tmp_path):
    from matplotlib.figure import Figure

    figure = Figure()
    figure.add_subplot().plot([1, 2, 3])
    path = start_run("math", "plots", {}, root=tmp_path, tensorboard=False).save_figure(figure, "line")
    assert path.name == "line.png" and path.read_bytes()[:4] == b"\x89PNG"


def test_default_root_prefers_env_then_workspace_then_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("LDL_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LDL_RUNS_DIR", raising=False)
    assert default_root() == Path("runs")
    (tmp_path / "ldl-workspace.toml").write_text("schema = 1\n")
    assert default_root() == tmp_path / "runs"
    monkeypatch.setenv("LDL_RUNS_DIR", str(tmp_path / "elsewhere"))
    assert default_root() == tmp_path / "elsewhere"


def test_resume_rewinds_metrics_to_the_checkpoint(tmp_path):
    run = start_run("deep-dive", "mlp", Config(), root=tmp_path, tensorboard=False)
    for step in range(1, 6):
        run.log(step=step, loss=float(step))
        if step == 3:
            run.checkpoints.save({"position": step}, step)
    run._metrics_file.write('{"step": 6, "lo')  # a crash in the middle of a line
    run._metrics_file.flush()
    resumed = start_run("deep-dive", "mlp", Config(), root=tmp_path, resume=True, tensorboard=False)
    assert resumed.dir == run.dir and resumed.resumed.state == {"position": 3}
    assert [r["step"] for r in resumed.metrics()] == [1, 2, 3]
    resumed.log(step=4, loss=4.0)
    assert [r["step"] for r in resumed.metrics()] == [1, 2, 3, 4]


def test_resume_with_a_different_config_is_refused_naming_the_fields(tmp_path):
    run = start_run("deep-dive", "mlp", Config(), root=tmp_path, tensorboard=False)
    with pytest.raises(LdlError, match="batch_size: 8 -> 16") as refused:
        start_run("deep-dive", "mlp", Config(batch_size=16), root=tmp_path, resume=run.run_id)
    assert "lr" not in refused.value.message


def test_resume_of_another_scripts_run_is_refused(tmp_path):
    run = start_run("deep-dive", "mlp", Config(), root=tmp_path, tensorboard=False)
    with pytest.raises(LdlError, match="it is a deep-dive/mlp run"):
        start_run("deep-dive", "cnn", Config(), root=tmp_path, resume=run.run_id)


def test_resume_true_without_earlier_runs_starts_a_new_one(tmp_path):
    run = start_run("deep-dive", "mlp", Config(), root=tmp_path, resume=True, tensorboard=False)
    assert run.resumed is None and (run.dir / "config.json").exists()


def test_find_run_by_id_prefix_path_and_latest(tmp_path):
    first = start_run("deep-dive", "a", {}, root=tmp_path, tensorboard=False)
    second = start_run("math", "b", {}, root=tmp_path, tensorboard=False)
    assert find_run(first.run_id, tmp_path) == first.dir
    assert find_run(str(second.dir), tmp_path) == second.dir
    assert find_run("latest", tmp_path) == max(first.dir, second.dir, key=lambda d: d.name)
    with pytest.raises(LdlError, match="No run"):
        find_run("nope", tmp_path)
    assert [info.stage for info in list_runs(tmp_path, stage="math")] == ["math"]


def test_a_running_run_whose_process_is_gone_is_listed_as_interrupted(tmp_path):
    import subprocess
    import sys

    run = start_run("deep-dive", "mlp", {}, root=tmp_path, tensorboard=False)
    assert list_runs(tmp_path)[0].status == "running"  # this very process
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    meta = json.loads((run.dir / "run.json").read_text())
    (run.dir / "run.json").write_text(json.dumps({**meta, "pid": int(dead.stdout)}))
    assert list_runs(tmp_path)[0].status == "interrupted"


def test_a_running_run_whose_pid_was_reused_is_listed_as_interrupted(tmp_path):
    """The recorded pid is alive (this test's own process) but started at another time: another
    process took the dead run's id, so the run is not running."""
    run = start_run("deep-dive", "mlp", {}, root=tmp_path, tensorboard=False)
    meta = json.loads((run.dir / "run.json").read_text())
    assert meta["pid"] == os.getpid() and meta["pid_started"] > 0
    (run.dir / "run.json").write_text(json.dumps({**meta, "pid_started": meta["pid_started"] - 3600}))
    assert list_runs(tmp_path)[0].status == "interrupted"
    (run.dir / "run.json").write_text(json.dumps(meta))
    assert list_runs(tmp_path)[0].status == "running"
