"""What the reference runs share: the result type, Fashion-MNIST as engine batches, and the one
loop that trains a model through the Learner into an `ldl.tracking` run (text lives in text.py)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ldl.engine.callbacks import (
    MetricsCallback,
    ProgressCallback,
    ProgressEvents,
    ScheduleCallback,
    TrackingCallback,
)
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.learner import Learner, accuracy
from ldl.engine.schedules import OneCycleLR

STAGE = "deep-dive"


@dataclass
class Result:
    """What every recipe's `train` returns."""

    metrics: dict[str, float]
    run_dir: Path
    history: list[dict[str, float]] = field(default_factory=list)
    sample: str = ""  # generated text, for the language models
    interrupted: bool = False  # stopped by Ctrl-C/SIGTERM; `ldl run NAME --resume RUN_ID` continues


# ------------------------------------------------------------------------------ Fashion-MNIST


def fashion_mnist(fast: bool, flat: bool, seed: int):
    """(train_x, train_y, test_x, test_y): images as float32 standardised with the training set's
    pixel mean and standard deviation, labels as int64.

    Images are (N, 784) when `flat`, else (N, 1, 28, 28). `fast` keeps 1,024 training and 500
    test images (a random, seeded subset) so a run takes seconds.
    """
    from ldl import data

    fashion = data.load_image_classification("fashion-mnist", fast=fast)  # fast: a stand-in if not here
    arrays = [fashion.train_images, fashion.train_labels, fashion.test_images, fashion.test_labels]
    rng = np.random.default_rng(seed)
    if fast:
        for split, limit in ((0, 1024), (2, 500)):
            keep = rng.choice(len(arrays[split]), size=limit, replace=False)
            arrays[split], arrays[split + 1] = arrays[split][keep], arrays[split + 1][keep]
    shape = (-1, 784) if flat else (-1, 1, 28, 28)
    for split in (0, 2):  # 0.2860 and 0.3530 are Fashion-MNIST's pixel mean and std
        arrays[split] = ((arrays[split].astype(np.float32) / 255.0 - 0.2860) / 0.3530).reshape(shape)
    return tuple(arrays)


def image_loaders(config, flat: bool) -> tuple[DataLoader, DataLoader]:
    train_x, train_y, test_x, test_y = fashion_mnist(config.fast, flat, config.seed)
    train = DataLoader(ArrayDataset(train_x, train_y), config.batch_size, shuffle=True, seed=config.seed)
    test = DataLoader(ArrayDataset(test_x, test_y), batch_size=1000)
    return train, test


# ------------------------------------------------------------------------------ the loop


def threads(config):
    """Limit numpy's BLAS to `config.num_threads` threads (None: no limit).

    One thread is the default because the engine's matrices are small: on a busy or small
    machine, extra BLAS threads mostly wait for each other (measured here: 4x slower with two
    threads on a loaded 2-core machine).
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=config.num_threads)


def fit(
    config,
    name,
    model,
    loss_fn,
    optimizer,
    train_loader,
    valid_loader,
    num_epochs,
    metrics=None,
    root=None,
    resume=None,
    progress=None,
) -> tuple[Any, Learner]:
    """Train with a one-cycle schedule, logging to runs/deep-dive/<name>/<run-id>/ and
    checkpointing each epoch. Returns (the tracking run, still open, and the learner).

    `resume` (True, "latest", a run id or a run folder) continues a run from its newest checkpoint:
    the model, optimizer, dropout generator and position (epoch and next batch) come back, and the
    batch order is a function of (seed, epoch), so the result equals an uninterrupted run's.
    Ctrl-C or SIGTERM stops at the end of the current step with a checkpoint and
    `learner.interrupted` set; the recipe then returns `stopped(run, learner)`.
    """
    from ldl.tracking import GracefulInterrupt, start_run

    run = start_run(STAGE, name, config, root=root, resume=resume)
    total_steps = num_epochs * len(train_loader)
    schedule = OneCycleLR(optimizer, max_lr=config.lr, total_steps=total_steps)
    callbacks = [ScheduleCallback(schedule), TrackingCallback(run, log_every=10)]
    if metrics:
        callbacks.append(MetricsCallback(**metrics))
    callbacks.append(ProgressCallback(print_fn=lambda line: print(line, file=sys.stderr)))  # stdout: --json
    if progress is not None:
        callbacks.append(ProgressEvents(progress, total_steps))
    learner = Learner(model, train_loader, valid_loader, loss_fn, optimizer, callbacks)
    if run.resumed:  # built exactly as for a new run, then given the saved state (RNG last)
        learner.load_state(run.resumed.state)
    start = time.perf_counter()
    with threads(config), GracefulInterrupt() as interrupt:
        learner.interrupt = interrupt
        learner.fit(num_epochs, start_epoch=learner.epoch, start_batch=learner.batch)
    learner.train_seconds = time.perf_counter() - start
    return run, learner


def stopped(run, learner: Learner) -> Result:
    """The Result of a run stopped by Ctrl-C/SIGTERM: its checkpoint is saved, its status is
    "interrupted", and `ldl run NAME --resume RUN_ID` continues it."""
    run.close("interrupted")
    return Result({"loss": learner.loss, "steps": learner.step}, run.dir, learner.history, interrupted=True)


def finish(run, learner: Learner, sample: str = "", **extra: float) -> Result:
    """Write the summary (and the generated sample, if any) and the metric plots; return the Result."""
    metrics = {**learner.history[-1], "steps": learner.step, "train_seconds": round(learner.train_seconds, 1)}
    metrics.pop("epoch", None)
    metrics.update(extra)
    if sample:
        (run.dir / "sample.txt").write_text(sample, encoding="utf-8")
    run.plot_metrics()
    run.finish(**metrics)
    return Result(metrics, run.dir, learner.history, sample)


__all__ = ["Result", "accuracy", "finish", "fit", "image_loaders", "stopped", "threads"]
