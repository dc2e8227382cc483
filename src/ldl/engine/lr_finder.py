"""The learning-rate range test (Smith, 2015; fastai's `lr_find`).

Train for a few hundred steps while the learning rate grows exponentially from tiny to huge:

    lr_k = start_lr * (end_lr / start_lr) ^ (k / (num_steps - 1))

and record the loss. At first nothing happens (too small), then the loss falls, then it explodes
(too large). A good learning rate sits where the loss falls fastest, well before the minimum.
The loss is noisy from batch to batch, so it is smoothed with an exponential moving average
(bias-corrected, as in Adam). The model's weights and the optimizer's state are put back
afterwards: the test only looks.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from ldl.engine.nn.module import Module
from ldl.engine.optim import Optimizer
from ldl.engine.tensor import Tensor


@dataclass
class LrFinderResult:
    lrs: list[float]
    losses: list[float]  # smoothed
    suggested_lr: float  # steepest descent of the smoothed loss against log(lr)
    min_loss_lr: float  # where the smoothed loss was lowest; a tenth of it is a classic choice


def lr_range_test(
    model: Module,
    optimizer: Optimizer,
    loss_fn: Callable,
    batches: Iterable,
    start_lr: float = 1e-6,
    end_lr: float = 1.0,
    num_steps: int = 100,
    beta: float = 0.9,
    stop_factor: float = 4.0,
) -> LrFinderResult:
    """Sweep the learning rate over `num_steps` batches from `batches` (recycled if too few)."""
    saved_weights, saved_state, saved_lr = model.state_dict(), copy.deepcopy(optimizer.state), optimizer.lr
    lrs, losses, average, best = [], [], 0.0, math.inf
    batch_list = list(batches)
    for k in range(num_steps):
        x, y = batch_list[k % len(batch_list)]
        lr = start_lr * (end_lr / start_lr) ** (k / (num_steps - 1))
        with np.errstate(all="ignore"):  # the sweep is meant to end in overflow
            loss = _one_step(model, optimizer, loss_fn, x, y, lr)
        average = beta * average + (1 - beta) * loss
        smoothed = average / (1 - beta ** (k + 1))
        if not math.isfinite(smoothed) or smoothed > stop_factor * best:
            break  # exploded: the rest of the sweep would say nothing new
        best = min(best, smoothed)
        lrs.append(optimizer.lr)
        losses.append(smoothed)
    model.load_state_dict(saved_weights)
    optimizer.state, optimizer.lr = saved_state, saved_lr
    return LrFinderResult(lrs, losses, *_suggestions(lrs, losses))


def _one_step(model, optimizer, loss_fn, x, y, lr: float) -> float:
    optimizer.lr = lr
    loss = loss_fn(model(Tensor(x)), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def _suggestions(lrs: list[float], losses: list[float]) -> tuple[float, float]:
    if len(lrs) < 3:
        return lrs[0], lrs[0]
    slopes = np.gradient(np.array(losses), np.log(np.array(lrs)))  # d loss / d log(lr)
    return float(lrs[int(np.argmin(slopes))]), float(lrs[int(np.argmin(losses))])


def plot(result: LrFinderResult):
    """The loss against the learning rate (log scale), with the suggestion marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(result.lrs, result.losses)
    axes.axvline(
        result.suggested_lr, color="tab:red", linestyle="--", label=f"steepest: {result.suggested_lr:.2g}"
    )
    axes.set(
        xscale="log", xlabel="learning rate", ylabel="smoothed training loss", title="Learning-rate finder"
    )
    axes.legend()
    return figure
