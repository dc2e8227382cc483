"""The Learner and its callbacks on a small synthetic problem: it learns, stops early, logs to a
tracking run, and resumes from a checkpoint exactly."""

from __future__ import annotations

import numpy as np
import pytest

from ldl.engine import manual_seed, nn, optim
from ldl.engine.callbacks import (
    EarlyStopping,
    MetricsCallback,
    ProgressCallback,
    ScheduleCallback,
    TrackingCallback,
)
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.learner import Callback, Learner, accuracy
from ldl.engine.losses import cross_entropy
from ldl.engine.schedules import CosineAnnealingLR


def blobs(n=300, seed=0):
    """Three Gaussian blobs in 2-D: x (n, 2) float32, y (n,) int."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    centres = np.array([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
    return (centres[y] + 0.5 * rng.normal(size=(n, 2))).astype(np.float32), y


def make_learner(callbacks=(), dropout=0.0, init_seed=0, seed=0):
    manual_seed(init_seed)
    x, y = blobs()
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(dropout), nn.Linear(16, 3))
    train = DataLoader(ArrayDataset(x[:240], y[:240]), batch_size=32, shuffle=True, seed=seed)
    valid = DataLoader(ArrayDataset(x[240:], y[240:]), batch_size=64)
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    return Learner(model, train, valid, cross_entropy, opt, [MetricsCallback(accuracy=accuracy), *callbacks])


def test_learner_learns_and_reports_metrics():
    lines = []
    learner = make_learner([ProgressCallback(lines.append)])
    history = learner.fit(5)
    assert len(history) == 5 and len(lines) == 5
    assert history[-1]["valid_loss"] < history[0]["valid_loss"]
    assert history[-1]["accuracy"] > 0.9
    assert learner.step == 5 * 8


def test_early_stopping_stops_when_the_metric_stalls():
    class Stall(Callback):
        order = 0  # after metrics, before early stopping: pretend nothing improves after epoch 0

        def after_epoch(self, learner):
            learner.metrics["valid_loss"] = 1.0 + learner.epoch

    stopper = EarlyStopping(patience=2)
    history = make_learner([Stall(), stopper]).fit(10)
    assert len(history) == 3 and stopper.best_epoch == 0


def test_schedule_callback_moves_the_learning_rate():
    learner = make_learner()
    schedule = CosineAnnealingLR(learner.optimizer, total_steps=16)
    learner.callbacks.append(ScheduleCallback(schedule))
    learner.fit(2)
    assert learner.optimizer.lr == pytest.approx(0.0)


def test_tracking_logs_and_checkpoints_then_resumes_exactly(tmp_path):
    from ldl.tracking import start_run

    straight = make_learner(dropout=0.2)
    straight.fit(3)

    run = start_run("deep-dive", "learner-test", {"seed": 0}, root=tmp_path)
    first = make_learner([TrackingCallback(run, log_every=4, checkpoint_every=2)], dropout=0.2)
    first.fit(2)  # checkpoint after epoch 2
    run.finish()
    logged = run.metrics()
    assert any("loss" in r for r in logged) and any("accuracy" in r for r in logged)

    checkpoint = run.checkpoints.latest()
    assert checkpoint is not None and checkpoint.step == 16
    resumed = make_learner(dropout=0.2, init_seed=123)  # different initial weights, overwritten below
    resumed.load_state(checkpoint.state)
    resumed.fit(3, start_epoch=checkpoint.state["position"]["epoch"])
    for (name, a), (_, b) in zip(
        straight.model.named_parameters(), resumed.model.named_parameters(), strict=True
    ):
        np.testing.assert_array_equal(a.data, b.data, err_msg=name)


def test_lr_range_test_sweeps_upwards_and_puts_the_weights_back():
    from ldl.engine.lr_finder import lr_range_test

    learner = make_learner()
    before = learner.model.state_dict()
    batches = list(learner.train_loader)
    found = lr_range_test(learner.model, learner.optimizer, cross_entropy, batches, 1e-4, 1e6, num_steps=60)
    assert found.lrs == sorted(found.lrs) and 3 <= len(found.lrs) < 60  # stopped when the loss blew up
    assert found.lrs[0] <= found.suggested_lr <= found.lrs[-1]
    for name, value in learner.model.state_dict().items():
        np.testing.assert_array_equal(value, before[name], err_msg=name)
    assert learner.optimizer.lr == 0.1 and learner.optimizer.state == [{} for _ in learner.optimizer.params]


def test_a_resumed_schedule_continues_from_the_saved_step():
    def with_schedule(learner):
        learner.callbacks.append(ScheduleCallback(CosineAnnealingLR(learner.optimizer, total_steps=24)))
        return learner

    straight = with_schedule(make_learner())
    straight.fit(3)
    first = with_schedule(make_learner())
    first.fit(2)
    resumed = with_schedule(make_learner(init_seed=5))  # its schedule starts at step 0 ...
    resumed.load_state(first.state())
    resumed.fit(3, start_epoch=2)  # ... and is moved to step 16 by before_fit
    assert resumed.callbacks[-1].schedule.step_count == 24
    for (name, a), (_, b) in zip(
        straight.model.named_parameters(), resumed.model.named_parameters(), strict=True
    ):
        np.testing.assert_array_equal(a.data, b.data, err_msg=name)
