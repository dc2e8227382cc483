"""RunLogger copies a fastai Learner's epoch table, losses, checkpoints and progress into a Run."""

from __future__ import annotations

import torch
from torch import nn

from ldl.practical.callbacks import RunLogger
from ldl.practical.loaders import tensor_dataloaders
from ldl.tracking import CheckpointManager, start_run


def test_epochs_losses_checkpoints_and_progress_reach_the_run(tmp_path):
    import fastai.callback.all  # noqa: F401
    from fastai.learner import Learner
    from fastai.metrics import accuracy

    torch.manual_seed(0)
    x = torch.randn(256, 4)
    y = (x[:, 0] > 0).long()
    dls = tensor_dataloaders((x[:192], y[:192]), (x[192:], y[192:]), batch_size=32)
    model = nn.Linear(4, 2)
    run = start_run("practical", "callback-test", {"lr": 0.1}, root=tmp_path)
    seen = []
    learn = Learner(dls, model, loss_func=nn.CrossEntropyLoss(), metrics=accuracy)
    with learn.no_bar(), learn.no_logging():
        learn.fit(2, 0.1, cbs=RunLogger(run, every=4, prefix="demo_", progress=seen.append))
    run.finish()
    records = run.metrics()
    epochs = [r for r in records if "demo_epoch" in r]
    assert [r["demo_epoch"] for r in epochs] == [1, 2]
    assert [r["step"] for r in epochs] == [6, 12]  # 192 / 32 = 6 steps per epoch
    assert epochs[-1]["demo_accuracy"] == float(learn.recorder.values[-1][2])
    assert [r["step"] for r in records if "demo_epoch" not in r] == [4, 8, 12]  # every 4 steps
    assert [p.step for p in seen] == list(range(1, 13)) and seen[-1].total_steps == 12
    latest = CheckpointManager(run.dir / "checkpoints").latest()
    assert latest.step == 12 and torch.equal(latest.state["model"]["weight"], model.weight)
