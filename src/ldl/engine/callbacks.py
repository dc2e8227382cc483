"""The Learner's standard callbacks: metrics, schedules, progress, early stopping, tracking.

Each is a few lines that hook one or two moments of the loop (see learner.py). Writing your own
is the same: subclass `Callback`, define the events you need, pass an instance to the Learner.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from ldl.engine.learner import Callback, CancelFit, Learner


class MetricsCallback(Callback):
    """After each epoch, score the validation outputs: metrics={"accuracy": accuracy, ...}."""

    order = -10  # before the callbacks that read learner.metrics

    def __init__(self, **metrics: Callable[[np.ndarray, np.ndarray], float]):
        self.functions = metrics

    def after_epoch(self, learner: Learner) -> None:
        for name, function in self.functions.items():
            learner.metrics[name] = function(learner.valid_outputs, learner.valid_targets)


class ScheduleCallback(Callback):
    """Step a learning-rate schedule after every batch (and pick it up at the learner's step when
    a resumed run starts)."""

    def __init__(self, schedule):
        self.schedule = schedule

    def before_fit(self, learner: Learner) -> None:
        self.schedule.step_count = learner.step
        learner.optimizer.lr = self.schedule.lr_at(learner.step)

    def after_batch(self, learner: Learner) -> None:
        self.schedule.step()


class ProgressCallback(Callback):
    """Print one line per epoch: its number, the last training loss, the metrics, the time."""

    order = 10

    def __init__(self, print_fn: Callable[[str], None] = print):
        self.print_fn = print_fn

    def before_epoch(self, learner: Learner) -> None:
        self.start = time.perf_counter()

    def after_epoch(self, learner: Learner) -> None:
        scores = "  ".join(f"{k} {v:.4f}" for k, v in learner.metrics.items() if k != "epoch")
        elapsed = time.perf_counter() - self.start
        where = f"epoch {learner.epoch + 1}/{learner.num_epochs}"
        self.print_fn(f"{where}  loss {learner.loss:.4f}  {scores}  {elapsed:.1f}s")


class EarlyStopping(Callback):
    """Stop when `monitor` has not improved by `min_delta` for `patience` epochs.

    `mode` is "min" for losses, "max" for accuracies. `best` and `best_epoch` record the winner.
    """

    order = 5

    def __init__(
        self, monitor: str = "valid_loss", patience: int = 2, min_delta: float = 0.0, mode: str = "min"
    ):
        self.monitor, self.patience, self.min_delta = monitor, patience, min_delta
        self.sign = 1.0 if mode == "min" else -1.0
        self.best, self.best_epoch, self.waited = math.inf, -1, 0

    def after_epoch(self, learner: Learner) -> None:
        value = self.sign * learner.metrics[self.monitor]
        if value < self.best - self.min_delta:
            self.best, self.best_epoch, self.waited = value, learner.epoch, 0
            return
        self.waited += 1
        if self.waited >= self.patience:
            raise CancelFit


class TrackingCallback(Callback):
    """Log the training loss every `log_every` steps and the metrics every epoch to an
    `ldl.tracking` Run; save a checkpoint (`learner.state()`) every `checkpoint_every` epochs, and
    one when training was interrupted (at the step it stopped, pointing at the next batch)."""

    order = 20

    def __init__(self, run, log_every: int = 10, checkpoint_every: int = 1):
        self.run, self.log_every, self.checkpoint_every = run, log_every, checkpoint_every

    def after_batch(self, learner: Learner) -> None:
        if learner.step % self.log_every == 0:
            self.run.log(step=learner.step, loss=learner.loss, lr=learner.optimizer.lr)

    def after_epoch(self, learner: Learner) -> None:
        self.run.log(step=learner.step, **learner.metrics)
        if self.checkpoint_every and (learner.epoch + 1) % self.checkpoint_every == 0:
            state = learner.state()
            state["position"].update(epoch=learner.epoch + 1, batch=0)  # resume at the next epoch
            self.run.checkpoints.save(state, learner.step)

    def after_fit(self, learner: Learner) -> None:
        if learner.interrupted:  # position: this epoch, the batch after the last one trained
            self.run.checkpoints.save(learner.state(), learner.step)


class ProgressEvents(Callback):
    """Send an `ldl.tracking.Progress` (step, total steps, epoch, loss) to `report` after every
    batch: `ldl run` draws its progress bar from these. The total counts every batch of every
    epoch, including those a resumed run has already trained."""

    order = 30

    def __init__(self, report: Callable, total_steps: int):
        self.report, self.total_steps = report, total_steps

    def after_batch(self, learner: Learner) -> None:
        from ldl.tracking import Progress

        self.report(Progress(learner.step, self.total_steps, learner.epoch, {"loss": learner.loss}))
