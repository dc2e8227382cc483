"""A small Learner with callbacks: the training loop of stage 1's high-level library, rebuilt.

The loop itself is short and never changes:

    for epoch:   for (x, y) in train_loader:   loss = loss_fn(model(x), y); backward; step
                 then evaluate on valid_loader

Everything optional (metrics, progress, learning-rate schedules, early stopping, logging,
checkpoints) is a `Callback`, a small object whose methods run at named moments of the loop
(`before_fit`, `before_epoch`, `after_batch`, `after_epoch`, `after_fit`). A callback reads and
writes the learner's attributes (`learner.loss`, `learner.epoch`, `learner.metrics`...) and may
stop training by raising `CancelFit`. This is how fastai's Learner works, in a page.

Stopping politely: give the learner an `interrupt` (anything with a `requested` flag, such as
`ldl.tracking.GracefulInterrupt`); after every batch it looks at the flag and, when it is set, stops
with `learner.interrupted = True` and `learner.batch` pointing at the next batch to train on, so
that a checkpoint taken then (`TrackingCallback` does it) resumes with `fit(start_epoch=...,
start_batch=...)` exactly where training stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ldl.engine.nn.module import Module
from ldl.engine.optim import Optimizer
from ldl.engine.rng import get_rng
from ldl.engine.tensor import Tensor, no_grad

EVENTS = ("before_fit", "before_epoch", "before_batch", "after_batch", "after_epoch", "after_fit")


class CancelFit(Exception):
    """Raised by a callback to end training early (after the current epoch's bookkeeping)."""


class Callback:
    """Override any of the EVENTS; each receives the learner. Lower `order` runs first."""

    order = 0


class Learner:
    """Trains `model` on `train_loader` with `loss_fn` and `optimizer`; evaluates on `valid_loader`."""

    def __init__(
        self,
        model: Module,
        train_loader: Iterable,
        valid_loader: Iterable,
        loss_fn: Callable[[Tensor, Any], Tensor],
        optimizer: Optimizer,
        callbacks: Iterable[Callback] = (),
    ):
        self.model, self.loss_fn, self.optimizer = model, loss_fn, optimizer
        self.train_loader, self.valid_loader = train_loader, valid_loader
        self.callbacks = sorted(callbacks, key=lambda cb: cb.order)
        self.step, self.epoch, self.num_epochs = 0, 0, 0
        self.batch = 0  # the next batch of this epoch to train on
        self.interrupt: Any = None  # an object with a `requested` flag (see the module docstring)
        self.interrupted = False
        self.loss: float = float("nan")
        self.metrics: dict[str, float] = {}  # this epoch's validation results
        self.history: list[dict[str, float]] = []  # one entry per finished epoch

    def _emit(self, event: str) -> None:
        for callback in self.callbacks:
            handler = getattr(callback, event, None)
            if handler:
                handler(self)

    def fit(self, num_epochs: int, start_epoch: int = 0, start_batch: int = 0) -> list[dict[str, float]]:
        """Train epochs start_epoch .. num_epochs-1 (the first one from batch `start_batch`, for a
        resumed run); return the per-epoch history."""
        self.num_epochs = num_epochs
        self._emit("before_fit")
        try:
            for self.epoch in range(start_epoch, num_epochs):
                if hasattr(self.train_loader, "epoch"):  # the batch order is a function of the epoch
                    self.train_loader.epoch = self.epoch
                self._emit("before_epoch")
                self.train_one_epoch(start_batch if self.epoch == start_epoch else 0)
                self.metrics = {"epoch": self.epoch, **self.evaluate(self.valid_loader)}
                self.history.append(self.metrics)
                self._emit("after_epoch")
        except CancelFit:
            pass
        self._emit("after_fit")
        return self.history

    def train_one_epoch(self, start_batch: int = 0) -> None:
        """One pass over the training batches; the first `start_batch` are drawn but skipped, so
        a resumed epoch continues with the very batches the interrupted one would have seen."""
        self.model.train()
        self.batch = 0
        for index, (x, y) in enumerate(self.train_loader):
            if index < start_batch:
                continue
            self.x, self.y = x, y  # callbacks may read (or replace) the batch
            self._emit("before_batch")
            loss = self.loss_fn(self.model(Tensor(self.x)), self.y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.step += 1
            self.loss = loss.item()
            self.batch = index + 1
            self._emit("after_batch")
            if self.interrupt is not None and self.interrupt.requested:
                self.interrupted = True
                raise CancelFit

    def evaluate(self, loader: Iterable) -> dict[str, float]:
        """Mean loss over `loader` and the model's outputs; MetricsCallback turns them into scores."""
        self.model.eval()
        total, count, outputs, targets = 0.0, 0, [], []
        with no_grad():
            for x, y in loader:
                out = self.model(Tensor(x))
                total += self.loss_fn(out, y).item() * len(y)
                count += len(y)
                outputs.append(out.data)
                targets.append(np.asarray(y))
        self.model.train()
        self.valid_outputs, self.valid_targets = np.concatenate(outputs), np.concatenate(targets)
        return {"valid_loss": total / max(count, 1)}

    def predict(self, x: np.ndarray, batch_size: int = 512) -> np.ndarray:
        """The model's outputs for inputs x, in evaluation mode, batch by batch."""
        self.model.eval()
        with no_grad():
            outs = [self.model(Tensor(x[i : i + batch_size])).data for i in range(0, len(x), batch_size)]
        self.model.train()
        return np.concatenate(outs)

    # ------------------------------------------------------------------------- saving state

    def state(self) -> dict[str, Any]:
        """Everything that changes during training, for a checkpoint (plain arrays and numbers)."""
        return {
            "model": self.model.state_dict(),
            "optimizer": {"lr": self.optimizer.lr, "state": self.optimizer.state},
            "position": {"step": self.step, "epoch": self.epoch, "batch": self.batch},
            "rng": get_rng().bit_generator.state,  # dropout masks continue where they left off
        }

    def load_state(self, state: dict[str, Any]) -> None:
        self.model.load_state_dict(state["model"])
        self.optimizer.lr = state["optimizer"]["lr"]
        self.optimizer.state = [dict(s) for s in state["optimizer"]["state"]]
        position = state["position"]
        self.step, self.epoch, self.batch = position["step"], position["epoch"], position.get("batch", 0)
        get_rng().bit_generator.state = state["rng"]


def accuracy(outputs: np.ndarray, targets: np.ndarray) -> float:
    """Fraction of rows whose largest output is the target class."""
    return float((outputs.argmax(axis=-1) == targets).mean())
