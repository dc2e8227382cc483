"""Learning-rate schedules: the learning rate as a function of the step number.

Each schedule is a small object with `lr_at(step)` (a pure function, easy to plot and test) and
`step()`, which advances one step and writes the new rate into the optimizer, as
`torch.optim.lr_scheduler` does. Call `scheduler.step()` after `optimizer.step()`.
"""

from __future__ import annotations

import math

from ldl.engine.optim import Optimizer


class Schedule:
    def __init__(self, optimizer: Optimizer):
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.step_count = 0
        optimizer.lr = self.lr_at(0)

    def lr_at(self, step: int) -> float:
        raise NotImplementedError

    def step(self) -> None:
        self.step_count += 1
        self.optimizer.lr = self.lr_at(self.step_count)


class StepLR(Schedule):
    """Multiply the rate by `gamma` every `step_size` steps: lr = base * gamma^floor(t / step_size)."""

    def __init__(self, optimizer, step_size: int, gamma: float = 0.1):
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer)

    def lr_at(self, step):
        return self.base_lr * self.gamma ** (step // self.step_size)


class CosineAnnealingLR(Schedule):
    """Half a cosine from base down to `min_lr` over `total_steps`:
    lr = min + (base - min) * (1 + cos(pi t / T)) / 2."""

    def __init__(self, optimizer, total_steps: int, min_lr: float = 0.0):
        self.total_steps, self.min_lr = total_steps, min_lr
        super().__init__(optimizer)

    def lr_at(self, step):
        progress = min(step, self.total_steps) / self.total_steps
        return self.min_lr + (self.base_lr - self.min_lr) * (1 + math.cos(math.pi * progress)) / 2


def _cosine_between(start: float, end: float, fraction: float) -> float:
    return end + (start - end) * (1 + math.cos(math.pi * fraction)) / 2


class OneCycleLR(Schedule):
    """Smith's one-cycle policy (as fastai's `fit_one_cycle` and torch's `OneCycleLR`):
    warm up along a cosine from max_lr/div_factor to max_lr over the first `pct_start` of the
    steps, then anneal along a cosine down to max_lr/(div_factor*final_div_factor)."""

    def __init__(
        self,
        optimizer,
        max_lr: float,
        total_steps: int,
        pct_start: float = 0.3,
        div_factor: float = 25.0,
        final_div_factor: float = 1e4,
    ):
        self.max_lr, self.total_steps = max_lr, total_steps
        self.initial_lr = max_lr / div_factor
        self.final_lr = self.initial_lr / final_div_factor
        self.warmup_end = float(pct_start * total_steps) - 1  # the step where the peak is reached
        super().__init__(optimizer)

    def lr_at(self, step):
        if step <= self.warmup_end:
            return _cosine_between(self.initial_lr, self.max_lr, step / self.warmup_end)
        fraction = (step - self.warmup_end) / (self.total_steps - 1 - self.warmup_end)
        return _cosine_between(self.max_lr, self.final_lr, min(fraction, 1.0))
