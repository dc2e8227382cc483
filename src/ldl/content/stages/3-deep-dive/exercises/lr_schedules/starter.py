"""Three learning-rate schedules, as pure functions of the step number. See statement.md."""

import math


def step_decay(step: int, lr: float, step_size: int, gamma: float) -> float:
    """lr * gamma ** (step // step_size)."""
    raise NotImplementedError


def warmup_cosine(step: int, max_lr: float, total_steps: int, warmup_steps: int, min_lr: float = 0.0) -> float:
    """Linear warm-up max_lr * (step + 1) / warmup_steps, then cosine from max_lr to min_lr."""
    raise NotImplementedError


def one_cycle(
    step: int,
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.25,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
) -> float:
    """Cosine up from max_lr / div_factor to max_lr at step pct_start * total_steps - 1, then cosine
    down to max_lr / (div_factor * final_div_factor) at step total_steps - 1."""
    raise NotImplementedError
