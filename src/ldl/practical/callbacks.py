"""`RunLogger`: a fastai Callback that writes a Learner's metrics and checkpoints to an ldl Run.

fastai's `Learner` calls its callbacks at fixed events (before_fit, after_batch, after_epoch...).
Its `Recorder` callback already collects the numbers you see in the epoch table; `RunLogger` runs
just after it and copies them into `ldl.tracking`, so every run's metrics land in its run folder.

    learn = Learner(dls, model, metrics=accuracy)
    learn.fit_one_cycle(3, 1e-3, cbs=RunLogger(run))   # metrics.jsonl, checkpoints/, progress
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastai.callback.core import Callback
from fastai.learner import Recorder


class RunLogger(Callback):
    """Log the smoothed training loss every `every` steps and the epoch table after each epoch.

    `prefix` is prepended to every metric name, so two learners can share one run ("scratch_",
    "transfer_"). With `checkpoint`, the model's weights are saved through `run.checkpoints` after
    each epoch. `progress`, if given, receives an `ldl.tracking.Progress` after every step.
    """

    order = Recorder.order + 1  # after the Recorder has written this epoch's row
    run_valid = False  # after_batch fires for training batches only

    def __init__(
        self,
        run,
        every: int = 50,
        prefix: str = "",
        checkpoint: bool = True,
        progress: Callable[[Any], Any] | None = None,
    ):
        self.run, self.every, self.prefix = run, every, prefix
        self.checkpoint, self.progress = checkpoint, progress
        self.step = 0
        self.start_epoch = 0  # a resumed fit skips the epochs before this one (see resume.py)

    def before_fit(self) -> None:
        self.total_steps = self.step + (self.n_epoch - self.start_epoch) * len(self.dls.train)

    def after_batch(self) -> None:
        self.step += 1
        loss = {f"{self.prefix}train_loss": float(self.learn.smooth_loss)}
        if self.step % self.every == 0:
            self.run.log(step=self.step, **loss)
        if self.progress:
            from ldl.tracking import Progress

            self.progress(Progress(self.step, self.total_steps, self.epoch, loss))

    def after_epoch(self) -> None:
        if self.epoch < self.start_epoch:  # skipped by a resumed fit: nothing was trained
            return
        names = self.recorder.metric_names[1:-1]  # drop "epoch" and "time"
        values = self.recorder.log[1 : len(names) + 1]
        metrics = {f"{self.prefix}{name}": float(v) for name, v in zip(names, values) if v is not None}
        self.run.log(step=self.step, **{f"{self.prefix}epoch": self.epoch + 1}, **metrics)
        if self.checkpoint:
            self.run.checkpoints.save({"model": self.learn.model.state_dict()}, self.step)


class EpochTable:
    """A fastai Learner's `logger`: its epoch rows as a Rich table instead of raw Python lists.

    fastai's Recorder calls `learn.logger` once per epoch with that epoch's values, in the order
    of `learn.recorder.metric_names` (epoch, train_loss, valid_loss, the metrics, time); by
    default it prints the bare list. Each row is printed here as soon as it arrives (an epoch can
    take minutes), with fixed column widths so that the rows line up under the header printed
    with the first one. Rows of epochs skipped by a resumed fit (number and time only) are left out.
    """

    def __init__(self, learn, console=None, width: int = 11):
        from rich.console import Console

        self.learn, self.width = learn, width
        self.console = console or Console(stderr=True)
        self.header_shown = False

    def __call__(self, row) -> None:
        from rich import box
        from rich.table import Table

        names, row = list(self.learn.recorder.metric_names), list(row)
        if len(row) != len(names):
            return
        table = Table(box=box.SIMPLE_HEAD, show_header=not self.header_shown, show_edge=False, pad_edge=False)
        for name in names:
            table.add_column(name, justify="right", min_width=self.width, max_width=self.width)
        table.add_row(*(f"{v:.4f}" if isinstance(v, float) else str(v) for v in row))
        self.console.print(table)
        self.header_shown = True
